/**
 * The Sortition Foundation's CSV formats, so an assembly can move to or from their tools:
 * - `categories.csv`: `category,feature,min,max` (a `name` column is accepted for `feature`, as in
 *   the Foundation's older files); other columns (e.g. `min_flex`) are ignored and listed.
 * - `respondents.csv`: one row per person and one column per category; an optional id column
 *   (`id` unless told otherwise) and other columns, which are ignored and listed.
 *
 * Reading never imports half a file: the result is either all of the data or every problem found,
 * each with its line number (the physical line in the file where the row starts, header = 1).
 * Files may come as bytes in UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text")
 * or Windows-1252 (Excel's "CSV" on Danish Windows); the result says which was used. The
 * separator is taken from the header line: `;` or a tab when it has more of those than commas.
 */
import Papa from 'papaparse';
import type { Person, Quota } from './types';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'text';

/**
 * `sortition-foundation`: `,`, CRLF, no BOM, values as they are — the files their tools read.
 * `excel-da`: for people opening the file in Danish Excel: `;`, CRLF, UTF-8 with BOM, and cells that
 * Excel would take for a formula (starting with = + - @) prefixed with `'`.
 */
export type CsvDialect = 'sortition-foundation' | 'excel-da';

export type CsvProblemCode =
	| 'empty-file'
	| 'bad-quotes'
	| 'missing-column'
	| 'duplicate-column'
	| 'wrong-field-count'
	| 'empty-cell'
	| 'not-an-integer'
	| 'min-greater-than-max'
	| 'duplicate-feature'
	| 'duplicate-id'
	| 'unknown-feature'
	| 'no-rows';

/** One problem in an imported file. `code` is stable (for translated messages); `message` is English. */
export interface CsvProblem {
	line: number;
	column?: string;
	code: CsvProblemCode;
	message: string;
}

export type CsvResult<T> =
	| { ok: true; data: T; encoding: Encoding }
	| { ok: false; problems: CsvProblem[]; encoding: Encoding };

export interface CategoriesData {
	quotas: Quota[];
	/** Category names in order of first appearance. */
	categories: string[];
	extraColumns: string[];
	delimiter: string;
}

export interface RespondentsOptions {
	/** The column holding each person's id; default: a column named `id` (any case), if there is one. */
	idColumn?: string;
	/** A column holding a household key (for at most one person per household). */
	householdColumn?: string;
}

export interface RespondentsData {
	/** One person per row, in file order; without an id column the ids are "1", "2", … by row. */
	pool: Person[];
	idColumn: string | null;
	householdColumn: string | null;
	categoryColumns: string[];
	extraColumns: string[];
	delimiter: string;
}

export type CsvInput = string | Uint8Array | ArrayBuffer;

// What Node's TextDecoder gets wrong: it decodes 'windows-1252' as ISO-8859-1, leaving
// 0x80–0x9F as C1 control characters instead of €, curly quotes, dashes, Š, Ž, Ÿ …
const cp1252High: Record<number, number> = {
	0x80: 0x20ac,
	0x82: 0x201a,
	0x83: 0x0192,
	0x84: 0x201e,
	0x85: 0x2026,
	0x86: 0x2020,
	0x87: 0x2021,
	0x88: 0x02c6,
	0x89: 0x2030,
	0x8a: 0x0160,
	0x8b: 0x2039,
	0x8c: 0x0152,
	0x8e: 0x017d,
	0x91: 0x2018,
	0x92: 0x2019,
	0x93: 0x201c,
	0x94: 0x201d,
	0x95: 0x2022,
	0x96: 0x2013,
	0x97: 0x2014,
	0x98: 0x02dc,
	0x99: 0x2122,
	0x9a: 0x0161,
	0x9b: 0x203a,
	0x9c: 0x0153,
	0x9e: 0x017e,
	0x9f: 0x0178
};

/** Text of a file given as bytes or as a string, and the encoding that was used. */
export function decodeCsv(input: CsvInput): { text: string; encoding: Encoding } {
	if (typeof input === 'string') {
		return { text: input.startsWith('\uFEFF') ? input.slice(1) : input, encoding: 'text' };
	}
	const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
	if (bytes[0] === 0xff && bytes[1] === 0xfe) {
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) {
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	}
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	const body = bom ? bytes.subarray(3) : bytes;
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
		return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
	} catch {
		const latin = new TextDecoder('windows-1252').decode(body);
		const text = latin.replace(/[\u0080-\u009f]/g, (c) => {
			const mapped = cp1252High[c.charCodeAt(0)];
			return mapped === undefined ? c : String.fromCharCode(mapped);
		});
		return { text, encoding: 'windows-1252' };
	}
}

