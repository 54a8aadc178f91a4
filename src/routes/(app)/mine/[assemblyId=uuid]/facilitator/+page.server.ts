import { assemblyPeople } from '$lib/server/assemblies';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, people] = await Promise.all([
		requireRole(params.assemblyId, ['facilitator']),
		assemblyPeople(locals.supabase, params.assemblyId)
	]);
	return {
		assembly,
		members: people.filter((person) => person.roles.includes('member')),
		organisers: people.filter((person) => !person.roles.includes('member'))
	};
}) satisfies PageServerLoad;
