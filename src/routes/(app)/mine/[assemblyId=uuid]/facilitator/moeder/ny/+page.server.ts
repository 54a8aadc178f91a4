import { fail, redirect } from '@sveltejs/kit';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { sessionSchema } from '$lib/schemas/session';
import { requireRole } from '$lib/server/guards';
import { saveSession, sessionFieldError } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params }) => {
	return { assembly: await requireRole(params.assemblyId, [...ORGANISERS]) };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	save: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(sessionSchema, form);
		if (!parsed.ok) return fail(400, { form: 'session', ...parsed.failure.data });
		let sessionId: string;
		try {
			sessionId = await saveSession(locals.supabase, params.assemblyId, null, parsed.data);
		} catch (error) {
			const refusal = sessionFieldError(error);
			if (refusal) return fieldFailure('session', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		redirect(303, `/mine/${params.assemblyId}/facilitator/moeder/${sessionId}?oprettet=1`);
	}
} satisfies Actions);