/** A row of a CSV file: its cells (trimmed) and the line it starts on (header = 1). */
export interface CsvRow {
	line: number;
	cells: string[];
}

type Row = CsvRow;

function detectDelimiter(text: string): string {
	const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? '';
	const count = (c: string) => firstLine.split(c).length - 1;
	const commas = count(',');
	const semicolons = count(';');
	const tabs = count('\t');
	if (semicolons > commas && semicolons >= tabs) return ';';
	if (tabs > commas && tabs > semicolons) return '\t';
	return ',';
}

/** Rows with their starting line numbers; blank rows are dropped, cells trimmed. */
export function parseRows(rawText: string): {
	rows: Row[];
	problems: CsvProblem[];
	delimiter: string;
} {
	const text = rawText.replace(/\r\n?/g, '\n');
	const delimiter = detectDelimiter(text);
	const rows: Row[] = [];
	const problems: CsvProblem[] = [];
	let previousCursor = 0;
	let line = 1;
	let counted = 0;
	const lineAt = (position: number) => {
		for (; counted < position; counted++) if (text[counted] === '\n') line++;
		return line;
	};
	Papa.parse<string[]>(text, {
		delimiter,
		newline: '\n',
		quoteChar: '"',
		step(results) {
			const start = previousCursor;
			previousCursor = results.meta.cursor;
			const rowLine = lineAt(start);
			const cells = (results.data ?? []).map((cell) => String(cell).trim());
			if (results.errors.length > 0) {
				problems.push({
					line: rowLine,
					code: 'bad-quotes',
					message: `A quoted value is not closed properly (${results.errors[0]?.message ?? 'quote error'}).`
				});
				return;
			}
			if (cells.every((cell) => cell === '')) return;
			rows.push({ line: rowLine, cells });
		}
	});
	return { rows, problems, delimiter };
}

/** The report in file order (the sort is stable, so a line's problems keep their column order). */
const byLine = (problems: CsvProblem[]) => [...problems].sort((a, b) => a.line - b.line);

const isBlank = (cells: string[], from: number) => cells.slice(from).every((c) => c === '');

function checkFieldCount(row: Row, expected: number, problems: CsvProblem[]): boolean {
	if (row.cells.length === expected) return true;
	// Spreadsheets often leave empty cells to the right of the table: harmless.
	if (row.cells.length > expected && isBlank(row.cells, expected)) return true;
	problems.push({
		line: row.line,
		code: 'wrong-field-count',
		message: `Expected ${expected} fields as in the header, found ${row.cells.length}.`
	});
	return false;
}

function headerProblems(header: Row, compare: (name: string) => string): CsvProblem[] {
	const problems: CsvProblem[] = [];
	const seen = new Set<string>();
	for (const name of header.cells) {
		if (name === '') continue;
		const key = compare(name);
		if (seen.has(key)) {
			problems.push({
				line: header.line,
				column: name,
				code: 'duplicate-column',
				message: `The column "${name}" appears more than once.`
			});
		}
		seen.add(key);
	}
	return problems;
}

function parseCount(
	value: string,
	column: string,
	line: number,
	problems: CsvProblem[]
): number | null {
	if (value === '') {
		problems.push({ line, column, code: 'empty-cell', message: `"${column}" is empty.` });
		return null;
	}
	if (!/^\d{1,9}$/.test(value)) {
		problems.push({
			line,
			column,
			code: 'not-an-integer',
			message: `"${column}" must be a whole number of people (0 or more), not "${value}".`
		});
		return null;
	}
	return Number(value);
}

