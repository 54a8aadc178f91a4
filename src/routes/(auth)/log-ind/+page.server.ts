import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/forms';
import { requestCodeSchema, verifyCodeSchema } from '$lib/schemas/auth';
import type { SignInFailure } from '$lib/server/auth/port';
import { hitLimit } from '$lib/server/rate-limit';
import { safeNext } from '$lib/server/safe-path';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (({ locals, url }) => {
	const next = safeNext(url.searchParams.get('next'));
	if (locals.session) redirect(303, next);
	return { next };
}) satisfies PageServerLoad;

function failureMessage(reason: SignInFailure, attemptsLeft?: number): string {
	switch (reason) {
		case 'invalid':
			return attemptsLeft ? m.sign_in_invalid({ count: attemptsLeft }) : m.sign_in_invalid_none();
		case 'expired':
			return m.sign_in_expired();
		case 'used':
			return m.sign_in_used();
		case 'too_many_attempts':
			return m.sign_in_too_many();
		case 'locked':
			return m.sign_in_locked();
	}
}

export const actions = mapRefusals({
	sendCode: async ({ request, locals, getClientAddress, setHeaders }) => {
		const form = await request.formData();
		const parsed = parseForm(requestCodeSchema, form);
		if (!parsed.ok) return parsed.failure;
		// Per network, on top of the per-address limit: generous, a whole panel shares one Wi-Fi.
		const limited = await hitLimit('sign_in_ip', getClientAddress());
		if (!limited.ok) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			return fail(429, {
				values: { email: parsed.data.email },
				errors: { email: m.rate_limited_sign_in({ minutes: limited.minutes }) }
			});
		}
		let result: Awaited<ReturnType<typeof locals.auth.requestCode>>;
		try {
			result = await locals.auth.requestCode(parsed.data.email, ({ code, link, minutes }) => ({
				subject: m.mail_subject({ code }),
				text: m.mail_body({ code, link, minutes })
			}));
		} catch (error) {
			// The mail server is down or refuses: say so beside the field, keep the address.
			// Only the error's code: SMTP messages can carry the recipient's address.
			console.error('sign-in mail failed:', (error as { code?: string }).code ?? 'unknown');
			return fail(503, {
				values: { email: parsed.data.email },
				errors: { email: m.sign_in_mail_failed() }
			});
		}
		if (!result.ok) {
			return fail(429, {
				values: { email: parsed.data.email },
				errors: { email: m.sign_in_rate_limited() }
			});
		}
		return { step: 'code' as const, email: parsed.data.email, sent: true };
	},
	verifyCode: async ({ request, locals }) => {
		const form = await request.formData();
		const parsed = parseForm(verifyCodeSchema, form);
		if (!parsed.ok) {
			return fail(400, {
				...parsed.failure.data,
				step: 'code' as const,
				email: String(form.get('email') ?? '')
			});
		}
		const result = await locals.auth.verifyCode(parsed.data.email, parsed.data.code);
		if (!result.ok) {
			const status =
				result.reason === 'locked' || result.reason === 'too_many_attempts' ? 429 : 400;
			return fail(status, {
				step: 'code' as const,
				email: parsed.data.email,
				values: { email: parsed.data.email, code: parsed.data.code },
				errors: {
					code: failureMessage(
						result.reason,
						'attemptsLeft' in result ? result.attemptsLeft : undefined
					)
				},
				canRetry: result.reason === 'invalid'
			});
		}
		redirect(303, safeNext(form.get('next')));
	}
} satisfies Actions);
