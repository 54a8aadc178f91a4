import { describe, expect, it } from 'vitest';
import {
	budgetPosition,
	handoverAgainstBudget,
	yearFraction,
	type BudgetEvent
} from './budget-calendar';

const events: BudgetEvent[] = [
	{ kind: 'spring_seminar', starts_on: '2026-02-26', ends_on: null, is_default: true },
	{
		kind: 'strategic_challenges',
		starts_on: '2026-05-01',
		ends_on: '2026-06-30',
		is_default: true
	},
	{ kind: 'technical_budget', starts_on: '2026-08-28', ends_on: null, is_default: true },
	{ kind: 'hearing', starts_on: '2026-09-09', ends_on: '2026-09-20', is_default: true },
	{ kind: 'first_reading', starts_on: '2026-09-19', ends_on: null, is_default: true },
	{ kind: 'budget_seminar', starts_on: '2026-09-23', ends_on: '2026-09-24', is_default: true },
	{ kind: 'second_reading', starts_on: '2026-10-09', ends_on: null, is_default: true },
	{ kind: 'adoption', starts_on: '2026-10-15', ends_on: null, is_default: true }
];

describe('handoverAgainstBudget', () => {
	it('says a handover in August comes before the first reading', () => {
		expect(handoverAgainstBudget('2026-08-20', events)).toEqual({
			relation: 'before',
			firstReading: '2026-09-19',
			daysBefore: 30
		});
	});

	it('says a handover in October comes after it', () => {
		expect(handoverAgainstBudget('2026-10-01', events)?.relation).toBe('after');
	});

	it('knows the same day', () => {
		expect(handoverAgainstBudget('2026-09-19', events)?.relation).toBe('same_day');
	});

	it('has nothing to say without a handover date', () => {
		expect(handoverAgainstBudget(null, events)).toBeNull();
	});
});

describe('budgetPosition', () => {
	it('is in the hearing on 10 September, with the first reading next', () => {
		const position = budgetPosition(events, '2026-09-10');
		expect(position.current).toEqual(['hearing']);
		expect(position.next?.kind).toBe('first_reading');
		expect(position.done).toEqual(['spring_seminar', 'strategic_challenges', 'technical_budget']);
	});

	it('has everything done in December', () => {
		const position = budgetPosition(events, '2026-12-03');
		expect(position.done).toHaveLength(8);
		expect(position.next).toBeNull();
	});
});

describe('yearFraction', () => {
	it('places 1 January at 0 and 31 December at 1', () => {
		expect(yearFraction('2026-01-01', 2026)).toBe(0);
		expect(yearFraction('2026-12-31', 2026)).toBe(1);
		expect(yearFraction('2027-03-01', 2026)).toBe(1);
	});
});
