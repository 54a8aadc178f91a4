import { describe, expect, it } from 'vitest';
import {
	geometricMean,
	gini,
	histogram,
	maximum,
	minimum,
	selectionProbabilities,
	summarize
} from './stats';

describe('selectionProbabilities', () => {
	it('adds the weights of the panels that include each person', () => {
		const probabilities = selectionProbabilities(
			{
				panels: [
					[0, 1],
					[1, 2],
					[0, 2]
				],
				weights: [0.5, 0.25, 0.25]
			},
			4
		);
		expect(probabilities).toEqual([0.75, 0.75, 0.5, 0]);
	});
});

describe('summaries', () => {
	it('minimum and maximum', () => {
		expect(minimum([0.3, 0.1, 0.2])).toBe(0.1);
		expect(maximum([0.3, 0.1, 0.2])).toBe(0.3);
		expect(minimum([])).toBeNaN();
	});

	it('Gini: 0 for equal chances, (n−1)/n when one person has them all', () => {
		expect(gini([0.1, 0.1, 0.1, 0.1])).toBeCloseTo(0, 12);
		expect(gini([0, 0, 0, 1])).toBeCloseTo(0.75, 12);
		// Mean absolute difference of {1, 2, 3}: (1+2+1)·2/9 = 8/9; over 2·mean = 4 gives 2/9.
		expect(gini([3, 1, 2])).toBeCloseTo(2 / 9, 12);
	});

	it('geometric mean, and 0 when anyone has no chance', () => {
		expect(geometricMean([0.1, 0.4])).toBeCloseTo(0.2, 12);
		expect(geometricMean([0.1, 0])).toBe(0);
	});

	it('summarize', () => {
		expect(summarize([0.2, 0.2])).toEqual({
			n: 2,
			minimum: 0.2,
			maximum: 0.2,
			mean: 0.2,
			gini: 0,
			geometricMean: expect.closeTo(0.2, 12) as number
		});
	});
});

describe('histogram', () => {
	it('counts values in equal bins, the largest value in the last', () => {
		const bins = histogram([0, 0.05, 0.1, 0.2], 2, { from: 0, to: 0.2 });
		expect(bins.map((bin) => bin.count)).toEqual([2, 2]);
		expect(bins[0]?.from).toBe(0);
		expect(bins[1]?.to).toBe(0.2);
	});

	it('defaults to [0, largest] and clamps outliers', () => {
		const bins = histogram([0.05, 0.3, -1], 3);
		expect(bins.map((bin) => bin.count)).toEqual([2, 0, 1]);
		expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
	});
});
