import { describe, expect, it } from 'vitest';
import {
	pointsShares,
	tallyPoints,
	validatePointsBallot,
	validatePointsConfig,
	type PointsConfig
} from './points';

const config: PointsConfig = {
	kind: 'points',
	options: ['a', 'b', 'c'],
	budget: 10,
	maxPerOption: 5,
	mustSpendAll: false
};
const ballot = (points: Record<string, number>) => ({ kind: 'points' as const, points });

describe('validatePointsBallot', () => {
	it('accepts whole points within the caps and the budget', () => {
		expect(validatePointsBallot(config, ballot({ a: 5, b: 3 }))).toEqual([]);
	});

	it('refuses points over the budget or a cap, negative, fractional or on unknown options', () => {
		expect(validatePointsBallot({ ...config, maxPerOption: null }, ballot({ a: 6, b: 5 }))).toEqual(
			[{ key: 'points_over_budget', params: { budget: 10, given: 11 } }]
		);
		expect(validatePointsBallot(config, ballot({ a: 6, b: -1, c: 1.5, x: 1 }))).toEqual([
			{ key: 'points_above_max', optionId: 'a', params: { max: 5 } },
			{ key: 'points_negative', optionId: 'b' },
			{ key: 'points_not_whole', optionId: 'c' },
			{ key: 'points_unknown_option', optionId: 'x' }
		]);
	});

	it('asks for every point to be placed when the exercise says so', () => {
		expect(validatePointsBallot({ ...config, mustSpendAll: true }, ballot({ a: 5, b: 4 }))).toEqual(
			[{ key: 'points_not_all_spent', params: { budget: 10, given: 9 } }]
		);
	});

	it('checks the configuration', () => {
		expect(validatePointsConfig(config)).toEqual([]);
		expect(validatePointsConfig({ ...config, budget: 0, maxPerOption: 3 })).toEqual([
			{ key: 'config_budget_not_positive' },
			{ key: 'config_max_out_of_range', params: { max: 0 } }
		]);
	});
});

describe('tallyPoints', () => {
	it('gives totals, means, share of points and share of voters', () => {
		const tally = tallyPoints(config, [
			ballot({ a: 5, b: 5 }),
			ballot({ a: 4, c: 6 }),
			ballot({ b: 2 }),
			ballot({})
		]);
		expect(tally.pointsPlaced).toBe(22);
		expect(tally.options[0]).toEqual({
			optionId: 'a',
			total: 9,
			mean: 2.25,
			shareOfPoints: 9 / 22,
			shareOfVoters: 0.5,
			voters: 2
		});
		expect(tally.options[1]).toMatchObject({ total: 7, voters: 2, shareOfVoters: 0.5 });
		expect(tally.order.map((s) => s.optionId)).toEqual(['a', 'b', 'c']);
		expect(pointsShares(config, ballot({ a: 5 }))).toEqual({ a: 0.5, b: 0, c: 0 });
	});
});
