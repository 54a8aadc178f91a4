import type { Cookies } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { formatDate, type Locale } from '$lib/format';
import { ApiError } from './api';

/**
 * The code travels from the letter's link into an HttpOnly cookie at once, so it is not left in
 * the address bar, the history or a referrer.
 */
const CODE_COOKIE = 'samraad_registration';
const DONE_COOKIE = 'samraad_registered';

export function rememberCode(cookies: Cookies, secure: boolean, code: string) {
	cookies.set(CODE_COOKIE, code, {
		path: '/tilmeld',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 2 * 3600
	});
}

export const rememberedCode = (cookies: Cookies) => cookies.get(CODE_COOKIE) ?? null;

export function finish(cookies: Cookies, secure: boolean, done: { number: number; title: string }) {
	cookies.delete(CODE_COOKIE, { path: '/tilmeld' });
	cookies.set(DONE_COOKIE, JSON.stringify(done), {
		path: '/tilmeld',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 3600
	});
}

export function finished(cookies: Cookies): { number: number; title: string } | null {
	try {
		const value = JSON.parse(cookies.get(DONE_COOKIE) ?? 'null');
		return value && typeof value.number === 'number' && typeof value.title === 'string'
			? value
			: null;
	} catch {
		return null;
	}
}

/**
 * Where a refusal from the database belongs on the form, and what it says. The database names the
 * rule in DETAIL (see create_registration in the recruitment migration).
 */
export function registrationRefusal(
	error: unknown,
	locale: Locale,
	closesOn: string | null
): { field: string; message: string } | null {
	if (!(error instanceof ApiError)) return null;
	const detail = error.details ?? '';
	if (detail === 'code_unknown') return { field: 'code', message: m.register_code_unknown() };
	if (detail === 'code_used') return { field: 'code', message: m.register_code_used() };
	if (detail === 'registration_closed')
		return {
			field: 'code',
			message: m.register_closed({ date: closesOn ? formatDate(closesOn, locale) : '' })
		};
	if (detail === 'email_taken') return { field: 'email', message: m.register_email_taken() };
	if (detail === 'age_out_of_range')
		return { field: 'birth_year', message: m.register_age_out_of_range() };
	if (detail === 'consent_required') return { field: 'consent', message: m.field_consent() };
	if (detail === 'contact_required') return { field: 'email', message: m.field_contact() };
	if (detail.startsWith('answer_missing:'))
		return { field: `answer_${detail.split(':')[1]}`, message: m.field_choice() };
	return null;
}
