import { error } from '@sveltejs/kit';
import { requireRole } from './guards';
import { assemblyExercises, roundResults } from './exercises';

/**
 * The exercise and stored result of a round, for those who may read it (RLS decides: members and
 * the council after publication, organisers once counted).
 */
export async function exportedResult(
	locals: App.Locals,
	params: { assemblyId: string; exerciseId: string; roundId: string }
) {
	await requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']);
	const exercise = (await assemblyExercises(locals.supabase, params.assemblyId)).find(
		(candidate) => candidate.id === params.exerciseId
	);
	const round = exercise?.rounds.find((candidate) => candidate.id === params.roundId);
	if (!exercise || !round) error(404, { message: 'Not found' });
	const result = await roundResults(locals.supabase, round.id);
	if (!result) error(404, { message: 'Not found' });
	return { exercise, round, result };
}
