import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { compileInstance, panelViolation } from './feasibility';
import { seededRandom, type RandomSource } from './legacy';
import { evenSubsets, leximin, leximinWithDetails } from './leximin';
import { InfeasibleError, solve, type LinearProgram } from './solver';
import { selectionProbabilities } from './stats';
import type { Instance, Person, Quota } from './types';

/** A small random pool whose quotas a randomly drawn panel meets, so the instance is feasible. */
function randomInstance(random: RandomSource, households = false): Instance {
	const pick = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
	const n = pick(4, 10);
	const k = pick(1, Math.min(4, n - 1));
	const categories = Array.from({ length: pick(2, 3) }, (_, c) => ({
		name: `c${c}`,
		features: Array.from({ length: pick(2, 3) }, (_, f) => `f${f}`)
	}));
	const pool: Person[] = Array.from({ length: n }, (_, i) => ({
		id: `p${i}`,
		features: Object.fromEntries(
			categories.map((category) => [
				category.name,
				category.features[pick(0, category.features.length - 1)] ?? 'f0'
			])
		),
		household: households ? `h${Math.floor(i / 2) + (i % 3 === 0 ? 100 : 0)}` : undefined
	}));
	// A panel that respects the households, then quotas loose around its counts.
	const order = pool.map((_, i) => i).sort(() => random() - 0.5);
	const panel: number[] = [];
	const taken = new Set<string>();
	for (const i of order) {
		const household = pool[i]?.household;
		if (panel.length === k || (household && taken.has(household))) continue;
		panel.push(i);
		if (household) taken.add(household);
	}
	const size = panel.length;
	const quotas: Quota[] = categories.flatMap((category) =>
		category.features.map((feature) => {
			const count = panel.filter((i) => pool[i]?.features[category.name] === feature).length;
			return {
				category: category.name,
				feature,
				min: Math.max(0, count - pick(0, 1)),
				max: count + pick(0, 1)
			};
		})
	);
	return { pool, quotas, k: size, onePerHousehold: households };
}

function combinations(n: number, k: number): number[][] {
	if (k === 0) return [[]];
	const result: number[][] = [];
	const walk = (start: number, chosen: number[]) => {
		if (chosen.length === k) {
			result.push([...chosen]);
			return;
		}
		for (let i = start; i < n; i++) walk(i + 1, [...chosen, i]);
	};
	walk(0, []);
	return result;
}

/**
 * LEXIMIN by brute force: an LP over every valid panel, and at each level a separate LP per
 * person to test whether they can rise above the level (no duals involved).
 */
async function bruteForceLeximin(instance: Instance): Promise<number[]> {
	const compiled = compileInstance(instance);
	const panels = combinations(compiled.n, compiled.k).filter(
		(panel) => panelViolation(compiled, panel) === null
	);
	expect(panels.length).toBeGreaterThan(0);
	const n = compiled.n;
	const fixed = new Array<number | null>(n).fill(null);
	// Columns: one weight per panel, then z. Rows: each person, then Σ weights = 1.
	const program = (objective: number[], level: number | null): LinearProgram => ({
		sense: 'maximize',
		cost: objective,
		lower: [...panels.map(() => 0), -Infinity],
		upper: [...panels.map(() => Infinity), Infinity],
		rows: [
			...Array.from({ length: n }, (_, i) => {
				const indices = panels.flatMap((panel, p) => (panel.includes(i) ? [p] : []));
				const f = fixed[i];
				if (f !== null && f !== undefined) {
					return { indices, values: indices.map(() => 1), lower: f - 1e-9, upper: Infinity };
				}
				if (level !== null) {
					return { indices, values: indices.map(() => 1), lower: level - 1e-9, upper: Infinity };
				}
				return {
					indices: [...indices, panels.length],
					values: [...indices.map(() => 1), -1],
					lower: 0,
					upper: Infinity
				};
			}),
			{ indices: panels.map((_, p) => p), values: panels.map(() => 1), lower: 1, upper: 1 }
		]
	});
	while (fixed.some((f) => f === null)) {
		const levelResult = await solve(program([...panels.map(() => 0), 1], null));
		if (levelResult.status !== 'optimal') throw new Error('brute force level LP failed');
		const z = levelResult.objective;
		let fixedAny = false;
		for (let i = 0; i < n; i++) {
			if (fixed[i] !== null) continue;
			const objective = [...panels.map((panel) => (panel.includes(i) ? 1 : 0)), 0];
			const best = await solve(program(objective, z));
			if (best.status !== 'optimal') throw new Error('brute force person LP failed');
			if (best.objective <= z + 1e-7) {
				fixed[i] = z;
				fixedAny = true;
			}
		}
		expect(fixedAny).toBe(true);
	}
	return fixed.map((f) => f ?? 0);
}

