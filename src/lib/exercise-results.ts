import Papa from 'papaparse';
import type { Standing } from '$lib/exercises';
import type { OptionText } from '$lib/exercise-setup';

/** One line of a result export: an option's place and number under one method. */
export interface ResultRow {
	method: string;
	option: string;
	rank: number;
	value: number | null;
}

type Tally = { order?: Standing[]; options?: Record<string, unknown>[] };

/** The number each method ranks by, per option (mean share, Borda points, score, total …). */
const VALUE_FIELDS = ['meanShare', 'points', 'score', 'total', 'approvals', 'mean'] as const;

/**
 * The rows of a stored round result (src/lib/server/exercises.ts StoredResult), every method's
 * order side by side; nothing when the result was hidden for having fewer than five ballots.
 */
export function resultRows(
	tallies: { suppressed: boolean; result?: Record<string, unknown> },
	options: OptionText[]
): ResultRow[] {
	if (tallies.suppressed || !tallies.result) return [];
	const label = (id: string) => options.find((option) => option.id === id)?.label ?? id;
	const rows: ResultRow[] = [];
	for (const [method, raw] of Object.entries(tallies.result)) {
		const tally = raw as Tally;
		for (const standing of tally.order ?? []) {
			const entry = tally.options?.find((option) => option.optionId === standing.optionId);
			const field = VALUE_FIELDS.find((name) => typeof entry?.[name] === 'number');
			rows.push({
				method,
				option: label(standing.optionId),
				rank: standing.rank,
				value: field ? (entry![field] as number) : null
			});
		}
	}
	return rows;
}

/** The rows as Danish Excel opens them: `;`, CRLF, UTF-8 with a BOM, decimal commas. */
export function resultCsv(rows: ResultRow[]): string {
	const decimal = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 4, useGrouping: false });
	return (
		'\uFEFF' +
		Papa.unparse(
			{
				fields: ['Metode', 'Mulighed', 'Placering', 'Værdi'],
				data: rows.map((row) => [
					row.method,
					row.option,
					String(row.rank),
					row.value === null ? '' : decimal.format(row.value)
				])
			},
			{ delimiter: ';', newline: '\r\n' }
		) +
		'\r\n'
	);
}
