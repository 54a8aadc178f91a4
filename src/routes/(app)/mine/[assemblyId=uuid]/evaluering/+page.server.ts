import { todayInCopenhagen } from '$lib/format';
import { requireRole } from '$lib/server/guards';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const assembly = await requireRole(params.assemblyId, ['evaluator']);
	return { assembly, milestones: timeline(assembly, todayInCopenhagen()) };
}) satisfies PageServerLoad;
