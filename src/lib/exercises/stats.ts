import type { OptionId, Standing } from './types';

/** Arithmetic mean; NaN for an empty list. */
export function mean(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	let sum = 0;
	for (const v of values) sum += v;
	return sum / values.length;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) of the values by linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and of spreadsheets' QUARTILE.INC); NaN when empty.
 */
export function quantile(values: readonly number[], q: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return quantileSorted(sorted, q);
}

function quantileSorted(sorted: readonly number[], q: number): number {
	const h = (sorted.length - 1) * q;
	const lo = Math.floor(h);
	const hi = Math.ceil(h);
	const a = sorted[lo]!;
	const b = sorted[hi]!;
	return a + (h - lo) * (b - a);
}

/** Five-number summary plus the mean. */
export interface Summary {
	mean: number;
	min: number;
	q1: number;
	median: number;
	q3: number;
	max: number;
}

export function summarise(values: readonly number[]): Summary {
	if (values.length === 0) {
		return { mean: NaN, min: NaN, q1: NaN, median: NaN, q3: NaN, max: NaN };
	}
	const sorted = [...values].sort((a, b) => a - b);
	return {
		mean: mean(sorted),
		min: sorted[0]!,
		q1: quantileSorted(sorted, 0.25),
		median: quantileSorted(sorted, 0.5),
		q3: quantileSorted(sorted, 0.75),
		max: sorted[sorted.length - 1]!
	};
}

/** Scores closer than this (relative) count as tied, so rounding noise never splits a tie. */
const TIE_TOLERANCE = 1e-9;

function tied(a: number, b: number): boolean {
	return Math.abs(a - b) <= TIE_TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Standings from scores (higher is better), in the order of the result: best first, ties share the
 * rank (standard competition ranking 1, 2, 2, 4) and keep the order of `options` among themselves.
 */
export function standingsFromScores(
	options: readonly OptionId[],
	score: (optionId: OptionId, index: number) => number
): Standing[] {
	const scored = options.map((optionId, index) => ({ optionId, index, s: score(optionId, index) }));
	scored.sort((a, b) => (tied(a.s, b.s) ? a.index - b.index : b.s - a.s));
	const standings: Standing[] = [];
	scored.forEach((entry, position) => {
		const previous = scored[position - 1];
		const rank =
			previous && tied(previous.s, entry.s) ? standings[position - 1]!.rank : position + 1;
		standings.push({ optionId: entry.optionId, rank });
	});
	return standings;
}

/** Standings from ordered tiers (best tier first; options in one tier are tied). */
export function standingsFromTiers(tiers: readonly (readonly OptionId[])[]): Standing[] {
	const standings: Standing[] = [];
	let rank = 1;
	for (const tier of tiers) {
		for (const optionId of tier) standings.push({ optionId, rank });
		rank += tier.length;
	}
	return standings;
}

/** An n×n matrix of zeros. */
export function zeros(n: number): number[][] {
	return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}
