import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as prettier from 'prettier';

/**
 * Rewrites one benchmark's section of docs/benchmarks.md (between `<!-- bench:<name>:start -->` and
 * `<!-- bench:<name>:end -->`, which `section` includes), or appends it; formatted as the
 * repository's prettier check expects. Each `npm run bench:<name>` owns only its own section.
 */
export async function writeBenchmarkSection(docPath: string, name: string, section: string) {
	const existing = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '';
	const marked = new RegExp(`<!-- bench:${name}:start -->[\\s\\S]*<!-- bench:${name}:end -->`);
	const doc = marked.test(existing)
		? existing.replace(marked, () => section)
		: `${existing.trim() || '# Benchmarks\n\nEach `npm run bench:<name>` rewrites its own section of this file.'}\n\n${section}\n`;
	const options = (await prettier.resolveConfig(docPath)) ?? {};
	writeFileSync(docPath, await prettier.format(doc, { ...options, filepath: docPath }));
	console.log(`Wrote ${docPath}`);
}
