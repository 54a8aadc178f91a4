import { describe, expect, it } from 'vitest';
import { checkFeasibility, compileInstance, panelViolation } from './feasibility';
import type { Instance, Person, Quota } from './types';

function pool(rows: [string, string][], households?: string[]): Person[] {
	return rows.map(([gender, age], i) => ({
		id: `p${i}`,
		features: { gender, age },
		household: households?.[i]
	}));
}

const twelve = pool([
	['f', 'young'],
	['f', 'young'],
	['f', 'old'],
	['f', 'old'],
	['f', 'old'],
	['m', 'young'],
	['m', 'old'],
	['m', 'old'],
	['m', 'old'],
	['m', 'old'],
	['m', 'old'],
	['m', 'old']
]);

function quotas(rows: [string, string, number, number][]): Quota[] {
	return rows.map(([category, feature, min, max]) => ({ category, feature, min, max }));
}

/** The relaxed quotas must admit a panel, and the example panel must meet them. */
async function expectRelaxationWorks(instance: Instance) {
	const result = await checkFeasibility(instance);
	expect(result.feasible).toBe(false);
	expect(result.relaxedQuotas).not.toBeNull();
	const relaxed: Instance = { ...instance, quotas: result.relaxedQuotas ?? [] };
	const again = await checkFeasibility(relaxed);
	expect(again.feasible).toBe(true);
	expect(again.relaxation).toEqual([]);
	expect(panelViolation(compileInstance(relaxed), result.examplePanel ?? [])).toBeNull();
	return result;
}

