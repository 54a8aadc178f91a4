import { fail } from '@sveltejs/kit';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { evaluationAnswersSchema } from '$lib/schemas/council';
import { ApiError } from '$lib/server/api';
import { evaluationItems, myEvaluations, submitEvaluation } from '$lib/server/evaluation';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['member', 'facilitator', 'admin']);
	const [items, mine] = await Promise.all([
		evaluationItems(locals.supabase),
		myEvaluations(locals.supabase, params.assemblyId)
	]);
	return {
		assembly,
		questionnaires: mine.map((q) => ({
			...q,
			items: items.filter((item) => item.audience === q.audience)
		}))
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	submit: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member', 'facilitator', 'admin']);
		const form = await request.formData();
		const audience = form.get('audience') === 'organiser' ? 'organiser' : 'member';
		const items = (await evaluationItems(locals.supabase)).filter((i) => i.audience === audience);
		const parsed = parseForm(evaluationAnswersSchema(items), form);
		if (!parsed.ok) return fail(400, { form: audience, ...parsed.failure.data });
		const answers: Record<string, number | string> = {};
		for (const item of items) {
			const value = String(parsed.data[item.key] ?? '');
			if (value) answers[item.key] = item.kind === 'likert' ? Number(value) : value;
		}
		try {
			await submitEvaluation(locals.supabase, params.assemblyId, audience, answers);
		} catch (caught) {
			if (caught instanceof ApiError && caught.details === 'evaluation_answered') {
				return fieldFailure(audience, formValues(form), '_form', m.eval_error_answered());
			}
			throw caught;
		}
		return { form: audience, saved: true };
	}
} satisfies Actions);
