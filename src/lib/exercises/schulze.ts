/**
 * The Schulze method (M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and
 * Condorcet-consistent single-winner election method", Social Choice and Welfare 36 (2011) 267–303),
 * with strength measured by winning votes, as in the paper's and Wikipedia's worked examples.
 *
 * - d[i][j]: number of ballots that prefer option i to option j. A ballot prefers every ranked
 *   option to every unranked one and expresses no preference among its unranked options.
 * - A link i→j exists when d[i][j] > d[j][i], with strength d[i][j]; otherwise its strength is 0.
 * - p[i][j]: strength of the strongest path from i to j (a path is as strong as its weakest link),
 *   computed with a Floyd–Warshall variant.
 * - i is better than j when p[i][j] > p[j][i]. This relation is transitive (Schulze 2011, §4.1);
 *   when no two pairwise counts are equal it is a complete order. With equal counts two options can
 *   be incomparable, so the ranking is built in tiers: the first tier holds the options no other
 *   option is better than (the Schulze winners); remove them and repeat. Options in one tier are
 *   tied, and whenever i is better than j, i sits in a higher tier than j.
 * - The Condorcet winner, when there is one, beats every other option head to head (d[w][x] >
 *   d[x][w] for all x) and is always the unique Schulze winner.
 */
import { positions, type RankingBallot, type RankingConfig } from './ranking';
import { standingsFromTiers, zeros } from './stats';
import type { OptionId, Standing } from './types';

export interface SchulzeTally {
	ballots: number;
	/** Row/column order of the matrices. */
	options: OptionId[];
	/** d[i][j]: ballots preferring options[i] to options[j]. */
	d: number[][];
	/** p[i][j]: strength of the strongest path from options[i] to options[j]. */
	p: number[][];
	/** Tiers, best first; options within a tier are tied. */
	ranking: OptionId[][];
	/** The options of the first tier. */
	winners: OptionId[];
	condorcetWinner: OptionId | null;
	order: Standing[];
}

/** The pairwise preference matrix d of a set of ranking ballots. */
export function pairwisePreferences(
	options: readonly OptionId[],
	ballots: readonly RankingBallot[]
): number[][] {
	const n = options.length;
	const d = zeros(n);
	for (const ballot of ballots) {
		const pos = positions(options, ballot.ranking);
		for (let i = 0; i < n; i++) {
			const pi = pos[i];
			if (pi === null || pi === undefined) continue;
			for (let j = 0; j < n; j++) {
				if (i === j) continue;
				const pj = pos[j];
				if (pj === null || pj === undefined || pi < pj) d[i]![j]! += 1;
			}
		}
	}
	return d;
}

/** Strongest path strengths p from the preference matrix d (winning votes). */
export function strongestPaths(d: readonly (readonly number[])[]): number[][] {
	const n = d.length;
	const p = zeros(n);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			if (i !== j && d[i]![j]! > d[j]![i]!) p[i]![j] = d[i]![j]!;
		}
	}
	for (let k = 0; k < n; k++) {
		for (let i = 0; i < n; i++) {
			if (i === k) continue;
			for (let j = 0; j < n; j++) {
				if (j === i || j === k) continue;
				const via = Math.min(p[i]![k]!, p[k]![j]!);
				if (via > p[i]![j]!) p[i]![j] = via;
			}
		}
	}
	return p;
}

/** The option that beats every other head to head, or null. */
export function condorcetWinner(
	options: readonly OptionId[],
	d: readonly (readonly number[])[]
): OptionId | null {
	const n = options.length;
	for (let i = 0; i < n; i++) {
		let beatsAll = true;
		for (let j = 0; j < n && beatsAll; j++) {
			if (i !== j && !(d[i]![j]! > d[j]![i]!)) beatsAll = false;
		}
		if (beatsAll) return options[i]!;
	}
	return null;
}

export function tallySchulze(
	config: RankingConfig,
	ballots: readonly RankingBallot[]
): SchulzeTally {
	const options = [...config.options];
	const d = pairwisePreferences(options, ballots);
	const p = strongestPaths(d);
	const ranking: OptionId[][] = [];
	let remaining = options.map((_, i) => i);
	while (remaining.length > 0) {
		// Transitivity guarantees at least one undominated option, so every round removes some.
		const tier = remaining.filter((j) => !remaining.some((i) => p[i]![j]! > p[j]![i]!));
		ranking.push(tier.map((i) => options[i]!));
		remaining = remaining.filter((i) => !tier.includes(i));
	}
	return {
		ballots: ballots.length,
		options,
		d,
		p,
		ranking,
		winners: ranking[0] ?? [],
		condorcetWinner: condorcetWinner(options, d),
		order: standingsFromTiers(ranking)
	};
}