describe('checkFeasibility', () => {
	it('accepts quotas a panel can meet and shows one', async () => {
		const instance: Instance = {
			pool: twelve,
			k: 4,
			quotas: quotas([
				['gender', 'f', 2, 2],
				['gender', 'm', 2, 2],
				['age', 'young', 1, 2],
				['age', 'old', 2, 3]
			])
		};
		const result = await checkFeasibility(instance);
		expect(result.feasible).toBe(true);
		expect(result.conflicts).toEqual([]);
		expect(result.relaxation).toEqual([]);
		expect(panelViolation(compileInstance(instance), result.examplePanel ?? [])).toBeNull();
		expect(JSON.parse(JSON.stringify(result))).toEqual(result);
	});

	it('names a category whose minimums add up to more than the panel', async () => {
		const result = await expectRelaxationWorks({
			pool: twelve,
			k: 4,
			quotas: quotas([
				['gender', 'f', 3, 4],
				['gender', 'm', 2, 4],
				['age', 'young', 0, 4],
				['age', 'old', 0, 4]
			])
		});
		expect(result.conflicts).toContainEqual({
			kind: 'category-mins-above-k',
			category: 'gender',
			sumOfMins: 5,
			k: 4
		});
		// Lowering one minimum by one is the smallest fix.
		expect(result.relaxation).toHaveLength(1);
		const [change] = result.relaxation;
		expect(change?.category).toBe('gender');
		expect((change?.min ?? 0) - (change?.newMin ?? 0)).toBe(1);
	});

	it('names a category whose maximums cannot fill the panel', async () => {
		const result = await expectRelaxationWorks({
			pool: twelve,
			k: 6,
			quotas: quotas([
				['gender', 'f', 0, 6],
				['gender', 'm', 0, 6],
				['age', 'young', 0, 2],
				['age', 'old', 0, 3]
			])
		});
		expect(result.conflicts).toContainEqual({
			kind: 'category-maxes-below-k',
			category: 'age',
			reachable: 5,
			k: 6
		});
		expect(result.relaxation.map((change) => change.newMax - change.max)).toEqual([1]);
	});

	it('names a feature with fewer people in the pool than its minimum', async () => {
		const result = await expectRelaxationWorks({
			pool: twelve,
			k: 6,
			quotas: quotas([
				['gender', 'f', 0, 6],
				['gender', 'm', 0, 6],
				['age', 'young', 4, 6],
				['age', 'old', 0, 6]
			])
		});
		expect(result.conflicts).toContainEqual({
			kind: 'too-few-in-pool',
			category: 'age',
			feature: 'young',
			min: 4,
			available: 3
		});
		expect(result.relaxation).toEqual([
			{ category: 'age', feature: 'young', min: 4, max: 6, newMin: 3, newMax: 6 }
		]);
	});

	it('names a minimum above its maximum', async () => {
		const result = await expectRelaxationWorks({
			pool: twelve,
			k: 4,
			quotas: quotas([
				['gender', 'f', 3, 2],
				['gender', 'm', 0, 4],
				['age', 'young', 0, 4],
				['age', 'old', 0, 4]
			])
		});
		expect(result.conflicts).toContainEqual({
			kind: 'min-above-max',
			category: 'gender',
			feature: 'f',
			min: 3,
			max: 2
		});
	});

	it('names the categories when each quota can be met alone but not together', async () => {
		// Every woman is old and every young person is a man: 2 women and 2 young need 4 seats of 3.
		const instance: Instance = {
			pool: pool([
				['f', 'old'],
				['f', 'old'],
				['m', 'young'],
				['m', 'young'],
				['m', 'old']
			]),
			k: 3,
			quotas: quotas([
				['gender', 'f', 2, 3],
				['gender', 'm', 0, 3],
				['age', 'young', 2, 3],
				['age', 'old', 0, 3]
			])
		};
		const result = await expectRelaxationWorks(instance);
		const combination = result.conflicts.find((conflict) => conflict.kind === 'combination');
		expect(combination).toBeDefined();
		expect(result.relaxation.reduce((sum, c) => sum + c.min - c.newMin + c.newMax - c.max, 0)).toBe(
			1
		);
	});

	it('counts households, not people, when one per household is required', async () => {
		const people = pool(
			[
				['f', 'young'],
				['f', 'young'],
				['m', 'old'],
				['m', 'old']
			],
			['a', 'a', 'b', 'c']
		);
		const instance: Instance = {
			pool: people,
			k: 3,
			onePerHousehold: true,
			quotas: quotas([
				['gender', 'f', 2, 3],
				['gender', 'm', 0, 3],
				['age', 'young', 0, 3],
				['age', 'old', 0, 3]
			])
		};
		const result = await expectRelaxationWorks(instance);
		expect(result.conflicts).toContainEqual({
			kind: 'too-few-in-pool',
			category: 'gender',
			feature: 'f',
			min: 2,
			available: 1
		});
		const panel = result.examplePanel ?? [];
		expect(new Set(panel.map((i) => people[i]?.household)).size).toBe(panel.length);
	});

	it('says so when the pool is smaller than the panel, with no relaxation to offer', async () => {
		const result = await checkFeasibility({
			pool: twelve.slice(0, 3),
			k: 4,
			quotas: quotas([['gender', 'f', 0, 4]])
		});
		expect(result.feasible).toBe(false);
		expect(result.conflicts).toContainEqual({ kind: 'pool-too-small', available: 3, k: 4 });
		expect(result.relaxedQuotas).toBeNull();
	});

	it('reports people whose value has no quota row', async () => {
		const result = await checkFeasibility({
			pool: [...twelve, { id: 'x', features: { gender: 'other', age: 'old' } }],
			k: 4,
			quotas: quotas([
				['gender', 'f', 0, 4],
				['gender', 'm', 0, 4],
				['age', 'young', 0, 4],
				['age', 'old', 0, 4]
			])
		});
		expect(result.feasible).toBe(true);
		expect(result.unlistedFeatures).toEqual([
			{ person: 'x', category: 'gender', feature: 'other' }
		]);
	});
});

describe('panelViolation', () => {
	const instance: Instance = {
		pool: twelve,
		k: 2,
		quotas: quotas([['gender', 'f', 1, 1]])
	};
	const compiled = compileInstance(instance);
	it('accepts a valid panel and explains an invalid one', () => {
		expect(panelViolation(compiled, [0, 5])).toBeNull();
		expect(panelViolation(compiled, [0, 1])).toMatch(/gender=f/);
		expect(panelViolation(compiled, [0])).toMatch(/not 2/);
		expect(panelViolation(compiled, [5, 5])).toMatch(/twice/);
	});
});
