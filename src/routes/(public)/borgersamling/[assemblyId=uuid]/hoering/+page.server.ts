import { error } from '@sveltejs/kit';
import { getAssembly } from '$lib/server/assemblies';
import { hearingResponses, hearings } from '$lib/server/hearings';
import type { PageServerLoad } from './$types';

/** The responses of closed hearings: all public from the same moment (the database decides). */
export const load = (async ({ locals, params }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	const closed = (await hearings(locals.supabase, params.assemblyId)).filter((h) => h.is_closed);
	const responses = await Promise.all(closed.map((h) => hearingResponses(locals.supabase, h.id)));
	return {
		assembly,
		hearings: closed.map((hearing, index) => ({ ...hearing, responses: responses[index] ?? [] }))
	};
}) satisfies PageServerLoad;
