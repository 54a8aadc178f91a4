import { fail } from '@sveltejs/kit';
import { unsubscribe } from '$lib/server/council';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

// The link in every subscriber mail: a page with one button (link scanners unsubscribe nobody).
// Mail programs use the one-click address beside it (RFC 8058).
export const load = (({ url }) => ({
	hasToken: Boolean(url.searchParams.get('t'))
})) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ locals, url }) => {
		const token = url.searchParams.get('t') ?? '';
		const assemblyId = token ? await unsubscribe(locals.supabase, token) : null;
		if (!assemblyId) return fail(400, { invalid: true });
		return { unsubscribed: true, assemblyId };
	}
} satisfies Actions);
