import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { formValues, parseForm } from '$lib/forms';
import { registrationSchema, staffChannelSchema } from '$lib/schemas/recruitment';
import { requireRole } from '$lib/server/guards';
import { recruitmentOverview, registerByStaff } from '$lib/server/recruitment';
import { registrationRefusal } from '$lib/server/registration-flow';
import { sessionPlan } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/** The upcoming planned dates a registration asks about (as the citizen's own form does). */
async function plannedDates(locals: App.Locals, assemblyId: string) {
	const plan = await sessionPlan(locals.supabase, assemblyId);
	const now = new Date().toISOString();
	return plan.sessions
		.filter((session) => !session.is_candidate && !session.cancelled_at && session.starts_at > now)
		.map(({ id, title, starts_at, ends_at }) => ({ id, title, starts_at, ends_at }));
}

export const load = (async ({ params, locals }) => {
	const [assembly, overview, sessions] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		recruitmentOverview(locals.supabase, params.assemblyId),
		plannedDates(locals, params.assemblyId)
	]);
	return { assembly, categories: overview.categories, sessions };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ params, request, locals }) => {
		const assembly = await requireRole(params.assemblyId, ['admin']);
		const [{ categories }, sessions] = await Promise.all([
			recruitmentOverview(locals.supabase, params.assemblyId),
			plannedDates(locals, params.assemblyId)
		]);
		const formData = await request.formData();
		const channel = parseForm(staffChannelSchema, formData);
		const parsed = parseForm(
			registrationSchema(
				categories,
				new Date(),
				sessions.map((session) => session.id)
			),
			formData,
			['support_needs', 'available']
		);
		if (!channel.ok || !parsed.ok) {
			return fail(400, {
				values: formValues(formData),
				errors: {
					...(channel.ok ? {} : channel.failure.data.errors),
					...(parsed.ok ? {} : parsed.failure.data.errors)
				}
			});
		}
		try {
			const result = await registerByStaff(
				locals.supabase,
				params.assemblyId,
				channel.data.channel,
				parsed.data
			);
			return { registered: { name: parsed.data.full_name, number: result.registration_number } };
		} catch (error) {
			const refusal = registrationRefusal(error, getLocale(), assembly.registration_closes_on);
			if (!refusal) throw error;
			return fail(400, {
				values: formValues(formData),
				errors: { [refusal.field]: refusal.message }
			});
		}
	}
} satisfies Actions);
