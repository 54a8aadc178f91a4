import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { formValues, parseForm } from '$lib/forms';
import { registrationSchema, staffChannelSchema } from '$lib/schemas/recruitment';
import { requireRole } from '$lib/server/guards';
import { recruitmentOverview, registerByStaff } from '$lib/server/recruitment';
import { registrationRefusal } from '$lib/server/registration-flow';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, overview] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		recruitmentOverview(locals.supabase, params.assemblyId)
	]);
	return { assembly, categories: overview.categories };
}) satisfies PageServerLoad;

export const actions = {
	default: async ({ params, request, locals }) => {
		const assembly = await requireRole(params.assemblyId, ['admin']);
		const { categories } = await recruitmentOverview(locals.supabase, params.assemblyId);
		const formData = await request.formData();
		const channel = parseForm(staffChannelSchema, formData);
		const parsed = parseForm(registrationSchema(categories), formData, ['support_needs']);
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
} satisfies Actions;
