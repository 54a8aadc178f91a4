import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from '$lib/server/api';
import { respondToSelection, selectionInvitation } from '$lib/server/recruitment';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

// The answer link's token goes into an HttpOnly cookie at once and the address bar is cleaned.
const COOKIE = 'samraad_answer';

export const load = (async ({ url, cookies, locals, setHeaders }) => {
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const fromLink = url.searchParams.get('t');
	if (fromLink) {
		cookies.set(COOKIE, fromLink, {
			path: '/tilmeld/svar',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 3600
		});
		redirect(303, '/tilmeld/svar');
	}
	const token = cookies.get(COOKIE);
	if (!token || !/^[\w-]{43}$/.test(token)) return { invitation: null };
	try {
		return { invitation: await selectionInvitation(locals.supabase, token) };
	} catch (error) {
		if (error instanceof ApiError && error.status === 404) return { invitation: null };
		throw error;
	}
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ request, cookies, locals }) => {
		const token = cookies.get(COOKIE);
		const answer = (await request.formData()).get('answer');
		if (!token || (answer !== 'yes' && answer !== 'no'))
			return fail(400, { message: m.answer_unknown() });
		try {
			const status = await respondToSelection(locals.supabase, token, answer === 'yes');
			return { answered: status };
		} catch (error) {
			if (error instanceof ApiError && error.details === 'already_answered')
				return fail(400, { message: m.answer_already() });
			if (error instanceof ApiError && error.status === 404)
				return fail(400, { message: m.answer_unknown() });
			throw error;
		}
	}
} satisfies Actions);
