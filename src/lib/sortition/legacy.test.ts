import { describe, expect, it } from 'vitest';
import { compileInstance, panelViolation } from './feasibility';
import { estimateLegacyProbabilities, legacyPanel, seededRandom, tryLegacy } from './legacy';
import { InfeasibleError } from './solver';
import type { Instance, Person } from './types';

function makePool(n: number, households = false): Person[] {
	return Array.from({ length: n }, (_, i) => ({
		id: `p${i}`,
		features: {
			gender: i % 3 === 0 ? 'f' : 'm',
			age: i % 4 === 0 ? 'young' : i % 4 === 1 ? 'middle' : 'old',
			region: i % 5 < 2 ? 'north' : 'south'
		},
		household: households ? `h${Math.floor(i / 3)}` : undefined
	}));
}

const instance: Instance = {
	pool: makePool(60),
	k: 10,
	quotas: [
		{ category: 'gender', feature: 'f', min: 4, max: 6 },
		{ category: 'gender', feature: 'm', min: 4, max: 6 },
		{ category: 'age', feature: 'young', min: 2, max: 4 },
		{ category: 'age', feature: 'middle', min: 2, max: 4 },
		{ category: 'age', feature: 'old', min: 3, max: 5 },
		{ category: 'region', feature: 'north', min: 4, max: 4 },
		{ category: 'region', feature: 'south', min: 6, max: 6 }
	]
};

describe('LEGACY', () => {
	it('draws panels that meet every quota', () => {
		const compiled = compileInstance(instance);
		const random = seededRandom(42);
		for (let run = 0; run < 200; run++) {
			expect(panelViolation(compiled, legacyPanel(compiled, random))).toBeNull();
		}
	});

	it('keeps to one person per household when asked', () => {
		const withHouseholds: Instance = {
			...instance,
			pool: makePool(60, true),
			onePerHousehold: true
		};
		const compiled = compileInstance(withHouseholds);
		const random = seededRandom(7);
		for (let run = 0; run < 200; run++) {
			const panel = legacyPanel(withHouseholds, random);
			expect(panelViolation(compiled, panel)).toBeNull();
			const households = panel.map((i) => withHouseholds.pool[i]?.household);
			expect(new Set(households).size).toBe(panel.length);
		}
	});

	it('never selects someone whose feature has a maximum of zero', () => {
		const noYoung: Instance = {
			...instance,
			quotas: instance.quotas.map((quota) =>
				quota.feature === 'young'
					? { ...quota, min: 0, max: 0 }
					: quota.feature === 'old'
						? { ...quota, max: 8 }
						: quota
			)
		};
		const random = seededRandom(3);
		for (let run = 0; run < 100; run++) {
			const panel = legacyPanel(noYoung, random);
			expect(panel.every((i) => noYoung.pool[i]?.features.age !== 'young')).toBe(true);
		}
	});

	it('is reproducible from the injected random source', () => {
		expect(legacyPanel(instance, seededRandom(5))).toEqual(legacyPanel(instance, seededRandom(5)));
		const draws = new Set(
			Array.from({ length: 20 }, (_, s) => legacyPanel(instance, seededRandom(s)).join(','))
		);
		expect(draws.size).toBeGreaterThan(1);
	});

	it('gives up with an InfeasibleError on impossible quotas', () => {
		const impossible: Instance = {
			...instance,
			quotas: [{ category: 'gender', feature: 'f', min: 30, max: 30 }]
		};
		expect(() => legacyPanel(impossible, seededRandom(1), { maxAttempts: 5 })).toThrow(
			InfeasibleError
		);
		expect(tryLegacy(compileInstance(impossible), seededRandom(1), 3)).toBeNull();
	});

	it('estimates selection probabilities that sum to the panel size', () => {
		const estimate = estimateLegacyProbabilities(instance, 500, seededRandom(11));
		expect(estimate.runs).toBe(500);
		expect(estimate.probabilities).toHaveLength(60);
		const total = estimate.probabilities.reduce((sum, p) => sum + p, 0);
		expect(total).toBeCloseTo(10, 9);
		for (const p of estimate.probabilities) expect(p).toBeGreaterThanOrEqual(0);
		expect(estimate.distinctPanels).toBeGreaterThan(1);
		expect(estimate.distinctPanels).toBeLessThanOrEqual(500);
	});
});

describe('seededRandom', () => {
	it('yields numbers in [0, 1) with a roughly even spread', () => {
		const random = seededRandom(123);
		const buckets = new Array<number>(10).fill(0);
		for (let i = 0; i < 10_000; i++) {
			const value = random();
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(1);
			const bucket = Math.floor(value * 10);
			buckets[bucket] = (buckets[bucket] ?? 0) + 1;
		}
		for (const count of buckets) expect(Math.abs(count - 1000)).toBeLessThan(150);
	});
});
