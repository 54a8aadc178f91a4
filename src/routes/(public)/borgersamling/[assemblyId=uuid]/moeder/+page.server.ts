import { error } from '@sveltejs/kit';
import { getAssembly } from '$lib/server/assemblies';
import { sessionPlan } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	const plan = await sessionPlan(locals.supabase, params.assemblyId);
	return {
		assembly,
		plan: { ...plan, sessions: plan.sessions.filter((session) => !session.is_candidate) }
	};
}) satisfies PageServerLoad;
