import { describe, expect, it } from 'vitest';
import { validateBallot, type ExerciseConfig } from '$lib/exercises';
import {
	ballotFromForm,
	formFromBallot,
	pairsFor,
	pairsInValues,
	parseAmount
} from './exercise-form';

const form = (entries: [string, string][]) => {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
};
const allocation: ExerciseConfig = {
	kind: 'allocation',
	unit: 'points',
	total: 100,
	step: 1,
	options: [
		{ optionId: 'a', min: 0, max: 100, locked: 0 },
		{ optionId: 'b', min: 0, max: 100, locked: 0 }
	]
};
const ranking: ExerciseConfig = { kind: 'ranking', options: ['a', 'b', 'c'], topK: null };

describe('ballot forms', () => {
	it('reads Danish amounts and finds an allocation that does not balance', () => {
		expect(parseAmount('1.000,5')).toBe(1000.5);
		expect(parseAmount('abc')).toBeNaN();
		const ballot = ballotFromForm(
			allocation,
			form([
				['amount_a', '60'],
				['amount_b', '30']
			])
		);
		expect(validateBallot(allocation, ballot).map((issue) => issue.key)).toContain(
			'allocation_not_balanced'
		);
		const balanced = ballotFromForm(
			allocation,
			form([
				['amount_a', '60'],
				['amount_b', '40']
			])
		);
		expect(validateBallot(allocation, balanced)).toEqual([]);
		expect(formFromBallot(allocation, balanced)).toEqual({ amount_a: '60', amount_b: '40' });
	});

	it('turns places into a ranking and reports two options in the same place', () => {
		const ballot = ballotFromForm(
			ranking,
			form([
				['rank_a', '2'],
				['rank_b', '1'],
				['rank_c', '3']
			])
		);
		expect(ballot).toEqual({ kind: 'ranking', ranking: ['b', 'a', 'c'] });
		const twice = ballotFromForm(
			ranking,
			form([
				['rank_a', '1'],
				['rank_b', '1'],
				['rank_c', '2']
			])
		);
		expect(validateBallot(ranking, twice).map((issue) => issue.key)).toContain('ranking_duplicate');
	});

	it('reads one radio group per pair, and statements and approvals', () => {
		expect(pairsFor(['a', 'b', 'c'], null)).toEqual([
			['a', 'b'],
			['a', 'c'],
			['b', 'c']
		]);
		const pairwise: ExerciseConfig = {
			kind: 'pairwise',
			options: ['a', 'b', 'c'],
			allowTies: true,
			maxPairs: null
		};
		// The member was shown c–b, a–b and a–c (their own pairs); they answered the first and last.
		const shown: [string, string][] = [
			['c', 'b'],
			['a', 'b'],
			['a', 'c']
		];
		const fields = formFromBallot(pairwise, null, shown);
		expect(fields).toEqual({
			pair_0_a: 'c',
			pair_0_b: 'b',
			pair_1_a: 'a',
			pair_1_b: 'b',
			pair_2_a: 'a',
			pair_2_b: 'c'
		});
		expect(pairsInValues(fields)).toEqual(shown);
		const ballot = ballotFromForm(
			pairwise,
			form([...Object.entries(fields), ['pair_0', 'a'], ['pair_2', 'tie']])
		);
		expect(ballot).toEqual({
			kind: 'pairwise',
			judgements: [
				{ a: 'c', b: 'b', result: 'a' },
				{ a: 'a', b: 'c', result: 'tie' }
			]
		});
		expect(formFromBallot(pairwise, ballot, shown)).toEqual({
			...fields,
			pair_0: 'a',
			pair_2: 'tie'
		});
		// A pair the form did not offer (an unknown option, or one option twice) is refused.
		const forged = ballotFromForm(
			pairwise,
			form([
				['pair_0_a', 'a'],
				['pair_0_b', 'x'],
				['pair_0', 'a'],
				['pair_1_a', 'b'],
				['pair_1_b', 'b'],
				['pair_1', 'b']
			])
		);
		expect(validateBallot(pairwise, forged).map((issue) => issue.key)).toEqual([
			'pair_unknown_option',
			'pair_same_option'
		]);
		const statements: ExerciseConfig = {
			kind: 'statements',
			statements: ['s1', 's2'],
			requireAll: true
		};
		const missing = ballotFromForm(statements, form([['level_s1', '4']]));
		expect(validateBallot(statements, missing).map((issue) => issue.key)).toContain(
			'statement_missing'
		);
		const approval: ExerciseConfig = {
			kind: 'approval',
			options: ['a', 'b'],
			minApprovals: 0,
			maxApprovals: null
		};
		expect(
			ballotFromForm(
				approval,
				form([
					['approved', 'b'],
					['approved', 'x']
				])
			)
		).toEqual({
			kind: 'approval',
			approved: ['b']
		});
	});
});
