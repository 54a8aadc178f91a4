import Papa from 'papaparse';

export interface AllowanceCsvRow {
	registration_number: number | null;
	full_name: string;
	email: string | null;
	address_line: string | null;
	postal_code: string | null;
	city: string | null;
	sessions_attended: number;
	session_dates: string;
}

/** Column headings, in the order of the columns (Danish, for the municipality's payroll). */
export const ALLOWANCE_HEADINGS = [
	'Tilmeldingsnr.',
	'Navn',
	'E-mail',
	'Adresse',
	'Postnr.',
	'By',
	'Antal møder',
	'Mødedatoer'
] as const;

/**
 * The allowance export as Danish Excel opens it: `;`-separated, CRLF line ends, UTF-8 with a BOM
 * (so æøå survive), one row per member.
 */
export function allowanceCsv(rows: AllowanceCsvRow[]): string {
	const csv = Papa.unparse(
		{
			fields: [...ALLOWANCE_HEADINGS],
			data: rows.map((row) => [
				row.registration_number === null ? '' : String(row.registration_number),
				row.full_name,
				row.email ?? '',
				row.address_line ?? '',
				row.postal_code ?? '',
				row.city ?? '',
				String(row.sessions_attended),
				row.session_dates
			])
		},
		{ delimiter: ';', newline: '\r\n' }
	);
	return `\uFEFF${csv}\r\n`;
}
