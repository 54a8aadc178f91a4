import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatMio, todayInCopenhagen } from './format';

describe('formatMio', () => {
	it('writes Danish amounts with a decimal comma, thousands dot and "mio. kr."', () => {
		expect(formatMio(12.5)).toBe('12,5 mio. kr.');
		expect(formatMio('1184.5')).toBe('1.184,5 mio. kr.');
		expect(formatMio(0)).toBe('0,0 mio. kr.');
	});
	it('writes English amounts in DKK million', () => {
		expect(formatMio(1184.5, 'en')).toBe('DKK 1,184.5 million');
	});
});

describe('formatDate', () => {
	it('writes a calendar date in Danish without a time-zone shift', () => {
		expect(formatDate('2027-03-15')).toBe('15. marts 2027');
		expect(formatDate('2027-01-01', 'en')).toBe('1 January 2027');
	});
});

describe('Copenhagen time', () => {
	it('shows instants in Copenhagen local time, summer and winter', () => {
		expect(formatDateTime('2026-11-25T13:07:00Z')).toContain('14.07');
		expect(formatDateTime('2026-07-01T13:07:00Z')).toContain('15.07');
	});
	it("knows Copenhagen's date when UTC is still on the day before", () => {
		expect(todayInCopenhagen(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
	});
});
