import { describe, expect, it } from 'vitest';
import { validateConfig } from '$lib/exercises';
import { buildExercise } from './exercise-setup';

const areas = [
	{ id: 'a', name: 'Social omsorg', description: 'Ældre', budget_mio: 1184.5 },
	{ id: 'b', name: 'Læring', description: 'Skoler', budget_mio: 1096.8 },
	{ id: 'c', name: 'Beskæftigelse', description: 'Job', budget_mio: 742.3 }
];

describe('buildExercise', () => {
	it('makes a valid configuration of every kind over the welfare areas', () => {
		for (const kind of ['allocation', 'ranking', 'pairwise', 'points', 'approval'] as const) {
			const { config, options } = buildExercise(kind, areas, 100, '');
			expect(config.kind).toBe(kind);
			expect(validateConfig(config)).toEqual([]);
			expect(options.map((option) => option.label)).toEqual([
				'Social omsorg',
				'Læring',
				'Beskæftigelse'
			]);
		}
	});

	it('makes statements from the lines typed, blank lines left out', () => {
		const { config, options } = buildExercise(
			'statements',
			areas,
			100,
			'Jeg accepterer lavere service i X for at beskytte Y\n\n  Skatten må gerne stige  \n'
		);
		expect(validateConfig(config)).toEqual([]);
		expect(options).toEqual([
			{ id: 's1', label: 'Jeg accepterer lavere service i X for at beskytte Y' },
			{ id: 's2', label: 'Skatten må gerne stige' }
		]);
	});

	it('lets an allocation of 100 points balance', () => {
		const { config } = buildExercise('allocation', areas, 100, '');
		expect(config.kind === 'allocation' && config.total).toBe(100);
	});
});
