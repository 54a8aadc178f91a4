/** Ballot helpers shared by the tests. */
import type { RankingBallot } from './ranking';

/** Expands `[count, 'ACBED']` groups into ranking ballots over single-letter options. */
export function letterBallots(groups: readonly (readonly [number, string])[]): RankingBallot[] {
	return groups.flatMap(([count, order]) =>
		Array.from({ length: count }, (): RankingBallot => ({ kind: 'ranking', ranking: [...order] }))
	);
}

/** A uniformly random permutation (Fisher–Yates) drawn with `random`. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
	const result = [...items];
	for (let i = result.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[result[i], result[j]] = [result[j]!, result[i]!];
	}
	return result;
}
