import { error } from '@sveltejs/kit';
import { parseForm } from '$lib/forms';
import { carryOutDeletionSchema } from '$lib/schemas/privacy';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import { carryOutDeletion, deletionRequests } from '$lib/server/privacy';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const [assembly, requests] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		deletionRequests(locals.supabase, params.assemblyId)
	]);
	return { assembly, requests };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	carryOut: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(carryOutDeletionSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await carryOutDeletion(locals.supabase, parsed.data.request_id);
		} catch (failure) {
			// The person also takes part in an assembly this administrator does not run.
			if (failure instanceof ApiError && failure.code === '42501')
				error(403, { message: 'Forbidden' });
			throw failure;
		}
		return { carriedOut: parsed.data.request_id };
	}
} satisfies Actions);
