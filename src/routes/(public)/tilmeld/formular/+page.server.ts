import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime';
import { formValues, parseForm } from '$lib/forms';
import { registrationSchema } from '$lib/schemas/recruitment';
import { ApiError } from '$lib/server/api';
import { hitLimit } from '$lib/server/rate-limit';
import { register, registrationForm } from '$lib/server/recruitment';
import { finish, registrationRefusal, rememberedCode } from '$lib/server/registration-flow';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

async function formFor(locals: App.Locals, code: string | null) {
	if (!code) redirect(303, '/tilmeld');
	try {
		return await registrationForm(locals.supabase, code);
	} catch (error) {
		if (error instanceof ApiError && error.status === 404) redirect(303, '/tilmeld');
		throw error;
	}
}

export const load = (async ({ locals, cookies, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	return { form: await formFor(locals, rememberedCode(cookies)) };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ request, locals, cookies, url, getClientAddress, setHeaders }) => {
		const code = rememberedCode(cookies);
		const questions = await formFor(locals, code);
		const formData = await request.formData();
		const limited = await hitLimit('registration_ip', getClientAddress());
		if (!limited.ok) {
			setHeaders({ 'retry-after': String(limited.retryAfterSeconds) });
			return fail(429, {
				values: formValues(formData),
				errors: { _form: m.rate_limited_registration({ minutes: limited.minutes }) }
			});
		}
		const parsed = parseForm(
			registrationSchema(
				questions.categories,
				new Date(),
				questions.sessions.map((session) => session.id)
			),
			formData,
			['support_needs', 'available']
		);
		if (!parsed.ok) return parsed.failure;
		let result;
		try {
			result = await register(locals.supabase, code!, parsed.data);
		} catch (error) {
			const refusal = registrationRefusal(error, getLocale(), questions.registration_closes_on);
			if (!refusal) throw error;
			return fail(400, {
				values: formValues(formData),
				errors: { [refusal.field]: refusal.message }
			});
		}
		if (parsed.data.email) {
			try {
				await runtime().mailer.send({
					to: parsed.data.email,
					subject: m.register_mail_subject({ title: result.assembly_title }),
					text: m.register_mail_body({
						name: parsed.data.full_name,
						title: result.assembly_title,
						number: result.registration_number
					})
				});
			} catch (error) {
				// The registration stands; the confirmation can be resent by the secretariat.
				console.error(
					'registration confirmation mail failed:',
					(error as { code?: string }).code ?? 'unknown'
				);
			}
		}
		finish(cookies, url.protocol === 'https:', {
			number: result.registration_number,
			title: result.assembly_title
		});
		redirect(303, '/tilmeld/tak');
	}
} satisfies Actions);
