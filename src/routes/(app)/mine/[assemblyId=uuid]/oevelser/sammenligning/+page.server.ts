import { compareAssemblyMethods } from '$lib/server/exercise-compare';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [
		'member',
		'facilitator',
		'admin',
		'council',
		'evaluator'
	]);
	return { assembly, compared: await compareAssemblyMethods(locals.supabase, params.assemblyId) };
}) satisfies PageServerLoad;
