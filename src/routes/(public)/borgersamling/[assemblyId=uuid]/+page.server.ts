import { error } from '@sveltejs/kit';
import { todayInCopenhagen } from '$lib/format';
import { getAssembly } from '$lib/server/assemblies';
import { auditHead } from '$lib/server/audit';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const [assembly, audit] = await Promise.all([
		getAssembly(locals.supabase, params.assemblyId),
		auditHead(locals.supabase, params.assemblyId)
	]);
	if (!assembly) error(404, { message: 'Not found' });
	return { assembly, audit, milestones: timeline(assembly, todayInCopenhagen()) };
}) satisfies PageServerLoad;
