import { error } from '@sveltejs/kit';
import { parseForm } from '$lib/forms';
import { subscribeSchema } from '$lib/schemas/council';
import { getAssembly } from '$lib/server/assemblies';
import { today } from '$lib/server/clock';
import { responseOverview, subscribe } from '$lib/server/council';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ locals, params }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	const overview = await responseOverview(locals.supabase, params.assemblyId, today());
	// The public record: published versions only, whoever is signed in.
	for (const recommendation of overview.recommendations) {
		recommendation.responses = recommendation.responses.filter((r) => r.published_at !== null);
	}
	return { assembly, overview };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	subscribe: async ({ locals, params, request, url }) => {
		const assembly = await getAssembly(locals.supabase, params.assemblyId);
		if (!assembly?.is_public) error(404, { message: 'Not found' });
		const parsed = parseForm(subscribeSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await subscribe(locals.supabase, assembly.id, assembly.title, parsed.data.email, url.origin);
		// The same answer for every address, so none can be probed.
		return { subscribed: true };
	}
} satisfies Actions);
