import { describe, expect, it } from 'vitest';
import {
	copenhagenParts,
	formatDate,
	formatDateTime,
	formatMio,
	formatSessionTime,
	todayInCopenhagen
} from './format';

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

describe('formatSessionTime', () => {
	it('shows the weekday, date and clock times in Copenhagen (winter and summer time)', () => {
		expect(formatSessionTime('2026-11-26T16:00:00Z', '2026-11-26T20:00:00Z', 'da')).toBe(
			'torsdag den 26. november 2026 kl. 17.00–21.00'
		);
		expect(formatSessionTime('2026-10-03T08:00:00Z', '2026-10-03T14:00:00Z', 'en')).toBe(
			'Saturday, 3 October 2026, 10:00–16:00'
		);
	});
});

describe('copenhagenParts', () => {
	it('gives the local date and time a form shows, across daylight saving', () => {
		expect(copenhagenParts('2026-11-26T16:00:00Z')).toEqual({ date: '2026-11-26', time: '17:00' });
		expect(copenhagenParts('2026-10-03T08:00:00Z')).toEqual({ date: '2026-10-03', time: '10:00' });
		expect(copenhagenParts('2026-11-26T23:30:00Z')).toEqual({ date: '2026-11-27', time: '00:30' });
	});
});
