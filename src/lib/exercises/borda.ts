/**
 * Borda count, standard scoring n−1, n−2, …, 0 for n options (de Borda 1781; e.g. Saari, "Basic
 * Geometry of Voting", 1995). Every full ballot gives n(n−1)/2 points in all.
 *
 * Partial (top-k) ballots: the k ranked options get n−1, …, n−k as on a full ballot, and the n−k
 * unranked options share the remaining points n−k−1, …, 0 equally, each getting their mean
 * (n−k−1)/2 (the "averaged" rule). So every ballot, full or partial, gives the same n(n−1)/2 points
 * and no member weighs more than another; a member who ranks only their top 3 is read as
 * indifferent among the rest, exactly as Schulze reads them.
 */
import { positions, type RankingBallot, type RankingConfig } from './ranking';
import { standingsFromScores } from './stats';
import type { OptionId, Standing } from './types';

export interface BordaOptionResult {
	optionId: OptionId;
	/** Total Borda points. */
	points: number;
	/** Points per ballot (0 … n−1). */
	meanPoints: number;
	/** points / (ballots · (n−1)): 1 if every ballot ranked it first, 0 if every ballot ranked it last. */
	normalised: number;
}

export interface BordaTally {
	ballots: number;
	/** Points every ballot gives out: n(n−1)/2. */
	pointsPerBallot: number;
	/** In the order of `config.options`. */
	options: BordaOptionResult[];
	/** Most points first. */
	order: Standing[];
}

/** One ballot's Borda points per option, in the order of `options`. */
export function bordaPoints(options: readonly OptionId[], ranking: readonly OptionId[]): number[] {
	const n = options.length;
	const pos = positions(options, ranking);
	const ranked = pos.filter((p) => p !== null).length;
	const unrankedShare = (n - ranked - 1) / 2;
	return pos.map((p) => (p === null ? unrankedShare : n - 1 - p));
}

export function tallyBorda(config: RankingConfig, ballots: readonly RankingBallot[]): BordaTally {
	const n = config.options.length;
	const totals = config.options.map(() => 0);
	for (const ballot of ballots) {
		bordaPoints(config.options, ballot.ranking).forEach((p, i) => (totals[i]! += p));
	}
	const options = config.options.map((optionId, i): BordaOptionResult => ({
		optionId,
		points: totals[i]!,
		meanPoints: ballots.length ? totals[i]! / ballots.length : NaN,
		normalised: ballots.length && n > 1 ? totals[i]! / (ballots.length * (n - 1)) : NaN
	}));
	return {
		ballots: ballots.length,
		pointsPerBallot: (n * (n - 1)) / 2,
		options,
		order: standingsFromScores(config.options, (_, i) => totals[i]!)
	};
}

/** One ballot's Borda points scaled to 0–1 (1 = ranked first): the per-person value for opinion shift. */
export function bordaValues(
	config: RankingConfig,
	ballot: RankingBallot
): Record<OptionId, number> {
	const n = config.options.length;
	const points = bordaPoints(config.options, ballot.ranking);
	return Object.fromEntries(config.options.map((id, i) => [id, n > 1 ? points[i]! / (n - 1) : 0]));
}
