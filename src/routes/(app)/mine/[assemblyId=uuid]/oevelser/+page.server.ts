import { assemblyExercises } from '$lib/server/exercises';
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
	return { assembly, exercises: await assemblyExercises(locals.supabase, params.assemblyId) };
}) satisfies PageServerLoad;
