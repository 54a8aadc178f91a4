import { todayInCopenhagen } from '$lib/format';
import { requireRole } from '$lib/server/guards';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['member']);
	const { data: me } = await locals.supabase.schema('api').rpc('whoami');
	return {
		assembly,
		name: (me as { person?: { full_name: string } } | null)?.person?.full_name ?? '',
		milestones: timeline(assembly, todayInCopenhagen())
	};
}) satisfies PageServerLoad;
