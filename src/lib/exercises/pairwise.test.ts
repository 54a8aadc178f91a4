import { describe, expect, it } from 'vitest';
import { validatePairwiseBallot, validatePairwiseConfig, type PairwiseConfig } from './pairwise';

const config: PairwiseConfig = {
	kind: 'pairwise',
	options: ['a', 'b', 'c'],
	allowTies: false,
	maxPairs: 2
};

describe('validatePairwiseBallot', () => {
	it('accepts judged pairs', () => {
		expect(
			validatePairwiseBallot(config, {
				kind: 'pairwise',
				judgements: [
					{ a: 'a', b: 'b', result: 'a' },
					{ a: 'c', b: 'b', result: 'b' }
				]
			})
		).toEqual([]);
	});

	it('names unknown options, the same option twice, a repeated pair and a forbidden tie', () => {
		expect(
			validatePairwiseBallot(config, {
				kind: 'pairwise',
				judgements: [
					{ a: 'a', b: 'x', result: 'a' },
					{ a: 'b', b: 'b', result: 'a' },
					{ a: 'a', b: 'c', result: 'tie' },
					{ a: 'c', b: 'a', result: 'a' }
				]
			})
		).toEqual([
			{ key: 'pair_unknown_option', optionId: 'x', index: 0 },
			{ key: 'pair_same_option', optionId: 'b', index: 1 },
			{ key: 'pair_tie_not_allowed', index: 2 },
			{ key: 'pair_duplicate', optionId: 'c', index: 3 },
			{ key: 'pairwise_too_many', params: { max: 2, given: 4 } }
		]);
	});

	it('refuses an empty ballot and a result that is not a, b or tie', () => {
		expect(validatePairwiseBallot(config, { kind: 'pairwise', judgements: [] })).toEqual([
			{ key: 'pairwise_empty' }
		]);
		const odd = { a: 'a', b: 'b', result: 'left' } as unknown as {
			a: string;
			b: string;
			result: 'a';
		};
		expect(
			validatePairwiseBallot(
				{ ...config, allowTies: true },
				{ kind: 'pairwise', judgements: [odd] }
			)
		).toEqual([{ key: 'pair_invalid_result', index: 0 }]);
	});

	it('checks the configuration', () => {
		expect(validatePairwiseConfig(config)).toEqual([]);
		expect(validatePairwiseConfig({ ...config, maxPairs: 0 })).toEqual([
			{ key: 'config_max_pairs_out_of_range', params: { max: 3 } }
		]);
	});
});
