import { describe, expect, it } from 'vitest';
import { addCalendarMonths, daysBetween, statusDueDates } from './deadlines';

describe('addCalendarMonths', () => {
	it('clamps to the end of a shorter month', () => {
		expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
		expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
		expect(addCalendarMonths('2027-01-31', 1)).toBe('2027-02-28');
	});
	it('crosses year ends both ways', () => {
		expect(addCalendarMonths('2027-03-15', 12)).toBe('2028-03-15');
		expect(addCalendarMonths('2027-01-15', -2)).toBe('2026-11-15');
	});
	it('refuses what is not a date', () => {
		expect(() => addCalendarMonths('15/03/2027', 3)).toThrow(/calendar date/);
	});
});

describe('statusDueDates', () => {
	it('gives the 3- and 12-month rounds from the handover', () => {
		expect(statusDueDates('2027-03-15')).toEqual([
			{ months: 3, dueOn: '2027-06-15' },
			{ months: 12, dueOn: '2028-03-15' }
		]);
	});
});

describe('daysBetween', () => {
	it('counts calendar days, across a daylight-saving change', () => {
		expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
		expect(daysBetween('2027-06-15', '2027-06-10')).toBe(-5);
	});
});
