import { parseForm } from '$lib/forms';
import { supportNeedsSchema } from '$lib/schemas/attendance';
import { mySupportNeeds, setMySupportNeeds } from '$lib/server/attendance';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['member']);
	return { assembly, support: await mySupportNeeds(locals.supabase, params.assemblyId) };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(supportNeedsSchema, await request.formData(), ['needs']);
		if (!parsed.ok) return parsed.failure;
		await setMySupportNeeds(
			locals.supabase,
			params.assemblyId,
			parsed.data.needs,
			parsed.data.note
		);
		return { saved: true };
	}
} satisfies Actions);
