import { env } from '$env/dynamic/private';
import { runtime } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals, url }) => ({
	signedInEmail: locals.session?.email ?? null,
	demo: runtime().demo,
	outbox: runtime().mailer.outboxDir !== null,
	accessibilityUrl: env.ACCESSIBILITY_STATEMENT_URL || '/tilgaengelighed',
	path: url.pathname
})) satisfies LayoutServerLoad;
