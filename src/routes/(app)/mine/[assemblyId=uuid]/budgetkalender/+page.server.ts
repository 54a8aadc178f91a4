import { fail } from '@sveltejs/kit';
import { todayInCopenhagen } from '$lib/format';
import { parseForm } from '$lib/forms';
import { budgetEventSchema } from '$lib/schemas/deliberation';
import { budgetCalendar, setBudgetEvent } from '$lib/server/budget-calendar';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const VIEWERS = ['admin', 'facilitator', 'council'] as const;

export const load = (async ({ params, locals, url }) => {
	const assembly = await requireRole(params.assemblyId, [...VIEWERS]);
	const today = todayInCopenhagen();
	const asked = Number(url.searchParams.get('aar'));
	const year =
		Number.isInteger(asked) && asked >= 2000 && asked <= 2100
			? asked
			: Number((assembly.handover_on ?? today).slice(0, 4));
	return {
		assembly,
		year,
		today,
		events: await budgetCalendar(locals.supabase, params.assemblyId, year),
		isAdmin: assembly.my_roles.includes('admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	setEvent: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const form = await request.formData();
		const name = `event-${String(form.get('kind'))}`;
		const parsed = parseForm(budgetEventSchema, form);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		const { year, kind, starts_on, ends_on } = parsed.data;
		await setBudgetEvent(locals.supabase, params.assemblyId, {
			year,
			kind,
			starts_on: starts_on || null,
			ends_on: starts_on && ends_on ? ends_on : null
		});
		return { form: name, saved: true };
	}
} satisfies Actions);