/** Reads categories.csv. */
export function parseCategories(input: CsvInput): CsvResult<CategoriesData> {
	const { text, encoding } = decodeCsv(input);
	const { rows, problems, delimiter } = parseRows(text);
	const fail = (): CsvResult<CategoriesData> => ({
		ok: false,
		problems: byLine(problems),
		encoding
	});
	const header = rows[0];
	if (!header) {
		if (problems.length === 0) {
			problems.push({ line: 1, code: 'empty-file', message: 'The file is empty.' });
		}
		return fail();
	}
	const lower = header.cells.map((c) => c.toLowerCase());
	problems.push(...headerProblems(header, (name) => name.toLowerCase()));
	const column = (...names: string[]) => lower.findIndex((c) => names.includes(c));
	const indices = {
		category: column('category'),
		feature: column('feature', 'name'),
		min: column('min'),
		max: column('max')
	};
	for (const [name, index] of Object.entries(indices)) {
		if (index < 0) {
			problems.push({
				line: header.line,
				column: name,
				code: 'missing-column',
				message: `The column "${name}" is missing (expected category,feature,min,max).`
			});
		}
	}
	if (problems.length > 0) return fail();
	const used = new Set(Object.values(indices));
	const extraColumns = header.cells.filter((name, i) => !used.has(i) && name !== '');

	const quotas: Quota[] = [];
	const categories: string[] = [];
	const firstLine = new Map<string, number>();
	for (const row of rows.slice(1)) {
		if (!checkFieldCount(row, header.cells.length, problems)) continue;
		const cell = (index: number) => row.cells[index] ?? '';
		const category = cell(indices.category);
		const feature = cell(indices.feature);
		for (const [name, value] of [
			['category', category],
			['feature', feature]
		] as const) {
			if (value === '') {
				problems.push({
					line: row.line,
					column: name,
					code: 'empty-cell',
					message: `"${name}" is empty.`
				});
			}
		}
		const min = parseCount(cell(indices.min), 'min', row.line, problems);
		const max = parseCount(cell(indices.max), 'max', row.line, problems);
		if (min !== null && max !== null && min > max) {
			problems.push({
				line: row.line,
				code: 'min-greater-than-max',
				message: `min (${min}) is greater than max (${max}).`
			});
		}
		if (category === '' || feature === '') continue;
		const key = JSON.stringify([category, feature]);
		const earlier = firstLine.get(key);
		if (earlier !== undefined) {
			problems.push({
				line: row.line,
				code: 'duplicate-feature',
				message: `"${category}" / "${feature}" is already given on line ${earlier}.`
			});
			continue;
		}
		firstLine.set(key, row.line);
		if (!categories.includes(category)) categories.push(category);
		if (min !== null && max !== null) quotas.push({ category, feature, min, max });
	}
	if (rows.length === 1 && problems.length === 0) {
		problems.push({
			line: header.line + 1,
			code: 'no-rows',
			message: 'There are no categories below the header.'
		});
	}
	if (problems.length > 0) return fail();
	return { ok: true, data: { quotas, categories, extraColumns, delimiter }, encoding };
}

function featureHint(value: string, known: string[]): string {
	const sameButCase = known.find((f) => f.toLowerCase() === value.toLowerCase());
	if (sameButCase) return ` Did you mean "${sameButCase}"? Upper and lower case must match.`;
	return ` Known: ${known.map((f) => `"${f}"`).join(', ')}.`;
}

