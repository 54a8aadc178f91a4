import { describe, expect, it } from 'vitest';
import { parseAddresses } from './addresses';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('parseAddresses', () => {
	it('reads a semicolon file with a BOM and Danish letters', () => {
		const result = parseAddresses(
			utf8('\uFEFFNavn;Adresse;Postnr;By;Område\nJens Ø;Åvej 1;7130;Juelsminde;Juelsminde\n')
		);
		expect(result).toEqual({
			ok: true,
			encoding: 'utf-8',
			rows: [
				{
					recipient_name: 'Jens Ø',
					address_line: 'Åvej 1',
					postal_code: '7130',
					city: 'Juelsminde',
					district: 'Juelsminde'
				}
			]
		});
	});

	it('reads Windows-1252 as Danish Excel saves it', () => {
		// "Søndergade 2" with ø as 0xF8
		const bytes = new Uint8Array([
			...utf8('adresse,postnr\nS'),
			0xf8,
			...utf8('ndergade 2,8722\n')
		]);
		const result = parseAddresses(bytes);
		expect(result.ok && result.encoding).toBe('windows-1252');
		expect(result.ok && result.rows[0]!.address_line).toBe('Søndergade 2');
	});

	it('reports every bad line and imports nothing', () => {
		const result = parseAddresses(utf8('adresse;postnr\nVej 1;8722\n;8722\nVej 3;87\n'));
		expect(result).toEqual({
			ok: false,
			problems: [
				{ line: 3, message: 'Adressen mangler' },
				{ line: 4, message: 'Postnummeret "87" har ikke fire cifre' }
			]
		});
	});

	it('refuses a file without the required columns, or with CPR numbers', () => {
		const missing = parseAddresses(utf8('navn;by\nA;B\n'));
		expect(missing.ok).toBe(false);
		const cpr = parseAddresses(utf8('adresse;postnr;cpr\nVej 1;8722;010101-1234\n'));
		expect(cpr.ok === false && cpr.problems[0]!.message).toMatch(/CPR/);
	});
});
