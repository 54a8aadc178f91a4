import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { isValidCode, normaliseCode } from '$lib/recruitment/code';
import { parseForm } from '$lib/forms';
import { registrationCodeSchema } from '$lib/schemas/recruitment';
import { ApiError } from '$lib/server/api';
import { registrationForm } from '$lib/server/recruitment';
import { rememberCode } from '$lib/server/registration-flow';
import type { Actions, PageServerLoad } from './$types';

/** Checks a code; on success remembers it and goes on to the form at a clean URL. */
async function accept(
	locals: App.Locals,
	cookies: import('@sveltejs/kit').Cookies,
	secure: boolean,
	raw: string
) {
	const code = normaliseCode(raw);
	if (!isValidCode(code)) return { ok: false as const, message: m.field_registration_code() };
	try {
		await registrationForm(locals.supabase, code);
	} catch (error) {
		if (error instanceof ApiError && error.status === 404)
			return { ok: false as const, message: m.register_code_unknown() };
		throw error;
	}
	rememberCode(cookies, secure, code);
	redirect(303, '/tilmeld/formular');
}

// The link and QR code in the letter open /tilmeld?kode=…
export const load = (async ({ url, locals, cookies, setHeaders }) => {
	const code = url.searchParams.get('kode');
	if (!code) return { error: null, code: '' };
	setHeaders({ 'referrer-policy': 'no-referrer', 'cache-control': 'no-store' });
	const result = await accept(locals, cookies, url.protocol === 'https:', code);
	return { error: result.message, code };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ request, locals, cookies, url }) => {
		const parsed = parseForm(registrationCodeSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		const result = await accept(locals, cookies, url.protocol === 'https:', parsed.data.code);
		return fail(400, { values: { code: parsed.data.code }, errors: { code: result.message } });
	}
} satisfies Actions;
