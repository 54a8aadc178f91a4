import { error } from '@sveltejs/kit';
import { assemblyExercises, roundProgress } from '$lib/server/exercises';
import { requireRole } from '$lib/server/guards';
import { eventStream } from '$lib/server/live';
import type { RequestHandler } from './$types';

/**
 * "N of M have voted" in the exercise's open round, as server-sent events: counts only, never who.
 * The same roles as the exercise's page; `null` once no round is open.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']);
	const read = async () => {
		const exercise = (await assemblyExercises(locals.supabase, params.assemblyId)).find(
			(candidate) => candidate.id === params.exerciseId
		);
		if (!exercise) error(404, { message: 'Not found' });
		const open = exercise.rounds.find((round) => round.status === 'open');
		if (!open) return null;
		const { cast, members } = await roundProgress(locals.supabase, open.id);
		return { round_id: open.id, cast, members };
	};
	const first = await read();
	let pending: typeof first | undefined = first;
	return eventStream(async () => {
		const value = pending !== undefined ? pending : await read();
		pending = undefined;
		return value;
	});
};
