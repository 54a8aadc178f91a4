import { error } from '@sveltejs/kit';
import { todayInCopenhagen } from '$lib/format';
import { getAssembly } from '$lib/server/assemblies';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	return { assembly, milestones: timeline(assembly, todayInCopenhagen()) };
}) satisfies PageServerLoad;
