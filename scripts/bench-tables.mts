/**
 * Table groups over a series of sessions: 36, 100 and 200 members (demo assembly's categories, see
 * src/lib/sessions/test-data.ts) at tables of 6, 8 and 8, ten sessions in a row, each with the
 * pairings of the sessions before it. Per allocation: wall time per session, the largest deviation
 * of a table from the room's mix, and repeat pairings, next to a random allocation of the same
 * tables.
 *
 *   npm run bench:tables
 *   BENCH_SESSIONS=20 npm run bench:tables
 *
 * Prints a Markdown table and writes it into docs/benchmarks.md between its bench:tables markers.
 */
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchmarkSection } from './benchmarks-doc.mjs';
import {
	allocateTables,
	mixDeviation,
	pairsOf,
	randomAllocation,
	repeatPairings,
	tableSizes,
	tallyPairs,
	type AllocationInput,
	type Pair,
	type TableAllocation
} from '../src/lib/sessions/tables';
import { demoCategories, syntheticPanel } from '../src/lib/sessions/test-data';

const root = resolve(import.meta.dirname, '..');
const docPath = join(root, 'docs', 'benchmarks.md');
const sessions = Number(process.env.BENCH_SESSIONS ?? 10);

const cases = [
	{ members: 36, tableSize: 6 },
	{ members: 100, tableSize: 8 },
	{ members: 200, tableSize: 8 }
];

const allocations: { label: string; allocate: (input: AllocationInput) => TableAllocation }[] = [
	{ label: 'Random', allocate: randomAllocation },
	{ label: '`allocateTables` (default: weights 1 : 1)', allocate: allocateTables },
	{
		label: '`allocateTables`, mix first (weights 4 : 1)',
		allocate: (input) => allocateTables({ ...input, weights: { mix: 4 } })
	}
];

interface Result {
	medianMs: number;
	maxMs: number;
	worstDeviation: number;
	meanDeviation: number;
	repeats: number;
}

function run(
	allocate: (input: AllocationInput) => TableAllocation,
	n: number,
	tableSize: number
): Result {
	const members = syntheticPanel(n, n);
	const pairings: Pair[] = [];
	const times: number[] = [];
	const deviations: number[] = [];
	let repeats = 0;
	for (let session = 1; session <= sessions; session++) {
		const history = tallyPairs(pairings);
		const started = performance.now();
		const { tables } = allocate({ members, tableSize, history, seed: `session ${session}` });
		times.push(performance.now() - started);
		// Measured here, outside the timing, the same way for every allocation.
		deviations.push(mixDeviation(tables, members));
		repeats += repeatPairings(tables, history);
		pairings.push(...pairsOf(tables));
	}
	times.sort((a, b) => a - b);
	return {
		medianMs: times[Math.floor(times.length / 2)] ?? NaN,
		maxMs: times.at(-1) ?? NaN,
		worstDeviation: Math.max(...deviations),
		meanDeviation: deviations.reduce((sum, value) => sum + value, 0) / deviations.length,
		repeats
	};
}

/** Repeats no allocation can avoid: pairs seated over all sessions beyond the pairs that exist. */
function unavoidableRepeats(n: number, tableSize: number): number {
	const sizes = tableSizes(n, Math.ceil(n / tableSize));
	const perSession = sizes.reduce((sum, size) => sum + (size * (size - 1)) / 2, 0);
	return Math.max(0, sessions * perSession - (n * (n - 1)) / 2);
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const points = (value: number) => `${value.toFixed(1)} pp`;

async function main(): Promise<void> {
	const cpus = os.cpus();
	const loadAtStart = os
		.loadavg()
		.map((load) => load.toFixed(2))
		.join(' / ');
	const rows: string[] = [];
	const verdicts: string[] = [];
	for (const { members: n, tableSize } of cases) {
		const tableCount = Math.ceil(n / tableSize);
		const sizes = [...new Set(tableSizes(n, tableCount))].join(' and ');
		let random: Result | undefined;
		for (const { label, allocate } of allocations) {
			console.error(`${n} members, ${label} …`);
			const result = run(allocate, n, tableSize);
			random ??= result;
			rows.push(
				`| ${n} | ${tableCount} of ${sizes} | ${label} | ${ms(result.medianMs)} | ${ms(result.maxMs)} | ${points(result.worstDeviation)} | ${points(result.meanDeviation)} | ${result.repeats} | ${unavoidableRepeats(n, tableSize)} |`
			);
			if (result !== random) {
				const beats =
					result.worstDeviation < random.worstDeviation &&
					result.meanDeviation < random.meanDeviation &&
					result.repeats < random.repeats;
				verdicts.push(
					`${n} members, ${label}: ${beats ? 'beats' : 'does NOT beat'} random on both measures (largest deviation ${points(result.worstDeviation)} against ${points(random.worstDeviation)}, repeat pairings ${result.repeats} against ${random.repeats}, ${Math.round((100 * (random.repeats - result.repeats)) / Math.max(random.repeats, 1))} % fewer).`
				);
			}
		}
	}

	const table = [
		'| Members | Tables | Allocation | Time per session (median) | Time per session (max) | Largest deviation (worst session) | Largest deviation (mean of sessions) | Repeat pairings | Unavoidable repeats |',
		'| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
		...rows
	].join('\n');
	const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const categories = Object.entries(demoCategories)
		.map(([category, shares]) => `${category} (${Object.keys(shares).length})`)
		.join(', ');
	const section = `<!-- bench:tables:start -->
## Table groups

Measured ${date} UTC with \`npm run bench:tables\` (\`scripts/bench-tables.mts\`): ${sessions} sessions
in a row per panel, everyone present, each session allocated with the pairings of the sessions
before it as history.

- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, load average at start ${loadAtStart}
- Node ${process.version}; one thread

${table}

${verdicts.map((verdict) => `- ${verdict}`).join('\n')}

**How to read it.** The panels are synthetic, with the demo assembly's categories and population
shares (\`supabase/seed.sql\`): ${categories}; each category's counts match the shares as a
stratified draw would, and the categories are combined at random. *Largest deviation* is
\`mixDeviation\`: over all tables, categories and features, the largest gap between a feature's share
at a table and its share in the room, in percentage points; at a table of 8 one person is 12.5 pp,
so about 12 pp is the floor when a share such as 30 % cannot be seated exactly. *Worst session* is
the largest over the ${sessions} sessions, *mean of sessions* the average of each session's largest.
*Repeat pairings* is \`repeatPairings\` summed over the sessions: pairs at a table who had sat together
in an earlier session. *Unavoidable repeats* is what no allocation can avoid: the pairs seated over
all sessions minus the pairs that exist among the members. *Time* is one \`allocateTables\` call
(for Random one \`randomAllocation\` call), reading the history and computing the measures it
returns included, the first session's JIT warm-up in the max. The default weighs one person off the best count at a table as
much as one repeated pairing; *mix first* weighs the mix four times as much and shows the trade-off:
at 36 members tables that mirror all four categories exactly leave few ways to seat people anew.
Times move with the load on the machine (see the load average above); the other columns do not,
as every allocation is deterministic for its seed.
<!-- bench:tables:end -->`;

	console.log(`\n${table}\n\n${verdicts.join('\n')}\n`);
	await writeBenchmarkSection(docPath, 'tables', section);
	if (verdicts.some((verdict) => verdict.includes('NOT'))) process.exitCode = 1;
}

await main();
