import { describe, expect, it } from 'vitest';
import {
	allocationShares,
	tallyAllocation,
	toTenths,
	validateAllocationBallot,
	validateAllocationConfig,
	type AllocationBallot,
	type AllocationConfig
} from './allocation';

// 100 mio. kr. over three areas; elder care has 30 mio. kr. locked by law.
const config: AllocationConfig = {
	kind: 'allocation',
	unit: 'mio_kr',
	total: 100,
	step: 0.1,
	options: [
		{ optionId: 'elder', min: 20, max: 60, locked: 30 },
		{ optionId: 'school', min: 10, max: 50, locked: 0 },
		{ optionId: 'culture', min: 0, max: 20, locked: 0 }
	]
};
const ballot = (elder: number, school: number, culture: number): AllocationBallot => ({
	kind: 'allocation',
	amounts: { elder, school, culture }
});

describe('validateAllocationBallot', () => {
	it('accepts a balanced ballot in tenths without floating-point trouble', () => {
		expect(validateAllocationBallot(config, ballot(33.3, 46.7, 20))).toEqual([]);
		expect(validateAllocationBallot(config, ballot(40.1, 40.2, 19.7))).toEqual([]);
	});

	it('refuses a ballot that does not balance and says by how much', () => {
		expect(validateAllocationBallot(config, ballot(40, 40, 17.5))).toEqual([
			{ key: 'allocation_not_balanced', params: { total: 100, sum: 97.5, difference: -2.5 } }
		]);
	});

	it('names the option below its locked part, below its minimum or above its maximum', () => {
		expect(validateAllocationBallot(config, ballot(25, 55, 20))).toEqual([
			{ key: 'allocation_locked_changed', optionId: 'elder', params: { locked: 30 } },
			{ key: 'allocation_above_max', optionId: 'school', params: { max: 50 } }
		]);
		expect(validateAllocationBallot(config, ballot(60, 5, 35))).toEqual([
			{ key: 'allocation_below_min', optionId: 'school', params: { min: 10 } },
			{ key: 'allocation_above_max', optionId: 'culture', params: { max: 20 } }
		]);
	});

	it('refuses amounts off the step, missing, unknown or not numbers', () => {
		expect(validateAllocationBallot({ ...config, step: 1 }, ballot(40.5, 40.5, 19))).toEqual([
			{ key: 'allocation_off_step', optionId: 'elder', params: { step: 1 } },
			{ key: 'allocation_off_step', optionId: 'school', params: { step: 1 } }
		]);
		expect(validateAllocationBallot(config, ballot(40.05, 40, 19.95))).toContainEqual({
			key: 'allocation_not_a_number',
			optionId: 'elder'
		});
		const odd = { kind: 'allocation', amounts: { elder: 50, school: 'x', other: 1 } };
		expect(validateAllocationBallot(config, odd as unknown as AllocationBallot)).toEqual([
			{ key: 'allocation_unknown_option', optionId: 'other' },
			{ key: 'allocation_not_a_number', optionId: 'school' },
			{ key: 'allocation_missing_option', optionId: 'culture' }
		]);
	});
});

describe('validateAllocationConfig', () => {
	it('accepts a feasible configuration', () => {
		expect(validateAllocationConfig(config)).toEqual([]);
	});

	it('refuses one no ballot could balance', () => {
		// The floors are 30 (locked) + 10 + 0 = 40 and the ceilings 60 + 50 + 20 = 130.
		expect(validateAllocationConfig({ ...config, total: 40 })).toEqual([]);
		expect(validateAllocationConfig({ ...config, total: 39 })).toEqual([
			{ key: 'config_infeasible', params: { total: 39, floors: 40, ceilings: 130 } }
		]);
		expect(validateAllocationConfig({ ...config, total: 130 })).toEqual([]);
		expect(validateAllocationConfig({ ...config, total: 131 })[0]!.key).toBe('config_infeasible');
	});

	it('names options with inconsistent limits', () => {
		const bad: AllocationConfig = {
			...config,
			step: 1,
			options: [
				{ optionId: 'a', min: 30, max: 20, locked: 25 },
				{ optionId: 'b', min: 0.5, max: 100, locked: 0 }
			]
		};
		expect(validateAllocationConfig(bad)).toEqual([
			{ key: 'config_min_above_max', optionId: 'a' },
			{ key: 'config_locked_above_max', optionId: 'a' },
			{ key: 'config_off_step', optionId: 'b' }
		]);
	});
});

describe('tallyAllocation', () => {
	it('gives mean, quartiles, min/max and mean share per option', () => {
		const ballots = [
			ballot(30, 50, 20),
			ballot(40, 45, 15),
			ballot(50, 40, 10),
			ballot(60, 35, 5),
			ballot(40, 50, 10)
		];
		const tally = tallyAllocation(config, ballots);
		expect(tally.ballots).toBe(5);
		const elder = tally.options[0]!;
		expect(elder).toMatchObject({
			optionId: 'elder',
			min: 30,
			q1: 40,
			median: 40,
			q3: 50,
			max: 60,
			locked: 30
		});
		expect(elder.mean).toBeCloseTo(44);
		expect(elder.meanShare).toBeCloseTo(0.44);
		// Mean shares of a fixed total always add up to 1.
		expect(tally.options.reduce((s, o) => s + o.meanShare, 0)).toBeCloseTo(1);
		expect(tally.order.map((s) => s.optionId)).toEqual(['elder', 'school', 'culture']);
	});

	it('gives the per-ballot shares used for opinion shift', () => {
		expect(allocationShares(config, ballot(30, 50, 20))).toEqual({
			elder: 0.3,
			school: 0.5,
			culture: 0.2
		});
	});
});

describe('toTenths', () => {
	it('is exact for one decimal and null otherwise', () => {
		expect(toTenths(0.1 + 0.2)).toBe(3);
		expect(toTenths(12.34)).toBeNull();
		expect(toTenths(Number.NaN)).toBeNull();
	});
});
