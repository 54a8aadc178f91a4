import { parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { roundDueSchema } from '$lib/schemas/council';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import { today } from '$lib/server/clock';
import { responseOverview, setRoundDue } from '$lib/server/council';
import { fieldFailure, formValues } from '$lib/forms';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['council', 'admin']);
	const overview = await responseOverview(locals.supabase, params.assemblyId, today());
	const total = overview.recommendations.length;
	const rounds = overview.rounds.map((round) => ({
		...round,
		answered: overview.recommendations.filter((rec) =>
			rec.responses.some((r) => r.round_id === round.id)
		).length
	}));
	return {
		assembly,
		today: overview.today,
		rounds,
		total,
		isCouncil: assembly.my_roles.includes('council'),
		isAdmin: assembly.my_roles.includes('admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	setDue: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const form = await request.formData();
		const name = `due-${String(form.get('round_id'))}`;
		const parsed = parseForm(roundDueSchema, form);
		if (!parsed.ok) return { form: name, ...parsed.failure.data, failed: true };
		try {
			await setRoundDue(locals.supabase, parsed.data.round_id, parsed.data.due_on);
		} catch (error) {
			if (error instanceof ApiError && error.details === 'due_date_passed') {
				return fieldFailure(name, formValues(form), 'due_on', m.resp_error_due_passed());
			}
			throw error;
		}
		return { form: name, saved: true };
	}
} satisfies Actions);
