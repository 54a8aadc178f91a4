import { describe, expect, it } from 'vitest';
import {
	optionIdsOf,
	validateBallot,
	validateConfig,
	type Ballot,
	type ExerciseConfig
} from './validate';

const configs: ExerciseConfig[] = [
	{
		kind: 'allocation',
		unit: 'points',
		total: 100,
		step: 1,
		options: [
			{ optionId: 'a', min: 0, max: 100, locked: 0 },
			{ optionId: 'b', min: 0, max: 100, locked: 0 }
		]
	},
	{ kind: 'ranking', options: ['a', 'b'], topK: null },
	{ kind: 'pairwise', options: ['a', 'b'], allowTies: true, maxPairs: null },
	{ kind: 'points', options: ['a', 'b'], budget: 5, maxPerOption: null, mustSpendAll: false },
	{ kind: 'approval', options: ['a', 'b'], minApprovals: 0, maxApprovals: null },
	{ kind: 'statements', statements: ['a', 'b'], requireAll: false }
];
const valid: Ballot[] = [
	{ kind: 'allocation', amounts: { a: 40, b: 60 } },
	{ kind: 'ranking', ranking: ['b', 'a'] },
	{ kind: 'pairwise', judgements: [{ a: 'a', b: 'b', result: 'tie' }] },
	{ kind: 'points', points: { a: 5 } },
	{ kind: 'approval', approved: [] },
	{ kind: 'statements', answers: { b: 3 } }
];

describe('validateBallot', () => {
	it('accepts a valid ballot of every kind and every configuration', () => {
		configs.forEach((config, i) => {
			expect(validateBallot(config, valid[i]!)).toEqual([]);
			expect(validateConfig(config)).toEqual([]);
			expect(optionIdsOf(config)).toEqual(['a', 'b']);
		});
	});

	it('refuses a ballot of another kind', () => {
		expect(validateBallot(configs[0]!, valid[1]!)).toEqual([{ key: 'ballot_wrong_kind' }]);
		expect(validateBallot(configs[1]!, null as unknown as Ballot)).toEqual([
			{ key: 'ballot_wrong_kind' }
		]);
	});

	it('turns malformed JSON into issues instead of exceptions', () => {
		const garbage = [
			{ kind: 'allocation', amounts: 'x' },
			{ kind: 'ranking', ranking: 7 },
			{ kind: 'pairwise', judgements: [null, 3] },
			{ kind: 'points', points: null },
			{ kind: 'approval', approved: 'a' },
			{ kind: 'statements', answers: [] }
		] as unknown as Ballot[];
		configs.forEach((config, i) => {
			expect(() => validateBallot(config, garbage[i]!)).not.toThrow();
		});
		expect(validateBallot(configs[0]!, garbage[0]!).map((i) => i.key)).toEqual([
			'allocation_missing_option',
			'allocation_missing_option'
		]);
		expect(validateBallot(configs[2]!, garbage[2]!)).toEqual([
			{ key: 'pair_invalid_result', index: 0 },
			{ key: 'pair_invalid_result', index: 1 },
			{ key: 'pairwise_too_many', params: { max: 1, given: 2 } }
		]);
	});
});
