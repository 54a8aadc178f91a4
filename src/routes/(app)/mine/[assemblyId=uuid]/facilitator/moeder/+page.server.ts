import { fail } from '@sveltejs/kit';
import { parseForm } from '$lib/forms';
import { rulesSchema } from '$lib/schemas/session';
import { requireRole } from '$lib/server/guards';
import { availabilitySummary, saveSessionRules, sessionPlan } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const [assembly, plan, availability] = await Promise.all([
		requireRole(params.assemblyId, [...ORGANISERS]),
		sessionPlan(locals.supabase, params.assemblyId),
		availabilitySummary(locals.supabase, params.assemblyId)
	]);
	return { assembly, plan, availability };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	rules: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(rulesSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'rules', ...parsed.failure.data });
		await saveSessionRules(locals.supabase, params.assemblyId, parsed.data.material_days_before);
		return { form: 'rules', saved: true };
	}
} satisfies Actions);