function expectValidDistribution(
	instance: Instance,
	distribution: { panels: number[][]; weights: number[] }
) {
	const compiled = compileInstance(instance);
	expect(distribution.panels.length).toBe(distribution.weights.length);
	for (const panel of distribution.panels) {
		expect(panelViolation(compiled, panel)).toBeNull();
		expect(panel).toEqual([...panel].sort((a, b) => a - b));
	}
	for (const weight of distribution.weights) expect(weight).toBeGreaterThan(0);
	const total = distribution.weights.reduce((sum, weight) => sum + weight, 0);
	expect(total).toBeCloseTo(1, 9);
}

describe('leximin against brute force over every valid panel', () => {
	const cases = [
		...Array.from({ length: 30 }, (_, s) => ({ seed: 1000 + s, households: false })),
		...Array.from({ length: 12 }, (_, s) => ({ seed: 2000 + s, households: true }))
	];
	for (const { seed, households } of cases) {
		it(`random pool ${seed}${households ? ' with one per household' : ''}`, async () => {
			const instance = randomInstance(seededRandom(seed), households);
			const exact = await bruteForceLeximin(instance);
			const result = await leximinWithDetails(instance);
			const probabilities = selectionProbabilities(result.distribution, instance.pool.length);
			const sortedExact = [...exact].sort((a, b) => a - b);
			const sortedOurs = [...probabilities].sort((a, b) => a - b);
			sortedOurs.forEach((p, i) =>
				expect(Math.abs(p - (sortedExact[i] ?? NaN))).toBeLessThan(1e-6)
			);
			// The LEXIMIN vector is unique, so it agrees person by person too.
			probabilities.forEach((p, i) => expect(Math.abs(p - (exact[i] ?? NaN))).toBeLessThan(1e-6));
			result.probabilities.forEach((p, i) =>
				expect(Math.abs(p - (exact[i] ?? NaN))).toBeLessThan(1e-6)
			);
			expectValidDistribution(instance, result.distribution);
		});
	}
});

