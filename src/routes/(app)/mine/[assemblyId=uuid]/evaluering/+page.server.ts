import { todayInCopenhagen } from '$lib/format';
import { today } from '$lib/server/clock';
import { responseOverview } from '$lib/server/council';
import { evaluationRecords, evaluationResults } from '$lib/server/evaluation';
import { requireRole } from '$lib/server/guards';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['evaluator']);
	const [results, records, responses] = await Promise.all([
		evaluationResults(locals.supabase, params.assemblyId),
		evaluationRecords(locals.supabase, params.assemblyId),
		responseOverview(locals.supabase, params.assemblyId, today())
	]);
	return {
		assembly,
		milestones: timeline(assembly, todayInCopenhagen()),
		results,
		records,
		rounds: responses.rounds
	};
}) satisfies PageServerLoad;
