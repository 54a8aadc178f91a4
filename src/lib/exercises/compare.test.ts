import { describe, expect, it } from 'vitest';
import { tallyBorda } from './borda';
import { compareMethods, kendallTauB } from './compare';
import type { RankingConfig } from './ranking';
import { tallySchulze } from './schulze';
import { letterBallots } from './test-data';

describe('compareMethods', () => {
	it('shows Borda and Schulze side by side on the 45-voter example, where they disagree', () => {
		const config: RankingConfig = {
			kind: 'ranking',
			options: ['A', 'B', 'C', 'D', 'E'],
			topK: null
		};
		const ballots = letterBallots([
			[5, 'ACBED'],
			[5, 'ADECB'],
			[8, 'BEDAC'],
			[3, 'CABED'],
			[7, 'CAEBD'],
			[2, 'CBADE'],
			[7, 'DCEBA'],
			[8, 'EBADC']
		]);
		const borda = tallyBorda(config, ballots);
		const schulze = tallySchulze(config, ballots);
		// On full ballots a Borda score is the row sum of d in Schulze's paper: A 20+26+30+22 = 98,
		// B 92, C 89, D 69, E 102. Borda puts B above C, Schulze C above B.
		expect(borda.options.map((o) => o.points)).toEqual([98, 92, 89, 69, 102]);
		const comparison = compareMethods(config.options, [
			{ method: 'borda', order: borda.order },
			{ method: 'schulze', order: schulze.order }
		]);
		expect(comparison.methods).toEqual(['borda', 'schulze']);
		expect(comparison.columns[0]!.order.map((s) => `${s.rank}${s.optionId}`)).toEqual([
			'1E',
			'2A',
			'3B',
			'4C',
			'5D'
		]);
		expect(comparison.columns[1]!.order.map((s) => `${s.rank}${s.optionId}`)).toEqual([
			'1E',
			'2A',
			'3C',
			'4B',
			'5D'
		]);
		expect(comparison.rows).toEqual([
			{ optionId: 'E', ranks: [1, 1] },
			{ optionId: 'A', ranks: [2, 2] },
			{ optionId: 'B', ranks: [3, 4] },
			{ optionId: 'C', ranks: [4, 3] },
			{ optionId: 'D', ranks: [5, 5] }
		]);
		expect(comparison.agreement[0]![0]).toBe(1);
		// One of the ten pairs (B, C) is in the other order: τ = (9 − 1) / 10.
		expect(comparison.agreement[0]![1]).toBeCloseTo(0.8);
	});

	it('marks an option a method did not rank', () => {
		const comparison = compareMethods(
			['a', 'b'],
			[{ method: 'x', order: [{ optionId: 'a', rank: 1 }] }]
		);
		expect(comparison.rows).toEqual([
			{ optionId: 'a', ranks: [1] },
			{ optionId: 'b', ranks: [null] }
		]);
	});
});

describe('kendallTauB', () => {
	it('is 1 for the same order and −1 for the reverse', () => {
		const order = ['a', 'b', 'c'].map((optionId, i) => ({ optionId, rank: i + 1 }));
		const reverse = order.map((s) => ({ ...s, rank: 4 - s.rank }));
		expect(kendallTauB(order, order)).toBe(1);
		expect(kendallTauB(order, reverse)).toBe(-1);
	});
});
