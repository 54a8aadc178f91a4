import { error, fail } from '@sveltejs/kit';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { noteSchema } from '$lib/schemas/tables';
import { requireRole } from '$lib/server/guards';
import { getSession } from '$lib/server/sessions';
import { saveTableNote, sessionTables, tableFieldError } from '$lib/server/tables';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const EVERYONE = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;

export const load = (async ({ params, locals }) => {
	const [assembly, session, tables] = await Promise.all([
		requireRole(params.assemblyId, [...EVERYONE]),
		getSession(locals.supabase, params.sessionId),
		sessionTables(locals.supabase, params.sessionId)
	]);
	if (!session || !tables || session.assembly_id !== assembly.id) {
		error(404, { message: 'Not found' });
	}
	return { assembly, session, ...tables };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	// The table's note-taker (any member at the table) writes its summary of a question.
	saveNote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const form = await request.formData();
		const parsed = parseForm(noteSchema, form);
		const name = `note-${String(form.get('question_id') ?? '')}`;
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		try {
			await saveTableNote(locals.supabase, parsed.data);
		} catch (error) {
			const refusal = tableFieldError(error);
			if (refusal) return fieldFailure(name, formValues(form), refusal.field, refusal.message);
			throw error;
		}
		return { form: name, saved: true };
	}
} satisfies Actions);
