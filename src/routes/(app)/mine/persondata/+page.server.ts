import { parseForm } from '$lib/forms';
import { deletionRequestSchema } from '$lib/schemas/privacy';
import { requireUser } from '$lib/server/guards';
import { myData, requestDeletion } from '$lib/server/privacy';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

interface Requested {
	requested_at: string;
	carried_out_at: string | null;
}

export const load = (async ({ locals }) => {
	requireUser();
	const data = await myData(locals.supabase);
	return { requests: (data.deletion_requests ?? []) as Requested[] };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	requestDeletion: async ({ request, locals }) => {
		requireUser();
		const parsed = parseForm(deletionRequestSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await requestDeletion(locals.supabase);
		return { requested: true };
	}
} satisfies Actions);
