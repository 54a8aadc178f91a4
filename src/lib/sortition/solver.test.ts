import { describe, expect, it } from 'vitest';
import { runToOptimality, solve, solveLpText, SolverError, type Model } from './solver';

describe('solve', () => {
	it('solves an LP and returns row duals', async () => {
		// max x + y  s.t.  x + 2y ≤ 4,  3x + y ≤ 6
		const result = await solve({
			sense: 'maximize',
			cost: [1, 1],
			lower: [0, 0],
			upper: [Infinity, Infinity],
			rows: [
				{ indices: [0, 1], values: [1, 2], lower: -Infinity, upper: 4 },
				{ indices: [0, 1], values: [3, 1], lower: -Infinity, upper: 6 }
			]
		});
		expect(result.status).toBe('optimal');
		if (result.status !== 'optimal') return;
		expect(result.objective).toBeCloseTo(2.8, 9);
		expect(result.values[0]).toBeCloseTo(1.6, 9);
		expect(result.values[1]).toBeCloseTo(1.2, 9);
		expect(result.rowDuals).toHaveLength(2);
	});

	it('solves an ILP to integrality', async () => {
		const result = await solve({
			sense: 'maximize',
			cost: [30, 50],
			lower: [0, 0],
			upper: [Infinity, Infinity],
			integer: [true, true],
			rows: [
				{ indices: [0, 1], values: [1, 2], lower: -Infinity, upper: 40 },
				{ indices: [0, 1], values: [2, 1], lower: -Infinity, upper: 50 }
			]
		});
		expect(result).toMatchObject({ status: 'optimal', objective: 1100, values: [20, 10] });
	});

	it('reports infeasibility as a status, not a number', async () => {
		const result = await solve({
			sense: 'minimize',
			cost: [1],
			lower: [0],
			upper: [1],
			integer: [true],
			rows: [{ indices: [0], values: [1], lower: 2, upper: Infinity }]
		});
		expect(result).toEqual({ status: 'infeasible' });
	});

	it('reads CPLEX LP text', async () => {
		const result = await solveLpText(`Maximize
 obj: x + y
Subject To
 c1: x + 2 y <= 4
 c2: 3 x + y <= 6
End`);
		expect(result.status).toBe('optimal');
		if (result.status === 'optimal') expect(result.values.x).toBeCloseTo(1.6, 9);
	});
});

/** A stand-in for a HiGHS model that ends with the given statuses in turn. */
function scriptedModel(statuses: (number | 'throw')[]) {
	const set: Record<string, unknown>[] = [];
	let cleared = 0;
	const options: Record<string, unknown> = { solver: 'ipm', run_crossover: 'off' };
	const model = {
		run: () => {
			const status = statuses.shift() ?? 15;
			if (status === 'throw') {
				const error = new Error('run failed with HiGHS status -1');
				error.name = 'HighsError';
				throw error;
			}
			return { modelStatus: status };
		},
		clearSolver: () => {
			cleared++;
		},
		options: {
			get: (name: string) => options[name],
			set: (values: Record<string, unknown>) => {
				set.push({ ...values });
				Object.assign(options, values);
			}
		}
	};
	return { model: model as unknown as Model, set, cleared: () => cleared, options };
}

describe('runToOptimality', () => {
	it('re-solves an LP with simplex when interior point stops "unknown", then restores the options', () => {
		const fake = scriptedModel([15, 7]);
		expect(runToOptimality(fake.model, { what: 'a test LP' })).toBe('optimal');
		expect(fake.cleared()).toBe(1);
		expect(fake.set[0]).toEqual({ solver: 'simplex', run_crossover: 'on' });
		expect(fake.options).toMatchObject({ solver: 'ipm', run_crossover: 'off' });
	});

	it('starts again from scratch when a run fails outright', () => {
		const fake = scriptedModel(['throw', 7]);
		expect(runToOptimality(fake.model, { what: 'a test LP' })).toBe('optimal');
		expect(fake.cleared()).toBe(1);
		expect(() =>
			runToOptimality(scriptedModel(['throw', 'throw']).model, { what: 'a test LP' })
		).toThrow(/solver error/);
	});

	it('never accepts a status other than optimal', () => {
		expect(() => runToOptimality(scriptedModel([15, 15]).model, { what: 'a test LP' })).toThrow(
			SolverError
		);
		expect(() =>
			runToOptimality(scriptedModel([13, 13]).model, { what: 'a test ILP', mip: true })
		).toThrow(/time limit/);
		expect(() => runToOptimality(scriptedModel([8]).model, { what: 'a test LP' })).toThrow(
			/infeasible/
		);
		expect(
			runToOptimality(scriptedModel([8]).model, { what: 'a test LP', allowInfeasible: true })
		).toBe('infeasible');
	});
});