describe('leximin', () => {
	it('never puts two people of one household on a panel', async () => {
		const pool: Person[] = Array.from({ length: 8 }, (_, i) => ({
			id: `p${i}`,
			features: { gender: i % 2 ? 'm' : 'f' },
			household: `h${Math.floor(i / 4)}`
		}));
		const instance: Instance = {
			pool,
			k: 2,
			onePerHousehold: true,
			quotas: [
				{ category: 'gender', feature: 'f', min: 1, max: 1 },
				{ category: 'gender', feature: 'm', min: 1, max: 1 }
			]
		};
		const distribution = await leximin(instance);
		expectValidDistribution(instance, distribution);
		for (const panel of distribution.panels) {
			expect(new Set(panel.map((i) => pool[i]?.household)).size).toBe(2);
		}
		// Two households of four: each person gets 1/4.
		for (const p of selectionProbabilities(distribution, pool.length))
			expect(p).toBeCloseTo(0.25, 6);
	});

	it('gives nothing to someone no valid panel can include, and the most it can to the rest', async () => {
		const instance: Instance = {
			pool: [
				{ id: 'a', features: { age: 'young' } },
				{ id: 'b', features: { age: 'young' } },
				{ id: 'c', features: { age: 'old' } }
			],
			k: 1,
			quotas: [
				{ category: 'age', feature: 'young', min: 1, max: 1 },
				{ category: 'age', feature: 'old', min: 0, max: 0 }
			]
		};
		const result = await leximinWithDetails(instance);
		expect(result.probabilities[2]).toBeCloseTo(0, 9);
		expect(result.probabilities[0]).toBeCloseTo(0.5, 9);
		expect(result.probabilities[1]).toBeCloseTo(0.5, 9);
	});

	it('rejects infeasible quotas', async () => {
		const instance: Instance = {
			pool: [
				{ id: 'a', features: { age: 'young' } },
				{ id: 'b', features: { age: 'old' } }
			],
			k: 1,
			quotas: [
				{ category: 'age', feature: 'young', min: 1, max: 1 },
				{ category: 'age', feature: 'old', min: 1, max: 1 }
			]
		};
		await expect(leximin(instance)).rejects.toBeInstanceOf(InfeasibleError);
	});

	it('stops with an AbortError when cancelled, and reports monotone progress', async () => {
		const instance = randomInstance(seededRandom(7));
		const controller = new AbortController();
		const fractions: number[] = [];
		const run = leximin(instance, {
			signal: controller.signal,
			onProgress: (progress) => {
				fractions.push(progress.fraction);
				controller.abort();
			}
		});
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
		expect(fractions.length).toBeGreaterThan(0);

		const seen: number[] = [];
		await leximin(instance, { onProgress: (progress) => seen.push(progress.fraction) });
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
		expect(seen.at(-1)).toBe(1);
	});

	it('rejects at once when the signal is already aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			leximin(randomInstance(seededRandom(8)), { signal: controller.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});

describe('evenSubsets', () => {
	it.each([
		[5, 2],
		[7, 3],
		[497, 50],
		[10, 10],
		[4, 0],
		[1, 1]
	])('covers each of %i positions with total width %i', (size, seats) => {
		const steps = evenSubsets(size, seats);
		const cover = new Array<number>(size).fill(0);
		let total = 0;
		for (const step of steps) {
			expect(step.chosen.length).toBe(seats);
			expect(new Set(step.chosen).size).toBe(seats);
			expect(step.width).toBeGreaterThan(0);
			total += step.width;
			for (const position of step.chosen) cover[position] = (cover[position] ?? 0) + step.width;
		}
		expect(total).toBe(size);
		expect(cover).toEqual(new Array<number>(size).fill(seats));
		expect(steps.length).toBeLessThanOrEqual(size + 1);
	});
});

const dataDir = process.env.SORTITION_DATA_DIR ?? '/work/shared/data/sortition';
const haveData = existsSync(dataDir);

/** Reads a folder in the Sortition Foundation's two-file format (columns that are not categories are ignored). */
function readInstance(folder: string, k: number): Instance {
	const parse = (file: string) =>
		Papa.parse<Record<string, string>>(readFileSync(join(dataDir, folder, file), 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
	const quotas: Quota[] = parse('categories.csv').map((row) => ({
		category: row.category ?? '',
		feature: row.feature ?? '',
		min: Number(row.min),
		max: Number(row.max)
	}));
	const categories = new Set(quotas.map((quota) => quota.category));
	const pool: Person[] = parse('respondents.csv').map((row, i) => ({
		id: row.id ?? `row${i + 1}`,
		features: Object.fromEntries(Object.entries(row).filter(([column]) => categories.has(column)))
	}));
	return { pool, quotas, k };
}

describe.skipIf(!haveData)(`shared instances in ${dataDir}`, () => {
	it.each([
		['example_small_20', 20, 0.1],
		['sfalg_fixture_150_22', 22, 0.0909]
	])('%s (k=%i) reaches the reference LEXIMIN minimum %f', async (folder, k, reference) => {
		const instance = readInstance(folder, k);
		const distribution = await leximin(instance);
		const probabilities = selectionProbabilities(distribution, instance.pool.length);
		expect(Math.abs(Math.min(...probabilities) - reference)).toBeLessThan(0.001);
		expectValidDistribution(instance, distribution);
	});
});

if (!haveData) {
	it.skip(`shared instances: no data at ${dataDir} (set SORTITION_DATA_DIR to run these)`, () => {});
}
