import Papa from 'papaparse';

/** One row of a municipality's address extract: who gets a letter, and where. Never a CPR number. */
export interface AddressRow {
	recipient_name: string;
	address_line: string;
	postal_code: string;
	city: string;
	district: string;
}

export type AddressImport =
	| { ok: true; rows: AddressRow[]; encoding: 'utf-8' | 'windows-1252' }
	| { ok: false; problems: { line: number; message: string }[] };

const COLUMNS: Record<string, keyof AddressRow> = {
	navn: 'recipient_name',
	name: 'recipient_name',
	adresse: 'address_line',
	address: 'address_line',
	postnr: 'postal_code',
	postnummer: 'postal_code',
	postal_code: 'postal_code',
	by: 'city',
	city: 'city',
	område: 'district',
	omraade: 'district',
	district: 'district'
};

/** Text from bytes: UTF-8 (BOM or not) when valid, else Windows-1252, as Danish Excel saves. */
export function decodeText(bytes: Uint8Array): {
	text: string;
	encoding: 'utf-8' | 'windows-1252';
} {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/**
 * Reads an address extract (`;` or `,` separated, a header row naming the columns) into rows, or
 * reports every problem by line — nothing is imported half-way.
 */
export function parseAddresses(bytes: Uint8Array): AddressImport {
	const { text, encoding } = decodeText(bytes);
	const parsed = Papa.parse<Record<string, string>>(text, {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (header) => header.trim().toLowerCase()
	});
	const problems: { line: number; message: string }[] = [];
	const headers = parsed.meta.fields ?? [];
	const known = headers.filter((header) => header in COLUMNS);
	const mapped = new Set(known.map((header) => COLUMNS[header]));
	for (const required of ['address_line', 'postal_code'] as const) {
		if (!mapped.has(required)) {
			problems.push({
				line: 1,
				message: `Kolonnen for ${required === 'address_line' ? 'adresse' : 'postnr'} mangler`
			});
		}
	}
	const forbidden = headers.find((header) => /cpr/.test(header));
	if (forbidden)
		problems.push({
			line: 1,
			message: `Kolonnen "${forbidden}" må ikke være med: der gemmes ingen CPR-numre`
		});
	if (problems.length) return { ok: false, problems };

	const rows: AddressRow[] = [];
	parsed.data.forEach((record, index) => {
		const line = index + 2;
		const row: AddressRow = {
			recipient_name: '',
			address_line: '',
			postal_code: '',
			city: '',
			district: ''
		};
		for (const header of known) row[COLUMNS[header]!] = (record[header] ?? '').trim();
		if (!row.address_line) problems.push({ line, message: 'Adressen mangler' });
		if (!/^\d{4}$/.test(row.postal_code))
			problems.push({ line, message: `Postnummeret "${row.postal_code}" har ikke fire cifre` });
		if (Object.values(row).some((value) => value.length > 200))
			problems.push({ line, message: 'En værdi er for lang' });
		rows.push({ ...row, recipient_name: row.recipient_name || 'Beboeren' });
	});
	for (const error of parsed.errors)
		problems.push({ line: (error.row ?? 0) + 2, message: error.message });
	if (rows.length === 0) problems.push({ line: 2, message: 'Filen har ingen adresser' });
	return problems.length
		? { ok: false, problems: problems.sort((a, b) => a.line - b.line) }
		: { ok: true, rows, encoding };
}
