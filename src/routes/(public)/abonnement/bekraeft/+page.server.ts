import { fail, redirect } from '@sveltejs/kit';
import { confirmSubscription } from '$lib/server/council';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

// The token arrives in the link (?t=); the page only shows a button, so a mail scanner that
// fetches the link confirms nothing. The token is never logged or shown.
export const load = (({ url }) => ({
	hasToken: Boolean(url.searchParams.get('t'))
})) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ locals, url }) => {
		const token = url.searchParams.get('t') ?? '';
		const assemblyId = token ? await confirmSubscription(locals.supabase, token) : null;
		if (!assemblyId) return fail(400, { invalid: true });
		redirect(303, `/borgersamling/${assemblyId}/opfoelgning?bekraeftet=1`);
	}
} satisfies Actions);
