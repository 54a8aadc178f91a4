import { describe, expect, it } from 'vitest';
import { bordaPoints, tallyBorda } from './borda';
import { seededRandom } from './random';
import type { RankingBallot, RankingConfig } from './ranking';
import { letterBallots, shuffle } from './test-data';

describe('tallyBorda', () => {
	// Worked example: the capital of Tennessee, 100 voters in four blocs (Wikipedia, "Borda count",
	// section "Example"; also used in the "Condorcet method" article). M = Memphis, N = Nashville,
	// C = Chattanooga, K = Knoxville. Published Borda scores: N 194, C 173, M 126, K 107.
	const tennessee = letterBallots([
		[42, 'MNCK'],
		[26, 'NCKM'],
		[15, 'CKNM'],
		[17, 'KCNM']
	]);
	const config: RankingConfig = { kind: 'ranking', options: ['M', 'N', 'C', 'K'], topK: null };

	it('reproduces the Tennessee worked example', () => {
		const tally = tallyBorda(config, tennessee);
		expect(tally.options.map((o) => [o.optionId, o.points])).toEqual([
			['M', 126],
			['N', 194],
			['C', 173],
			['K', 107]
		]);
		expect(tally.order).toEqual([
			{ optionId: 'N', rank: 1 },
			{ optionId: 'C', rank: 2 },
			{ optionId: 'M', rank: 3 },
			{ optionId: 'K', rank: 4 }
		]);
		expect(tally.options[1]!.meanPoints).toBeCloseTo(1.94);
		expect(tally.options[0]!.normalised).toBeCloseTo(126 / 300);
	});

	it('gives n(n−1)/2 points per ballot, full or top-k', () => {
		const random = seededRandom('borda-property');
		const options = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
		for (let trial = 0; trial < 50; trial++) {
			const k = 1 + Math.floor(random() * options.length);
			const ranking = shuffle(options, random).slice(0, k);
			const sum = bordaPoints(options, ranking).reduce((a, b) => a + b, 0);
			expect(sum).toBe((7 * 6) / 2);
		}
		const ballots: RankingBallot[] = Array.from({ length: 30 }, () => ({
			kind: 'ranking',
			ranking: shuffle(options, random).slice(0, 3)
		}));
		const tally = tallyBorda({ kind: 'ranking', options, topK: 3 }, ballots);
		expect(tally.options.reduce((s, o) => s + o.points, 0)).toBe(30 * tally.pointsPerBallot);
	});

	it('shares the remaining points equally among unranked options', () => {
		// 5 options, top 2: ranked get 4 and 3, the three unranked share 2+1+0 → 1 each.
		expect(bordaPoints(['a', 'b', 'c', 'd', 'e'], ['c', 'a'])).toEqual([3, 1, 4, 1, 1]);
	});

	it('ties share a rank', () => {
		const tally = tallyBorda(
			{ kind: 'ranking', options: ['a', 'b', 'c'], topK: null },
			letterBallots([
				[1, 'abc'],
				[1, 'bac']
			])
		);
		expect(tally.order).toEqual([
			{ optionId: 'a', rank: 1 },
			{ optionId: 'b', rank: 1 },
			{ optionId: 'c', rank: 3 }
		]);
	});
});
