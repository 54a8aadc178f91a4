/**
 * Fairness measures of a lottery: each person's selection probability under a distribution over
 * panels, and summaries of those probabilities (minimum, Gini coefficient, geometric mean,
 * histogram) for the representativeness report and the benchmark.
 */
import type { Distribution } from './types';

/** Per person, the total weight of the panels that include them. */
export function selectionProbabilities(distribution: Distribution, poolSize: number): number[] {
	const probabilities = new Array<number>(poolSize).fill(0);
	distribution.panels.forEach((panel, p) => {
		const weight = distribution.weights[p] ?? 0;
		for (const i of panel) probabilities[i] = (probabilities[i] ?? 0) + weight;
	});
	return probabilities;
}

export function minimum(values: readonly number[]): number {
	return values.length === 0 ? NaN : values.reduce((least, value) => Math.min(least, value));
}

export function maximum(values: readonly number[]): number {
	return values.length === 0 ? NaN : values.reduce((most, value) => Math.max(most, value));
}

/**
 * The Gini coefficient: the mean absolute difference between two people's probabilities, over
 * twice the mean. 0 when everyone has the same chance; towards 1 when a few have all of it.
 */
export function gini(values: readonly number[]): number {
	const n = values.length;
	if (n === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const total = sorted.reduce((sum, value) => sum + value, 0);
	if (total <= 0) return 0;
	// Σ_i Σ_j |x_i − x_j| = 2 Σ_i (2i − n + 1) x_(i) for 0-based ranks of the sorted values.
	let weighted = 0;
	sorted.forEach((value, i) => {
		weighted += (2 * i - n + 1) * value;
	});
	return weighted / (n * total);
}

/** exp(mean of log p): 0 as soon as anyone has no chance at all. */
export function geometricMean(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	let logSum = 0;
	for (const value of values) {
		if (value <= 0) return 0;
		logSum += Math.log(value);
	}
	return Math.exp(logSum / values.length);
}

export interface HistogramBin {
	/** Inclusive lower edge. */
	from: number;
	/** Exclusive upper edge (inclusive for the last bin). */
	to: number;
	count: number;
}

/**
 * Counts values in `bins` equal-width bins over [from, to] (by default from 0 to the largest
 * value). Values outside the range are clamped into the first or last bin.
 */
export function histogram(
	values: readonly number[],
	bins: number,
	range?: { from: number; to: number }
): HistogramBin[] {
	const count = Math.max(1, Math.floor(bins));
	const from = range?.from ?? 0;
	const largest = values.length ? maximum(values) : 1;
	const to = range?.to ?? (largest > from ? largest : from + 1);
	const width = (to - from) / count;
	const result = Array.from({ length: count }, (_, b) => ({
		from: from + b * width,
		to: b === count - 1 ? to : from + (b + 1) * width,
		count: 0
	}));
	for (const value of values) {
		const b = Math.min(count - 1, Math.max(0, Math.floor((value - from) / width)));
		const bin = result[b];
		if (bin) bin.count++;
	}
	return result;
}

export interface ProbabilitySummary {
	n: number;
	minimum: number;
	maximum: number;
	mean: number;
	gini: number;
	geometricMean: number;
}

export function summarize(probabilities: readonly number[]): ProbabilitySummary {
	const n = probabilities.length;
	const sum = probabilities.reduce((total, value) => total + value, 0);
	return {
		n,
		minimum: minimum(probabilities),
		maximum: maximum(probabilities),
		mean: n === 0 ? NaN : sum / n,
		gini: gini(probabilities),
		geometricMean: geometricMean(probabilities)
	};
}
