import { error } from '@sveltejs/kit';
import { getAssembly } from '$lib/server/assemblies';
import { representativeness } from '$lib/server/recruitment';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, rows] = await Promise.all([
		getAssembly(locals.supabase, params.assemblyId),
		representativeness(locals.supabase, params.assemblyId)
	]);
	if (!assembly) error(404, { message: 'Not found' });
	return { assembly, rows };
}) satisfies PageServerLoad;
