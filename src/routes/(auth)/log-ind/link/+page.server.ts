import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { linkSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

// The token rides in the query string only until it is exchanged: the page asks for one press
// (so mail scanners that fetch links do not use it up), then redirects to a clean URL.
export const load = (({ url, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const parsed = linkSchema.safeParse({ t: url.searchParams.get('t') ?? '' });
	return { token: parsed.success ? parsed.data.t : null };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ request, locals }) => {
		const parsed = linkSchema.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { error: m.link_invalid() });
		const result = await locals.auth.exchangeLink(parsed.data.t);
		if (!result.ok) return fail(400, { error: m.link_invalid() });
		redirect(303, '/mine');
	}
} satisfies Actions);
