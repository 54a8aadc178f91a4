/**
 * Reading the Sortition Foundation's respondents.csv into an assembly's pool: one row per person,
 * one column per category (the feature's name), and contact columns (first_name/last_name or
 * name, email, phone, address, postcode, city, birth_year — their names in English as in the
 * Foundation's files, or in Danish). `id` and `household` columns (as this platform exports them)
 * are ignored: registration numbers and households are the platform's own.
 *
 * The result is all of the rows, ready for api.import_respondents, or every problem found, each
 * with the line it is on (header = 1) and the column. Nothing is half-read. A file that is not
 * UTF-8 (Danish Excel's plain "CSV" is Windows-1252) is refused with the lines where æ, ø, å
 * would come out wrong, rather than guessed at: names and addresses must be exactly right.
 * Pure: no SvelteKit or database imports.
 */
import { z } from 'zod';
import { importedRespondentSchema } from '$lib/schemas/recruitment';
import { decodeCsv, parseRows, type CsvRow } from '$lib/sortition/csv';

export type ImportProblemCode =
	| 'not-utf8'
	| 'empty-file'
	| 'bad-quotes'
	| 'no-rows'
	| 'too-many-rows'
	| 'unknown-column'
	| 'duplicate-column'
	| 'missing-column'
	| 'missing-contact-column'
	| 'wrong-field-count'
	| 'empty-cell'
	| 'too-long'
	| 'bad-email'
	| 'bad-phone'
	| 'bad-birth-year'
	| 'bad-postcode'
	| 'missing-contact'
	| 'unknown-feature'
	| 'age-out-of-range'
	| 'age-band-mismatch'
	| 'duplicate-email'
	| 'email-taken'
	/** The database refused a row the file check let through (its key in `reason`). */
	| 'refused';

export interface ImportProblem {
	line: number;
	column?: string;
	code: ImportProblemCode;
	/** What the message needs: the value found, the known features, an earlier line… */
	values: Record<string, string>;
}

export interface ImportCategory {
	id: string;
	name: string;
	kind: 'choice' | 'birth_year';
	/** In the assembly's order (for age bands: the first band that holds the age wins). */
	features: { id: string; name: string; age_from: number | null; age_to: number | null }[];
}

export interface ImportContext {
	categories: ImportCategory[];
	/** E-mail addresses already in the pool, any case. */
	takenEmails: Iterable<string>;
	/** The year ages are counted at: the first session's, as the database does. */
	referenceYear: number;
	now?: Date;
}

/** A row as api.import_respondents takes it (without consent, which the administrator gives). */
export interface ImportRow {
	line: number;
	full_name: string;
	email: string | null;
	phone: string | null;
	birth_year: number;
	address_line: string;
	postal_code: string;
	city: string;
	/** Choice categories only: category id → feature id. Age bands come from the birth year. */
	answers: Record<string, string>;
}

export type ImportResult =
	{ ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[]; notUtf8: boolean };

export const MAX_ROWS = 5000;

type ContactField =
	| 'first_name'
	| 'last_name'
	| 'full_name'
	| 'email'
	| 'phone'
	| 'address_line'
	| 'address_line_2'
	| 'postal_code'
	| 'city'
	| 'birth_year';

/** Column names, compared without case, spaces, dashes, dots and underscores. */
const CONTACT_COLUMNS: Record<ContactField, string[]> = {
	first_name: ['firstname', 'fornavn'],
	last_name: ['lastname', 'surname', 'efternavn'],
	full_name: ['fullname', 'name', 'navn'],
	email: ['email', 'emailaddress', 'emailadresse'],
	phone: ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'telephone', 'telefon', 'mobil'],
	address_line: [
		'address',
		'addressline',
		'address1',
		'addressline1',
		'primaryaddress1',
		'adresse'
	],
	address_line_2: ['address2', 'addressline2', 'primaryaddress2'],
	postal_code: ['postcode', 'postalcode', 'zip', 'zipcode', 'primaryzip', 'postnummer', 'postnr'],
	city: ['city', 'town', 'primarycity', 'by'],
	birth_year: ['birthyear', 'yearofbirth', 'fødselsår']
};
const IGNORED_COLUMNS = ['id', 'household'];

/** The contact columns the import understands, for the report of an unknown column. */
export const CONTACT_COLUMN_NAMES =
	'first_name, last_name, email, phone, address, postcode, city, birth_year';

const normalise = (name: string) => name.toLowerCase().replace(/[\s_.-]+/g, '');