/** Reads respondents.csv against the categories (and their features) from categories.csv. */
export function parseRespondents(
	input: CsvInput,
	quotas: Quota[],
	options: RespondentsOptions = {}
): CsvResult<RespondentsData> {
	const { text, encoding } = decodeCsv(input);
	const { rows, problems, delimiter } = parseRows(text);
	const fail = (): CsvResult<RespondentsData> => ({
		ok: false,
		problems: byLine(problems),
		encoding
	});
	const header = rows[0];
	if (!header) {
		if (problems.length === 0) {
			problems.push({ line: 1, code: 'empty-file', message: 'The file is empty.' });
		}
		return fail();
	}
	problems.push(...headerProblems(header, (name) => name));

	const features = new Map<string, string[]>();
	for (const quota of quotas) {
		const list = features.get(quota.category) ?? [];
		list.push(quota.feature);
		features.set(quota.category, list);
	}
	const categoryColumns = [...features.keys()];
	const columnIndex = new Map<string, number>();
	for (const category of categoryColumns) {
		const index = header.cells.indexOf(category);
		if (index < 0) {
			problems.push({
				line: header.line,
				column: category,
				code: 'missing-column',
				message: `The column "${category}" (a category in categories.csv) is missing.`
			});
		}
		columnIndex.set(category, index);
	}
	const findNamed = (name: string | undefined, what: string): number => {
		if (name === undefined) return -1;
		const index = header.cells.indexOf(name);
		if (index < 0) {
			problems.push({
				line: header.line,
				column: name,
				code: 'missing-column',
				message: `The ${what} column "${name}" is missing.`
			});
		}
		return index;
	};
	let idIndex = findNamed(options.idColumn, 'id');
	if (options.idColumn === undefined) {
		idIndex = header.cells.findIndex((c) => c.toLowerCase() === 'id' && !features.has(c));
	}
	const householdIndex = findNamed(options.householdColumn, 'household');
	// Rows are checked even when a column is missing, so that one report lists everything.

	const used = new Set([...columnIndex.values(), idIndex, householdIndex]);
	const extraColumns = header.cells.filter((name, i) => !used.has(i) && name !== '');
	const pool: Person[] = [];
	const idLine = new Map<string, number>();
	for (const row of rows.slice(1)) {
		if (!checkFieldCount(row, header.cells.length, problems)) continue;
		const cell = (index: number) => row.cells[index] ?? '';
		let id = String(pool.length + 1);
		if (idIndex >= 0) {
			const idColumn = header.cells[idIndex] ?? 'id';
			id = cell(idIndex);
			if (id === '') {
				problems.push({
					line: row.line,
					column: idColumn,
					code: 'empty-cell',
					message: `The id ("${idColumn}") is empty.`
				});
			} else if (idLine.has(id)) {
				problems.push({
					line: row.line,
					column: idColumn,
					code: 'duplicate-id',
					message: `The id "${id}" is already used on line ${idLine.get(id)}.`
				});
			} else {
				idLine.set(id, row.line);
			}
		}
		const personFeatures: Record<string, string> = {};
		for (const category of categoryColumns) {
			const index = columnIndex.get(category) ?? -1;
			if (index < 0) continue;
			const value = cell(index);
			const known = features.get(category) ?? [];
			if (value === '') {
				problems.push({
					line: row.line,
					column: category,
					code: 'empty-cell',
					message: `"${category}" is empty.`
				});
			} else if (!known.includes(value)) {
				problems.push({
					line: row.line,
					column: category,
					code: 'unknown-feature',
					message:
						`"${value}" is not a feature of "${category}" in categories.csv.` +
						featureHint(value, known)
				});
			}
			personFeatures[category] = value;
		}
		const person: Person = { id, features: personFeatures };
		if (householdIndex >= 0 && cell(householdIndex) !== '') person.household = cell(householdIndex);
		pool.push(person);
	}
	if (rows.length === 1 && problems.length === 0) {
		problems.push({
			line: header.line + 1,
			code: 'no-rows',
			message: 'There are no respondents below the header.'
		});
	}
	if (problems.length > 0) return fail();
	return {
		ok: true,
		data: {
			pool,
			idColumn: idIndex >= 0 ? (header.cells[idIndex] ?? null) : null,
			householdColumn: householdIndex >= 0 ? (header.cells[householdIndex] ?? null) : null,
			categoryColumns,
			extraColumns,
			delimiter
		},
		encoding
	};
}

/** "line 4, column "gender": …" — one problem as a line of a report. */
export function formatProblem(problem: CsvProblem): string {
	const column = problem.column === undefined ? '' : `, column "${problem.column}"`;
	return `line ${problem.line}${column}: ${problem.message}`;
}

function unparse(fields: string[], data: string[][], dialect: CsvDialect): string {
	const excel = dialect === 'excel-da';
	const body = Papa.unparse(
		{ fields, data },
		{ delimiter: excel ? ';' : ',', newline: '\r\n', escapeFormulae: excel }
	);
	return (excel ? '\uFEFF' : '') + body + '\r\n';
}

/** categories.csv text. For `excel-da` the text starts with a BOM; encode it as UTF-8 (`csvBytes`). */
export function writeCategories(
	quotas: Quota[],
	dialect: CsvDialect = 'sortition-foundation'
): string {
	return unparse(
		['category', 'feature', 'min', 'max'],
		quotas.map((q) => [q.category, q.feature, String(q.min), String(q.max)]),
		dialect
	);
}

export interface WriteRespondentsOptions {
	dialect?: CsvDialect;
	/** Name of the id column (default `id`); null leaves the ids out. */
	idColumn?: string | null;
	/** Also write each person's household key in a column of this name. */
	householdColumn?: string;
}

/** respondents.csv text: the id column first, then one column per category in the given order. */
export function writeRespondents(
	pool: Person[],
	categories: string[],
	options: WriteRespondentsOptions = {}
): string {
	const idColumn = options.idColumn === undefined ? 'id' : options.idColumn;
	const fields = [
		...(idColumn === null ? [] : [idColumn]),
		...categories,
		...(options.householdColumn === undefined ? [] : [options.householdColumn])
	];
	const data = pool.map((person) => [
		...(idColumn === null ? [] : [person.id]),
		...categories.map((c) => person.features[c] ?? ''),
		...(options.householdColumn === undefined ? [] : [person.household ?? ''])
	]);
	return unparse(fields, data, options.dialect ?? 'sortition-foundation');
}

/** The UTF-8 bytes of a written file (a leading BOM character becomes EF BB BF). */
export function csvBytes(text: string): Uint8Array {
	return new TextEncoder().encode(text);
}
