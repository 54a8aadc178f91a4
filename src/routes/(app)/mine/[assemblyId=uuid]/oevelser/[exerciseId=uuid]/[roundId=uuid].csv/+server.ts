import { resultCsv, resultRows } from '$lib/exercise-results';
import { exportedResult } from '$lib/server/exercise-export';
import type { RequestHandler } from './$types';

/** A round's result as CSV for Danish Excel: every method's order and number, aggregates only. */
export const GET = (async ({ locals, params }) => {
	const { exercise, round, result } = await exportedResult(locals, params);
	const tallies = result.result.tallies as {
		suppressed: boolean;
		result?: Record<string, unknown>;
	};
	return new Response(resultCsv(resultRows(tallies, exercise.options)), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="resultat-runde-${round.number}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
}) satisfies RequestHandler;