const contactFieldOf = (name: string): ContactField | undefined =>
	(Object.keys(CONTACT_COLUMNS) as ContactField[]).find((field) =>
		CONTACT_COLUMNS[field].includes(normalise(name))
	);

/** Lines where the file is not UTF-8: the first word with a character that came out wrong. */
function notUtf8Problems(text: string): ImportProblem[] {
	const problems: ImportProblem[] = [];
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	for (const [i, line] of lines.entries()) {
		const word = /[^\s,;"]*[\u0080-\uffff][^\s,;"]*/.exec(line)?.[0];
		if (word) problems.push({ line: i + 1, code: 'not-utf8', values: { value: word } });
		if (problems.length === 10) break;
	}
	if (problems.length === 0) problems.push({ line: 1, code: 'not-utf8', values: { value: '' } });
	return problems;
}

/** Reads respondents.csv (bytes as uploaded) against the assembly's categories and pool. */
export function parseRespondentsImport(input: Uint8Array, context: ImportContext): ImportResult {
	const { text, encoding } = decodeCsv(input);
	const fail = (problems: ImportProblem[], notUtf8 = false): ImportResult => ({
		ok: false,
		problems: [...problems].sort((a, b) => a.line - b.line),
		notUtf8
	});
	if (encoding === 'windows-1252') return fail(notUtf8Problems(text), true);

	const parsed = parseRows(text);
	const problems: ImportProblem[] = parsed.problems.map((problem) => ({
		line: problem.line,
		code: 'bad-quotes',
		values: {}
	}));
	const [header, ...rows] = parsed.rows;
	if (!header) {
		if (problems.length === 0) problems.push({ line: 1, code: 'empty-file', values: {} });
		return fail(problems);
	}

	// What each column holds: a category (by name, any case), a contact field, or nothing.
	const categoryColumn = new Map<string, number>();
	const contactColumn = new Map<ContactField, number>();
	for (const [index, name] of header.cells.entries()) {
		if (name === '') continue;
		const category = context.categories.find((c) => c.name.toLowerCase() === name.toLowerCase());
		const field = category ? undefined : contactFieldOf(name);
		const seen = category ? categoryColumn.has(category.id) : field && contactColumn.has(field);
		if (seen) {
			problems.push({ line: header.line, column: name, code: 'duplicate-column', values: {} });
		} else if (category) {
			categoryColumn.set(category.id, index);
		} else if (field) {
			contactColumn.set(field, index);
		} else if (!IGNORED_COLUMNS.includes(normalise(name))) {
			problems.push({
				line: header.line,
				column: name,
				code: 'unknown-column',
				values: {
					categories: context.categories.map((c) => c.name).join(', '),
					contact: CONTACT_COLUMN_NAMES
				}
			});
		}
	}
	const missing = (column: string) =>
		problems.push({ line: header.line, column, code: 'missing-column', values: {} });
	if (!contactColumn.has('full_name') && !contactColumn.has('first_name')) missing('first_name');
	if (!contactColumn.has('address_line')) missing('address');
	if (!contactColumn.has('postal_code')) missing('postcode');
	if (!contactColumn.has('birth_year')) missing('birth_year');
	if (!contactColumn.has('email') && !contactColumn.has('phone')) {
		problems.push({ line: header.line, code: 'missing-contact-column', values: {} });
	}
	for (const category of context.categories) {
		if (category.kind === 'choice' && !categoryColumn.has(category.id)) missing(category.name);
	}
	// A file with the wrong columns is reported by its header alone, not once per row.
	if (problems.length > 0) return fail(problems);
	if (rows.length === 0) return fail([{ line: header.line + 1, code: 'no-rows', values: {} }]);
	if (rows.length > MAX_ROWS) {
		return fail([
			{ line: rows[MAX_ROWS]!.line, code: 'too-many-rows', values: { max: String(MAX_ROWS) } }
		]);
	}

	const columnName = (field: ContactField) => header.cells[contactColumn.get(field) ?? -1];
	const schema = importedRespondentSchema(context.now);
	const taken = new Set([...context.takenEmails].map((email) => email.toLowerCase()));
	const emailLine = new Map<string, number>();
	const imported: ImportRow[] = [];
	for (const row of rows) {
		const result = readRow(row);
		if (result) imported.push(result);
	}
	return problems.length > 0 ? fail(problems) : { ok: true, rows: imported };

	function readRow(row: CsvRow): ImportRow | null {
		if (row.cells.length !== header!.cells.length) {
			const blankBeyond = row.cells.slice(header!.cells.length).every((cell) => cell === '');
			if (row.cells.length < header!.cells.length || !blankBeyond) {
				problems.push({
					line: row.line,
					code: 'wrong-field-count',
					values: {
						expected: String(header!.cells.length),
						found: String(row.cells.length)
					}
				});
				return null;
			}
		}
		const cell = (field: ContactField) => row.cells[contactColumn.get(field) ?? -1] ?? '';
		const before = problems.length;
		const name = contactColumn.has('full_name')
			? cell('full_name')
			: `${cell('first_name')} ${cell('last_name')}`.trim();
		const address = [cell('address_line'), cell('address_line_2')].filter(Boolean).join(', ');
		const checked = schema.safeParse({
			full_name: name,
			email: cell('email'),
			phone: cell('phone'),
			birth_year: cell('birth_year'),
			address_line: address,
			postal_code: cell('postal_code'),
			city: cell('city')
		});
		if (!checked.success) {
			for (const issue of checked.error.issues) rowProblem(row, issue, cell);
		}

		const answers: Record<string, string> = {};
		for (const category of context.categories) {
			const index = categoryColumn.get(category.id);
			const value = index === undefined ? undefined : (row.cells[index] ?? '');
			const column = index === undefined ? category.name : (header!.cells[index] ?? category.name);
			if (value === undefined) continue;
			if (value === '' && category.kind === 'birth_year') continue;
			if (value === '') {
				problems.push({ line: row.line, column, code: 'empty-cell', values: {} });
				continue;
			}
			const feature = category.features.find((f) => f.name.toLowerCase() === value.toLowerCase());
			if (!feature) {
				problems.push({
					line: row.line,
					column,
					code: 'unknown-feature',
					values: { value, known: category.features.map((f) => f.name).join(', ') }
				});
			} else if (category.kind === 'choice') {
				answers[category.id] = feature.id;
			}
		}
		if (!checked.success) return null;
		const data = checked.data;

		// Age bands come from the birth year, as the database derives them; a band in the file
		// must agree with it.
		const age = context.referenceYear - data.birth_year;
		for (const category of context.categories) {
			if (category.kind !== 'birth_year') continue;
			const band = category.features.find(
				(f) => age >= (f.age_from ?? 0) && age <= (f.age_to ?? 130)
			);
			const given = row.cells[categoryColumn.get(category.id) ?? -1] ?? '';
			if (!band) {
				problems.push({
					line: row.line,
					column: columnName('birth_year'),
					code: 'age-out-of-range',
					values: { age: String(age), category: category.name }
				});
			} else if (given !== '' && given.toLowerCase() !== band.name.toLowerCase()) {
				const known = category.features.some((f) => f.name.toLowerCase() === given.toLowerCase());
				if (known) {
					problems.push({
						line: row.line,
						column: header!.cells[categoryColumn.get(category.id)!],
						code: 'age-band-mismatch',
						values: { value: given, band: band.name, year: String(data.birth_year) }
					});
				}
			}
		}

		if (data.email !== '') {
			const email = data.email.toLowerCase();
			const earlier = emailLine.get(email);
			if (earlier !== undefined) {
				problems.push({
					line: row.line,
					column: columnName('email'),
					code: 'duplicate-email',
					values: { value: data.email, earlier: String(earlier) }
				});
			} else if (taken.has(email)) {
				problems.push({
					line: row.line,
					column: columnName('email'),
					code: 'email-taken',
					values: { value: data.email }
				});
			}
			if (earlier === undefined) emailLine.set(email, row.line);
		}
		if (problems.length > before) return null;
		return {
			line: row.line,
			full_name: data.full_name,
			email: data.email === '' ? null : data.email,
			phone: data.phone === '' ? null : data.phone,
			birth_year: data.birth_year,
			address_line: data.address_line,
			postal_code: data.postal_code,
			city: data.city,
			answers
		};
	}

	function rowProblem(
		row: CsvRow,
		issue: z.core.$ZodIssue,
		cell: (field: ContactField) => string
	): void {
		const field = String(issue.path[0] ?? '');
		const code = issue.message as ImportProblemCode;
		let column: string | undefined;
		let value = '';
		if (code === 'missing-contact') {
			column = undefined;
		} else if (field === 'full_name') {
			column = columnName(contactColumn.has('full_name') ? 'full_name' : 'first_name');
		} else if (field === 'address_line') {
			column = columnName('address_line');
		} else if (field in CONTACT_COLUMNS) {
			column = columnName(field as ContactField);
			value = cell(field as ContactField);
		}
		problems.push({ line: row.line, column, code, values: { value } });
	}
}
