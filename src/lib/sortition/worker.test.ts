import { describe, expect, it } from 'vitest';
import { compileInstance, panelViolation } from './feasibility';
import { leximinWithDetails } from './leximin';
import type { Instance, Person, Progress } from './types';
import { runInWorker } from './worker';

function instance(n: number, k: number): Instance {
	const pool: Person[] = Array.from({ length: n }, (_, i) => ({
		id: `p${i}`,
		features: {
			gender: i % 3 === 0 ? 'f' : 'm',
			age: ['young', 'middle', 'old'][i % 3 === 0 ? i % 2 : (i * 7) % 3] ?? 'old',
			region: i % 5 < 2 ? 'north' : 'south'
		}
	}));
	return {
		pool,
		k,
		quotas: [
			{ category: 'gender', feature: 'f', min: 3, max: 5 },
			{ category: 'gender', feature: 'm', min: 5, max: 7 },
			{ category: 'age', feature: 'young', min: 2, max: 4 },
			{ category: 'age', feature: 'middle', min: 2, max: 4 },
			{ category: 'age', feature: 'old', min: 2, max: 5 },
			{ category: 'region', feature: 'north', min: 3, max: 5 },
			{ category: 'region', feature: 'south', min: 5, max: 7 }
		]
	};
}

describe('runInWorker', () => {
	it('gives the same result as in the main thread, with progress', async () => {
		const problem = instance(40, 10);
		const progress: Progress[] = [];
		const result = await runInWorker(problem, { onProgress: (p) => progress.push(p) });
		const local = await leximinWithDetails(problem);
		expect(result.probabilities).toHaveLength(40);
		result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(local.probabilities[i] ?? NaN, 7));
		const compiled = compileInstance(problem);
		for (const panel of result.distribution.panels)
			expect(panelViolation(compiled, panel)).toBeNull();
		expect(progress.length).toBeGreaterThan(1);
		expect(progress.at(-1)?.fraction).toBe(1);
	}, 60_000);

	it('stops the worker and rejects with an AbortError when cancelled', async () => {
		const controller = new AbortController();
		const run = runInWorker(instance(40, 10), {
			signal: controller.signal,
			onProgress: () => controller.abort()
		});
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
	}, 60_000);

	it('passes an infeasible instance back as an InfeasibleError', async () => {
		const problem = instance(40, 10);
		problem.quotas = [{ category: 'gender', feature: 'f', min: 20, max: 20 }];
		await expect(runInWorker(problem)).rejects.toMatchObject({ name: 'InfeasibleError' });
	}, 60_000);
});
