import { env } from '$env/dynamic/private';
import { kioskAssembly } from '$lib/server/kiosk';
import { runtime } from '$lib/server/runtime';
import type { LayoutServerLoad } from './$types';

export const load = (({ locals, url, cookies }) => ({
	signedInEmail: locals.session?.email ?? null,
	demo: runtime().demo,
	outbox: runtime().mailer.outboxDir !== null,
	accessibilityUrl: env.ACCESSIBILITY_STATEMENT_URL || '/tilgaengelighed',
	path: url.pathname,
	/** A shared tablet in kiosk mode (signs members out after their ballot and an idle minute). */
	kiosk: kioskAssembly(cookies) !== null
})) satisfies LayoutServerLoad;
