import { describe, expect, it } from 'vitest';
import { allowanceCsv } from './allowance-csv';
import { checkInUrl, formatCheckInCode } from './code';
import { clockOffset, formatDuration, itemTimer, secondsUntil } from './timer';

describe('item timer', () => {
	const started = '2026-11-26T16:00:00.000Z';
	const at = (iso: string) => Date.parse(iso);

	it('counts from the start by the server clock, whatever the device clock says', () => {
		// The device is 90 s behind the server.
		const offset = clockOffset('2026-11-26T16:05:00.000Z', at('2026-11-26T16:03:30.000Z'));
		expect(offset).toBe(90_000);
		const timer = itemTimer(started, 15, at('2026-11-26T16:03:30.000Z'), offset);
		expect(timer).toEqual({
			elapsedSeconds: 300,
			plannedSeconds: 900,
			overSeconds: 0,
			progress: 1 / 3
		});
	});

	it('shows the time over the plan', () => {
		const timer = itemTimer(started, 10, at('2026-11-26T16:12:05.000Z'), 0)!;
		expect(timer.overSeconds).toBe(125);
		expect(timer.progress).toBe(1);
	});

	it('has no timer before an item is current, and never runs backwards', () => {
		expect(itemTimer(null, 10, Date.now(), 0)).toBeNull();
		expect(itemTimer(started, 10, at('2026-11-26T15:59:00.000Z'), 0)!.elapsedSeconds).toBe(0);
	});

	it('formats durations as clocks', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(75)).toBe('1:15');
		expect(formatDuration(3725)).toBe('1:02:05');
	});

	it('counts down to the next code', () => {
		expect(secondsUntil('2026-11-26T16:01:00.000Z', at('2026-11-26T16:00:15.500Z'), 0)).toBe(45);
		expect(secondsUntil('2026-11-26T16:01:00.000Z', at('2026-11-26T16:02:00.000Z'), 0)).toBe(0);
	});
});

describe('check-in code', () => {
	it('is shown in two groups of five and linked by its own address', () => {
		expect(formatCheckInCode('ABCDEFGHJK')).toBe('ABCDE FGHJK');
		expect(checkInUrl('https://samraad.example', 'ABCDEFGHJK')).toBe(
			'https://samraad.example/tjek-ind/ABCDEFGHJK'
		);
	});
});

describe('allowance CSV', () => {
	const csv = allowanceCsv([
		{
			registration_number: 105,
			full_name: 'Hanne Andersen',
			email: 'medlem05@demo.samraad.dk',
			address_line: 'Panelvej 5',
			postal_code: '8722',
			city: 'Hedensted',
			sessions_attended: 3,
			session_dates: '2026-10-03, 2026-11-07, 2026-11-26'
		},
		{
			registration_number: null,
			full_name: 'Søren "Sørle" Ø; Jensen',
			email: null,
			address_line: null,
			postal_code: null,
			city: null,
			sessions_attended: 0,
			session_dates: ''
		}
	]);

	it('starts with a BOM, separates with semicolons and ends lines with CRLF', () => {
		expect(csv.startsWith('\uFEFFTilmeldingsnr.;Navn;E-mail;')).toBe(true);
		expect(csv.split('\r\n')).toHaveLength(4);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
	});

	it('writes one row per member, quoting what needs quoting', () => {
		const lines = csv.slice(1).split('\r\n');
		expect(lines[1]).toBe(
			'105;Hanne Andersen;medlem05@demo.samraad.dk;Panelvej 5;8722;Hedensted;3;2026-10-03, 2026-11-07, 2026-11-26'
		);
		expect(lines[2]).toBe(';"Søren ""Sørle"" Ø; Jensen";;;;;0;');
	});
});
