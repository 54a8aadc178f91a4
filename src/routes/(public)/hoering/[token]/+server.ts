import { redirect } from '@sveltejs/kit';
import { HEARING_COOKIE, HEARING_TOKEN } from '$lib/server/hearing-link';
import type { RequestHandler } from './$types';

/**
 * A party's personal hearing link. The token goes into an HttpOnly cookie scoped to /hoering at
 * once and the browser lands on the token-free /hoering, so the secret is not left in the address
 * bar, the history, a screenshot or the Referer of a link the page holds.
 */
export const GET: RequestHandler = ({ params, cookies, url }) => {
	if (HEARING_TOKEN.test(params.token)) {
		cookies.set(HEARING_COOKIE, params.token, {
			path: '/hoering',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 30 * 86_400
		});
	} else {
		cookies.delete(HEARING_COOKIE, { path: '/hoering' });
	}
	redirect(303, '/hoering');
};
