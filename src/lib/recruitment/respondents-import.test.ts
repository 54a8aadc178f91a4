import { describe, expect, it } from 'vitest';
import { parseRespondentsImport, type ImportContext } from './respondents-import';

const context: ImportContext = {
	categories: [
		{
			id: 'c-gender',
			name: 'Køn',
			kind: 'choice',
			features: [
				{ id: 'f-woman', name: 'Kvinde', age_from: null, age_to: null },
				{ id: 'f-man', name: 'Mand', age_from: null, age_to: null }
			]
		},
		{
			id: 'c-age',
			name: 'Alder',
			kind: 'birth_year',
			features: [
				{ id: 'f-young', name: '16–34 år', age_from: 16, age_to: 34 },
				{ id: 'f-middle', name: '35–59 år', age_from: 35, age_to: 59 },
				{ id: 'f-old', name: '60 år og derover', age_from: 60, age_to: 130 }
			]
		}
	],
	takenEmails: ['Frivillig1@example.dk'],
	referenceYear: 2027,
	now: new Date('2026-11-25T12:00:00Z')
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const header = 'first_name,last_name,email,phone,address,postcode,city,birth_year,Køn,Alder';

describe('parseRespondentsImport', () => {
	it('reads every row with its answers by id, names joined and the line it came from', () => {
		const result = parseRespondentsImport(
			utf8(
				`\uFEFF${header}\r\nIb,Holm,ib@example.com,,Bygaden 1,7160,Tørring,1950,Mand,60 år og derover\r\n` +
					`Signe,Due,,+45 30 00 00 03,Åvænget 3,7130,Juelsminde,1995,kvinde,\r\n`
			),
			context
		);
		expect(result).toEqual({
			ok: true,
			rows: [
				{
					line: 2,
					full_name: 'Ib Holm',
					email: 'ib@example.com',
					phone: null,
					birth_year: 1950,
					address_line: 'Bygaden 1',
					postal_code: '7160',
					city: 'Tørring',
					answers: { 'c-gender': 'f-man' }
				},
				{
					line: 3,
					full_name: 'Signe Due',
					email: null,
					phone: '+45 30 00 00 03',
					birth_year: 1995,
					address_line: 'Åvænget 3',
					postal_code: '7130',
					city: 'Juelsminde',
					answers: { 'c-gender': 'f-woman' }
				}
			]
		});
	});

	it('accepts Danish column names, a name column, semicolons and the id and household of an export', () => {
		const result = parseRespondentsImport(
			utf8(
				'id;Navn;E-mail;Adresse;Postnr;By;Fødselsår;Køn;household\n7;Ib Holm;ib@x.dk;Vej 1;7160;;1950;Mand;abc\n'
			),
			context
		);
		expect(result.ok && result.rows[0]).toMatchObject({ full_name: 'Ib Holm', line: 2 });
	});

	it('reports every bad row by line and column, and returns no rows', () => {
		const result = parseRespondentsImport(
			utf8(
				`${header}\n` +
					'Ib,Holm,ib@example.com,,Bygaden 1,7160,,1950,Mand,\n' +
					'Ib,Igen,IB@example.com,,Bygaden 1,7160,,1950,Mand,\n' +
					'Ny,Frivillig,frivillig1@example.dk,,Vej 2,7160,,1950,Mand,\n' +
					'Uden,Kontakt,,,Vej 3,716,,19x0,Kvinda,\n' +
					'For,Ung,ung@example.com,,Vej 4,7160,,2020,Mand,\n' +
					'Forkert,Bånd,band@example.com,,Vej 5,7160,,1950,Mand,16–34 år\n' +
					'Kort,Linje\n'
			),
			context
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.notUtf8).toBe(false);
		expect(result.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[3, 'email', 'duplicate-email'],
			[4, 'email', 'email-taken'],
			[5, 'birth_year', 'bad-birth-year'],
			[5, 'postcode', 'bad-postcode'],
			[5, undefined, 'missing-contact'],
			[5, 'Køn', 'unknown-feature'],
			[6, 'birth_year', 'age-out-of-range'],
			[7, 'Alder', 'age-band-mismatch'],
			[8, undefined, 'wrong-field-count']
		]);
		expect(result.problems[0]!.values).toEqual({ value: 'IB@example.com', earlier: '2' });
		expect(result.problems[5]!.values).toEqual({ value: 'Kvinda', known: 'Kvinde, Mand' });
	});

	it('reports wrong columns from the header alone', () => {
		const result = parseRespondentsImport(
			utf8('first_name,email,Gender,Køn\nIb,ib@x.dk,M,Mand\n'),
			context
		);
		expect(!result.ok && result.problems.map((p) => [p.line, p.column, p.code])).toEqual([
			[1, 'Gender', 'unknown-column'],
			[1, 'address', 'missing-column'],
			[1, 'postcode', 'missing-column'],
			[1, 'birth_year', 'missing-column']
		]);
	});

	it('asks for at least one contact column and every choice category', () => {
		const result = parseRespondentsImport(
			utf8('first_name,address,postcode,birth_year\nIb,Vej 1,7160,1950\n'),
			context
		);
		expect(!result.ok && result.problems.map((p) => [p.column, p.code])).toEqual([
			[undefined, 'missing-contact-column'],
			['Køn', 'missing-column']
		]);
	});

	it('refuses Windows-1252 and names the lines where æ, ø and å would come out wrong', () => {
		const bytes = Uint8Array.from(
			Buffer.from(`${header}\nIb,Holm,ib@x.dk,,Bygaden 1,7160,Tørring,1950,Mand,\n`, 'latin1')
		);
		const result = parseRespondentsImport(bytes, context);
		expect(result).toEqual({
			ok: false,
			notUtf8: true,
			problems: [
				{ line: 1, code: 'not-utf8', values: { value: 'Køn' } },
				{ line: 2, code: 'not-utf8', values: { value: 'Tørring' } }
			]
		});
	});

	it('says so when there are no rows, or the file is empty', () => {
		const noRows = parseRespondentsImport(utf8(`${header}\n`), context);
		expect(!noRows.ok && noRows.problems.map((p) => p.code)).toEqual(['no-rows']);
		const empty = parseRespondentsImport(utf8(''), context);
		expect(!empty.ok && empty.problems.map((p) => p.code)).toEqual(['empty-file']);
	});
});
