import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sortitionDataDir } from './test-data';
import {
	csvBytes,
	decodeCsv,
	formatProblem,
	parseCategories,
	parseRespondents,
	writeCategories,
	writeRespondents,
	type CsvProblem,
	type CsvResult
} from './csv';
import type { Quota } from './types';

const quotas: Quota[] = [
	{ category: 'køn', feature: 'kvinde', min: 2, max: 3 },
	{ category: 'køn', feature: 'mand', min: 2, max: 3 },
	{ category: 'alder', feature: '16-29', min: 1, max: 2 },
	{ category: 'alder', feature: '30-59', min: 1, max: 3 },
	{ category: 'alder', feature: '60+', min: 1, max: 2 },
	{ category: 'bydel', feature: 'Århus Ø', min: 0, max: 5 }
];

function problemsOf<T>(result: CsvResult<T>): Pick<CsvProblem, 'line' | 'code' | 'column'>[] {
	if (result.ok) throw new Error('expected problems, got data');
	return result.problems.map(({ line, code, column }) =>
		column === undefined ? { line, code } : { line, code, column }
	);
}

function windows1252(text: string): Uint8Array {
	const high: Record<string, number> = { '€': 0x80, '–': 0x96, '’': 0x92 };
	return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

describe('decodeCsv', () => {
	it('reads UTF-8 with and without BOM, UTF-16 and Windows-1252, and says which', () => {
		const text = 'køn;bydel\nkvinde;Århus Ø\n';
		const utf8 = csvBytes(text);
		expect(decodeCsv(utf8)).toEqual({ text, encoding: 'utf-8' });
		expect(decodeCsv(csvBytes('\uFEFF' + text))).toEqual({ text, encoding: 'utf-8-bom' });
		expect(decodeCsv(windows1252(text))).toEqual({ text, encoding: 'windows-1252' });
		expect(decodeCsv(windows1252('pris – 5 €, Jens’ hus'))).toEqual({
			text: 'pris – 5 €, Jens’ hus',
			encoding: 'windows-1252'
		});
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		[...text].forEach((c, i) =>
			utf16.set([c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8], 2 + 2 * i)
		);
		expect(decodeCsv(utf16)).toEqual({ text, encoding: 'utf-16le' });
		expect(decodeCsv(utf8.buffer as ArrayBuffer).encoding).toBe('utf-8');
		expect(decodeCsv('\uFEFF' + text)).toEqual({ text, encoding: 'text' });
	});
});

describe('parseCategories', () => {
	it.skipIf(!sortitionDataDir)('reads the Sortition Foundation fixture', () => {
		const bytes = readFileSync(`${sortitionDataDir}/sfalg_fixture_150_22/categories.csv`);
		const result = parseCategories(new Uint8Array(bytes));
		if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
		expect(result.data.categories).toEqual(['Gender', 'age_bracket', 'edu_level', 'geo_bucket']);
		expect(result.data.quotas).toHaveLength(20);
		expect(result.data.quotas[0]).toEqual({
			category: 'Gender',
			feature: 'Female',
			min: 11,
			max: 12
		});
	});

	it('accepts `name` for `feature`, any case, `;` and lists extra columns', () => {
		const result = parseCategories('Category;Name;MIN;max;min_flex\nkøn;kvinde;2;3;0\n');
		expect(result.ok && result.data).toEqual({
			quotas: [{ category: 'køn', feature: 'kvinde', min: 2, max: 3 }],
			categories: ['køn'],
			extraColumns: ['min_flex'],
			delimiter: ';'
		});
	});

	it('reports every bad row by line and imports nothing', () => {
		const csv = [
			'category,feature,min,max',
			'køn,kvinde,2,3',
			'',
			'køn,kvinde,1,2',
			'køn,mand,4,3',
			'alder,16-29,x,2',
			'alder,,1,2',
			'alder,30-59,1.5,3',
			'alder,60+,1',
			'"bydel","Vest, by",-1,2'
		].join('\r\n');
		expect(problemsOf(parseCategories(csv))).toEqual([
			{ line: 4, code: 'duplicate-feature' },
			{ line: 5, code: 'min-greater-than-max' },
			{ line: 6, code: 'not-an-integer', column: 'min' },
			{ line: 7, code: 'empty-cell', column: 'feature' },
			{ line: 8, code: 'not-an-integer', column: 'min' },
			{ line: 9, code: 'wrong-field-count' },
			{ line: 10, code: 'not-an-integer', column: 'min' }
		]);
	});

	it('reports missing and duplicate columns on the header line', () => {
		expect(problemsOf(parseCategories('category,min,max,max\nkøn,1,2,2\n'))).toEqual([
			{ line: 1, code: 'duplicate-column', column: 'max' },
			{ line: 1, code: 'missing-column', column: 'feature' }
		]);
		expect(problemsOf(parseCategories(''))).toEqual([{ line: 1, code: 'empty-file' }]);
		expect(problemsOf(parseCategories('category,feature,min,max\n'))).toEqual([
			{ line: 2, code: 'no-rows' }
		]);
	});
});

describe('parseRespondents', () => {
	it.skipIf(!sortitionDataDir)('reads the fixture with its id column', () => {
		const dir = `${sortitionDataDir}/sfalg_fixture_150_22`;
		const categories = parseCategories(new Uint8Array(readFileSync(`${dir}/categories.csv`)));
		if (!categories.ok) throw new Error('categories');
		const result = parseRespondents(
			new Uint8Array(readFileSync(`${dir}/respondents.csv`)),
			categories.data.quotas
		);
		if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
		expect(result.data.pool).toHaveLength(150);
		expect(result.data.idColumn).toBe('id');
		expect(result.data.pool[0]).toEqual({
			id: 'p0',
			features: {
				Gender: 'Male',
				age_bracket: '30-44',
				edu_level: 'Level 4 and above',
				geo_bucket: 'South Scotland'
			}
		});
	});

	it('numbers people by row when there is no id column, and lists extra columns', () => {
		const result = parseRespondents(
			'navn,køn,alder,bydel,email\nA,kvinde,16-29,Århus Ø,a@x.dk\nB,mand,60+,Århus Ø,\n',
			quotas
		);
		expect(result.ok && result.data).toMatchObject({
			pool: [
				{ id: '1', features: { køn: 'kvinde', alder: '16-29', bydel: 'Århus Ø' } },
				{ id: '2', features: { køn: 'mand', alder: '60+', bydel: 'Århus Ø' } }
			],
			idColumn: null,
			extraColumns: ['navn', 'email']
		});
	});

	it('decodes a Windows-1252 file with æøå', () => {
		const text = 'id;køn;alder;bydel\r\n7;kvinde;30-59;Århus Ø\r\n';
		const result = parseRespondents(windows1252(text), quotas);
		expect(result.encoding).toBe('windows-1252');
		expect(result.ok && result.data.pool).toEqual([
			{ id: '7', features: { køn: 'kvinde', alder: '30-59', bydel: 'Århus Ø' } }
		]);
	});

	it('handles a BOM before the header', () => {
		const result = parseRespondents(
			csvBytes('\uFEFFid,køn,alder,bydel\n1,mand,60+,Århus Ø\n'),
			quotas
		);
		expect(result.encoding).toBe('utf-8-bom');
		expect(result.ok && result.data.idColumn).toBe('id');
	});

	it('reports unknown features, duplicate ids, empty cells and bad rows by line', () => {
		const csv = [
			'id,køn,alder,bydel,husstand',
			'1,kvinde,16-29,Århus Ø,h1',
			'2,Kvinde,16-29,Århus Ø,h2',
			'1,mand,30-59,Århus Ø,h3',
			'3,mand,,Århus Ø,h4',
			'4,mand,99+,Aarhus Ø,h5',
			'"5,mand,60+,Århus Ø,h6',
			'6,mand,60+,Århus Ø,h7'
		].join('\n');
		const result = parseRespondents(csv, quotas, { householdColumn: 'husstand' });
		expect(problemsOf(result)).toEqual([
			{ line: 3, code: 'unknown-feature', column: 'køn' },
			{ line: 4, code: 'duplicate-id', column: 'id' },
			{ line: 5, code: 'empty-cell', column: 'alder' },
			{ line: 6, code: 'unknown-feature', column: 'alder' },
			{ line: 6, code: 'unknown-feature', column: 'bydel' },
			{ line: 7, code: 'bad-quotes' }
		]);
		if (result.ok) return;
		expect(result.problems[0]?.message).toMatch(/Did you mean "kvinde"/);
		expect(formatProblem(result.problems[1] as CsvProblem)).toBe(
			'line 4, column "id": The id "1" is already used on line 2.'
		);
	});

	it('reports a missing category column and still checks the rows', () => {
		const result = parseRespondents('id,køn,bydel\n1,kvinde,Aarhus\n', quotas);
		expect(problemsOf(result)).toEqual([
			{ line: 1, code: 'missing-column', column: 'alder' },
			{ line: 2, code: 'unknown-feature', column: 'bydel' }
		]);
	});

	it('counts lines inside quoted multi-line cells and skips blank lines', () => {
		const csv =
			'id,køn,alder,bydel,note\n1,kvinde,16-29,Århus Ø,"two\nlines"\n\n2,x,60+,Århus Ø,\n';
		expect(problemsOf(parseRespondents(csv, quotas))).toEqual([
			{ line: 5, code: 'unknown-feature', column: 'køn' }
		]);
	});
});

describe('writers', () => {
	const pool = [
		{ id: 'R-001', features: { køn: 'kvinde', alder: '16-29', bydel: 'Århus Ø' } },
		{ id: 'R-002', features: { køn: 'mand', alder: '60+', bydel: 'Århus Ø' } },
		{ id: 'R "3"', features: { køn: 'mand', alder: '30-59', bydel: 'Århus Ø' } }
	];

	it('round-trips categories and respondents in the Foundation format', () => {
		const categoriesText = writeCategories(quotas);
		expect(categoriesText.startsWith('category,feature,min,max\r\nkøn,kvinde,2,3\r\n')).toBe(true);
		const categories = parseCategories(csvBytes(categoriesText));
		expect(categories.ok && categories.data.quotas).toEqual(quotas);
		expect(categories.encoding).toBe('utf-8');

		const respondentsText = writeRespondents(pool, ['køn', 'alder', 'bydel']);
		const respondents = parseRespondents(csvBytes(respondentsText), quotas);
		expect(respondents.ok && respondents.data.pool).toEqual(pool);
	});

	it('writes the Danish Excel variant with `;` and a BOM, and reads it back', () => {
		const text = writeRespondents(pool, ['køn', 'alder', 'bydel'], { dialect: 'excel-da' });
		const bytes = csvBytes(text);
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(text.split('\r\n')[1]).toBe('R-001;kvinde;16-29;Århus Ø');
		const back = parseRespondents(bytes, quotas);
		expect(back.encoding).toBe('utf-8-bom');
		expect(back.ok && back.data.pool).toEqual(pool);
		const categories = parseCategories(csvBytes(writeCategories(quotas, 'excel-da')));
		expect(categories.ok && categories.data.quotas).toEqual(quotas);
	});

	it('keeps Excel from running a cell as a formula in the people-facing variant', () => {
		const text = writeCategories([{ category: '=cmd', feature: 'x', min: 0, max: 1 }], 'excel-da');
		expect(text.split('\r\n')[1]).toBe(`"'=cmd";x;0;1`);
	});
});
