import { listAssemblies } from '$lib/server/assemblies';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => ({
	assemblies: await listAssemblies(locals.supabase)
})) satisfies PageServerLoad;
