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

describe('the council response clocks (month ends and leap years)', () => {
	it('counts a handover on 30 November to the end of February', () => {
		expect(statusDueDates('2026-11-30')[0]!.dueOn).toBe('2027-02-28');
		expect(statusDueDates('2027-11-30')[0]!.dueOn).toBe('2028-02-29');
		expect(statusDueDates('2027-11-29')[0]!.dueOn).toBe('2028-02-29');
	});
	it('clamps the 31st into 30-day months and keeps earlier days', () => {
		expect(statusDueDates('2026-08-31')[0]!.dueOn).toBe('2026-11-30');
		expect(statusDueDates('2026-08-20')[0]!.dueOn).toBe('2026-11-20');
		expect(addCalendarMonths('2027-03-31', 3)).toBe('2027-06-30');
	});
	it('counts 12 months from a leap day to 28 February', () => {
		expect(statusDueDates('2028-02-29')[1]!.dueOn).toBe('2029-02-28');
		expect(statusDueDates('2028-02-29')[0]!.dueOn).toBe('2028-05-29');
	});
	it('counts the demo assembly’s rounds', () => {
		expect(statusDueDates('2026-08-20')).toEqual([
			{ months: 3, dueOn: '2026-11-20' },
			{ months: 12, dueOn: '2027-08-20' }
		]);
	});
});
