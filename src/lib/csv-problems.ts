import { m } from '$lib/paraglide/messages.js';
import type { ImportProblem } from '$lib/recruitment/respondents-import';
import type { CsvProblem } from '$lib/sortition/csv';

/** A CSV problem as a line of the report, in the reader's language (the library's is English). */
export function describeCsvProblem(problem: CsvProblem): string {
	const key = `csv_problem_${problem.code.replaceAll('-', '_')}` as keyof typeof m;
	const message = (m[key] as (() => string) | undefined)?.() ?? problem.message;
	const column =
		problem.column === undefined ? '' : m.csv_problem_column({ column: problem.column });
	return m.csv_problem_line({ line: problem.line, column, message });
}

/** A problem of a respondents.csv import as a line of the report, in the reader's language. */
export function describeImportProblem(problem: ImportProblem): string {
	const key = `import_problem_${problem.code.replaceAll('-', '_')}` as keyof typeof m;
	const message = (m[key] as (inputs: Record<string, string>) => string)(problem.values);
	const column =
		problem.column === undefined ? '' : m.csv_problem_column({ column: problem.column });
	return m.csv_problem_line({ line: problem.line, column, message });
}
