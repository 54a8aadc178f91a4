import { describe, expect, it } from 'vitest';
import { allocationShares, type AllocationBallot, type AllocationConfig } from './allocation';
import { opinionShift, type RoundBallot } from './shift';
import { statementValues, type StatementsBallot, type StatementsConfig } from './statements';

const config: AllocationConfig = {
	kind: 'allocation',
	unit: 'points',
	total: 100,
	step: 1,
	options: [
		{ optionId: 'care', min: 0, max: 100, locked: 0 },
		{ optionId: 'school', min: 0, max: 100, locked: 0 }
	]
};
const vote = (pseudonym: string, care: number): RoundBallot<AllocationBallot> => ({
	pseudonym,
	ballot: { kind: 'allocation', amounts: { care, school: 100 - care } }
});
const shares = (b: AllocationBallot) => allocationShares(config, b);

describe('opinionShift', () => {
	const before = [
		vote('p1', 50),
		vote('p2', 40),
		vote('p3', 60),
		vote('p4', 50),
		vote('p5', 30),
		vote('gone', 90)
	];
	const after = [
		vote('p1', 60),
		vote('p2', 50),
		vote('p3', 60),
		vote('p4', 40),
		vote('p5', 50),
		vote('new', 10)
	];

	it('pairs members by pseudonym and reports the change in mean share and its distribution', () => {
		const shift = opinionShift(['care', 'school'], before, after, shares);
		if (shift.suppressed) throw new Error('expected a result');
		expect(shift.result).toMatchObject({ pairs: 5, onlyBefore: 1, onlyAfter: 1 });
		const care = shift.result.options[0]!;
		if (care.suppressed) throw new Error('expected a result');
		// Changes: +0.1, +0.1, 0, −0.1, +0.2 → mean +0.06; members who left or joined do not count.
		expect(care.result.meanBefore).toBeCloseTo(0.46);
		expect(care.result.meanAfter).toBeCloseTo(0.52);
		expect(care.result.meanChange).toBeCloseTo(0.06);
		expect(care.result).toMatchObject({ up: 3, down: 1, unchanged: 1 });
		expect(care.result.changeQ1).toBeCloseTo(0);
		expect(care.result.changeMedian).toBeCloseTo(0.1);
		expect(care.result.changeQ3).toBeCloseTo(0.1);
		const school = shift.result.options[1]!;
		if (school.suppressed) throw new Error('expected a result');
		expect(school.result.meanChange).toBeCloseTo(-0.06);
		// Aggregate only: no per-person minimum or maximum anywhere in the result.
		expect(JSON.stringify(shift)).not.toMatch(/"min"|"max"|p1|p2/);
	});

	it('suppresses the shift when fewer than five members voted in both rounds', () => {
		expect(opinionShift(['care'], before.slice(0, 4), after, shares)).toEqual({
			suppressed: true,
			reason: 'too_few_ballots',
			minimum: 5
		});
	});

	it('suppresses a statement answered by fewer than five of the paired members', () => {
		const statements: StatementsConfig = {
			kind: 'statements',
			statements: ['s1', 's2'],
			requireAll: false
		};
		const answer = (
			pseudonym: string,
			s1: 1 | 2 | 3 | 4 | 5,
			s2?: 1 | 5
		): RoundBallot<StatementsBallot> => ({
			pseudonym,
			ballot: { kind: 'statements', answers: s2 ? { s1, s2 } : { s1 } }
		});
		const first = ['a', 'b', 'c', 'd', 'e'].map((p) => answer(p, 2, 1));
		const second = ['a', 'b', 'c', 'd'].map((p) => answer(p, 4, 5)).concat(answer('e', 4));
		const shift = opinionShift(['s1', 's2'], first, second, (b) => statementValues(statements, b));
		if (shift.suppressed) throw new Error('expected a result');
		expect(shift.result.options[0]).toMatchObject({
			suppressed: false,
			result: { meanChange: 2, up: 5 }
		});
		expect(shift.result.options[1]).toMatchObject({ optionId: 's2', suppressed: true });
	});

	it('refuses two ballots under one pseudonym in a round', () => {
		expect(() => opinionShift(['care'], [vote('p1', 1), vote('p1', 2)], after, shares)).toThrow();
	});
});
