import { describe, expect, it } from 'vitest';
import { quantile, standingsFromScores, standingsFromTiers, summarise } from './stats';

describe('summarise', () => {
	it('gives type-7 quartiles (as R quantile() and QUARTILE.INC)', () => {
		// R: quantile(c(1, 2, 4, 7, 11, 16)) → 1, 2.5, 5.5, 10, 16
		expect(summarise([16, 1, 7, 2, 11, 4])).toEqual({
			mean: 41 / 6,
			min: 1,
			q1: 2.5,
			median: 5.5,
			q3: 10,
			max: 16
		});
		expect(quantile([3], 0.25)).toBe(3);
		expect(summarise([]).mean).toBeNaN();
	});
});

describe('standings', () => {
	it('ranks higher scores first with shared ranks for ties', () => {
		expect(
			standingsFromScores(['a', 'b', 'c', 'd'], (id) => ({ a: 1, b: 3, c: 1 + 1e-12, d: 0 })[id]!)
		).toEqual([
			{ optionId: 'b', rank: 1 },
			{ optionId: 'a', rank: 2 },
			{ optionId: 'c', rank: 2 },
			{ optionId: 'd', rank: 4 }
		]);
		expect(standingsFromTiers([['x'], ['y', 'z'], ['w']]).map((s) => s.rank)).toEqual([1, 2, 2, 4]);
	});
});
