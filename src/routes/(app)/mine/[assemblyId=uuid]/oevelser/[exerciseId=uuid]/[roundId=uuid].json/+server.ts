import { json } from '@sveltejs/kit';
import { exportedResult } from '$lib/server/exercise-export';
import type { RequestHandler } from './$types';

/** A round's stored result as JSON: the settings, the aggregates and the counted receipt codes. */
export const GET = (async ({ locals, params }) => {
	const { exercise, round, result } = await exportedResult(locals, params);
	return json(
		{
			exercise: {
				id: exercise.id,
				title: exercise.title,
				question: exercise.question,
				kind: exercise.kind,
				config: exercise.config,
				options: exercise.options
			},
			round: { number: round.number, status: round.status, closed_at: round.closed_at },
			...result
		},
		{ headers: { 'cache-control': 'private, no-store' } }
	);
}) satisfies RequestHandler;
