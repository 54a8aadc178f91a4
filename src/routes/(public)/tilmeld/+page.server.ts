import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { isValidCode, normaliseCode } from '$lib/recruitment/code';
import { parseForm } from '$lib/forms';
import { registrationCodeSchema } from '$lib/schemas/recruitment';
import { ApiError } from '$lib/server/api';
import { registrationForm } from '$lib/server/recruitment';
import { hitLimit } from '$lib/server/rate-limit';
import { rememberCode } from '$lib/server/registration-flow';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/**
 * Checks a code; on success remembers it and goes on to the form at a clean URL. Every try counts
 * against the network's registration limit, so letter codes cannot be guessed in bulk.
 */
async function accept(event: RequestEvent, raw: string) {
	const { locals, cookies, url } = event;
	const limited = await hitLimit('registration_ip', event.getClientAddress());
	if (!limited.ok) {
		event.setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
		return {
			ok: false as const,
			status: 429,
			message: m.rate_limited_registration({ minutes: limited.minutes })
		};
	}
	const code = normaliseCode(raw);
	if (!isValidCode(code))
		return { ok: false as const, status: 400, message: m.field_registration_code() };
	try {
		await registrationForm(locals.supabase, code);
	} catch (error) {
		if (error instanceof ApiError && error.status === 404)
			return { ok: false as const, status: 400, message: m.register_code_unknown() };
		throw error;
	}
	rememberCode(cookies, url.protocol === 'https:', code);
	redirect(303, '/tilmeld/formular');
}

// The link and QR code in the letter open /tilmeld?kode=…
export const load = (async (event) => {
	const code = event.url.searchParams.get('kode');
	if (!code) return { error: null, code: '' };
	event.setHeaders({ 'cache-control': 'no-store' });
	const result = await accept(event, code);
	return { error: result.message, code };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async (event) => {
		const parsed = parseForm(registrationCodeSchema, await event.request.formData());
		if (!parsed.ok) return parsed.failure;
		const result = await accept(event, parsed.data.code);
		return fail(result.status, {
			values: { code: parsed.data.code },
			errors: { code: result.message }
		});
	}
} satisfies Actions);
