/**
 * LEXIMIN and LEGACY on every instance in the shared sortition data folder: per instance n, k, the
 * smallest selection probability, Gini coefficient, geometric mean, panels in the support, wall
 * time and peak memory, next to the reference values from the folder's README.
 *
 *   npm run bench:sortition
 *   SORTITION_DATA_DIR=/elsewhere BENCH_RUNS=1 BENCH_TIME_LIMIT=120 npm run bench:sortition
 *
 * Every measurement runs in a fresh Node process, so that its peak RSS is its own and its first
 * LEXIMIN run pays the WebAssembly start-up a real draw pays. Prints a Markdown table and writes it
 * into docs/benchmarks.md between its bench:sortition markers.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { writeBenchmarkSection } from './benchmarks-doc.mjs';
import { estimateLegacyProbabilities, seededRandom } from '../src/lib/sortition/legacy';
import { leximinWithDetails } from '../src/lib/sortition/leximin';
import { selectionProbabilities, summarize } from '../src/lib/sortition/stats';
import type { Instance, Person, Quota } from '../src/lib/sortition/types';

const root = resolve(import.meta.dirname, '..');
const docPath = join(root, 'docs', 'benchmarks.md');
const dataDir = resolve(
	process.env.SORTITION_DATA_DIR ?? join(root, '..', 'shared', 'data', 'sortition')
);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const timeLimit = Number(process.env.BENCH_TIME_LIMIT ?? 600);
const legacyDraws = Number(process.env.BENCH_LEGACY_DRAWS ?? 10_000);

/** What one child process reports. */
interface Measurement {
	n: number;
	k: number;
	minimum: number;
	gini: number;
	geometricMean: number;
	support: number;
	/** Seconds of the first run in the process (LEXIMIN: WebAssembly start-up included). */
	seconds: number;
	/** LEXIMIN only: seconds of a second run in the same process. */
	warmSeconds?: number;
	peakRssMb: number;
	detail: string;
}

interface Reference {
	k: number;
	leximinMinimum?: number;
	legacyMinimum?: string;
	time?: string;
}

/** Reads a folder in the Sortition Foundation's two-file format; other columns are ignored. */
function readInstance(folder: string, k: number): Instance {
	const parse = (file: string) =>
		Papa.parse<Record<string, string>>(readFileSync(join(dataDir, folder, file), 'utf8'), {
			header: true,
			skipEmptyLines: true
		}).data;
	const quotas: Quota[] = parse('categories.csv').map((row) => ({
		category: (row.category ?? '').trim(),
		feature: (row.feature ?? '').trim(),
		min: Number(row.min),
		max: Number(row.max)
	}));
	const categories = new Set(quotas.map((quota) => quota.category));
	const pool: Person[] = parse('respondents.csv').map((row, i) => ({
		id: row.id ?? `row ${i + 2}`,
		features: Object.fromEntries(
			Object.entries(row)
				.filter(([column]) => categories.has(column))
				.map(([column, value]) => [column, value.trim()])
		)
	}));
	return { pool, quotas, k };
}

/** The README's table: folder | n | k | categories | LEXIMIN minimum | LEGACY minimum | time. */
function readReferences(): Map<string, Reference> {
	const references = new Map<string, Reference>();
	const readme = join(dataDir, 'README.md');
	if (!existsSync(readme)) return references;
	for (const line of readFileSync(readme, 'utf8').split('\n')) {
		const cells = line.split('|').map((cell) => cell.trim());
		const [, folder, , k, , leximin, legacy, time] = cells;
		if (!folder || !k || !/^\d+$/.test(k)) continue;
		const minimum = /\d+(\.\d+)?/.exec(leximin ?? '')?.[0];
		references.set(folder, {
			k: Number(k),
			leximinMinimum: minimum === undefined ? undefined : Number(minimum),
			legacyMinimum: legacy && legacy !== '—' ? legacy : undefined,
			time: time && time !== '—' ? time : undefined
		});
	}
	return references;
}

function summaryOf(probabilities: number[]) {
	const summary = summarize(probabilities);
	return { minimum: summary.minimum, gini: summary.gini, geometricMean: summary.geometricMean };
}

/** Runs in the child: one algorithm on one instance, printed as one JSON line. */
async function measure(algorithm: string, folder: string, k: number): Promise<Measurement> {
	const instance = readInstance(folder, k);
	const n = instance.pool.length;
	if (algorithm === 'leximin') {
		let started = performance.now();
		const result = await leximinWithDetails(instance);
		const seconds = (performance.now() - started) / 1000;
		started = performance.now();
		await leximinWithDetails(instance);
		const warmSeconds = (performance.now() - started) / 1000;
		const probabilities = selectionProbabilities(result.distribution, n);
		const { stats } = result;
		return {
			n,
			k,
			...summaryOf(probabilities),
			support: result.distribution.panels.length,
			seconds,
			warmSeconds,
			peakRssMb: process.resourceUsage().maxRSS / 1024,
			detail: `${stats.types} types, ${stats.levels} levels, ${stats.pricingRounds} pricing rounds, ${stats.exactPricings} pricing ILPs`
		};
	}
	const started = performance.now();
	const estimate = estimateLegacyProbabilities(instance, legacyDraws, seededRandom(2021));
	return {
		n,
		k,
		...summaryOf(estimate.probabilities),
		support: estimate.distinctPanels,
		seconds: (performance.now() - started) / 1000,
		peakRssMb: process.resourceUsage().maxRSS / 1024,
		detail: `${estimate.runs} draws, ${estimate.failures} dead ends retried`
	};
}

/** Starts a child process for one measurement, killed after the time limit. */
function runChild(
	algorithm: string,
	folder: string,
	k: number
): Promise<Measurement | { stoppedAfter: number }> {
	return new Promise((done, fail) => {
		const script = fileURLToPath(import.meta.url);
		const child = spawn(
			process.execPath,
			[...process.execArgv, script, '--child', algorithm, folder, String(k)],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeLimit * 1000);
		child.on('error', fail);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			if (signal === 'SIGKILL') done({ stoppedAfter: timeLimit });
			else if (code !== 0) fail(new Error(`${algorithm} on ${folder} exited with ${code}`));
			else done(JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as Measurement);
		});
	});
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[middle] ?? NaN)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const percent = (value: number, digits = 2) => `${(value * 100).toFixed(digits)} %`;
const secondsText = (value: number | undefined) =>
	value === undefined ? '—' : value < 10 ? `${value.toFixed(2)} s` : `${value.toFixed(1)} s`;

async function main(): Promise<void> {
	if (!existsSync(dataDir)) {
		console.error(`No sortition data at ${dataDir} (set SORTITION_DATA_DIR).`);
		process.exit(1);
	}
	const references = readReferences();
	const folders = readdirSync(dataDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.filter((folder) => existsSync(join(dataDir, folder, 'respondents.csv')))
		.sort();
	const cpus = os.cpus();
	const loadAtStart = os
		.loadavg()
		.map((load) => load.toFixed(2))
		.join(' / ');
	const rows: string[] = [];
	const notes: string[] = [];
	for (const folder of folders) {
		const reference = references.get(folder);
		const k = reference?.k ?? Number(/(\d+)$/.exec(folder)?.[1]);
		if (!Number.isInteger(k)) {
			console.error(`${folder}: no panel size in the README or the folder name; skipped`);
			continue;
		}
		for (const algorithm of ['leximin', 'legacy']) {
			const label = algorithm === 'leximin' ? 'LEXIMIN' : 'LEGACY';
			const times = algorithm === 'leximin' ? runs : 1;
			const results: Measurement[] = [];
			let stopped: number | null = null;
			for (let run = 0; run < times && stopped === null; run++) {
				console.error(`${folder}: ${label}, run ${run + 1} of ${times} …`);
				const result = await runChild(algorithm, folder, k);
				if ('stoppedAfter' in result) stopped = result.stoppedAfter;
				else results.push(result);
			}
			const first = results[0];
			if (!first) {
				rows.push(
					`| ${folder} | — | ${k} | ${label} | stopped after ${timeLimit} s | | | | | | | ${reference?.time ?? '—'} | |`
				);
				continue;
			}
			const referenceMinimum =
				algorithm === 'leximin'
					? reference?.leximinMinimum === undefined
						? '—'
						: percent(reference.leximinMinimum)
					: (reference?.legacyMinimum ?? '—');
			const warm = results.flatMap((result) =>
				result.warmSeconds === undefined ? [] : [result.warmSeconds]
			);
			rows.push(
				[
					'',
					folder,
					first.n,
					first.k,
					label,
					percent(first.minimum),
					referenceMinimum,
					percent(first.gini, 1),
					percent(first.geometricMean),
					first.support,
					secondsText(median(results.map((result) => result.seconds))),
					warm.length ? secondsText(median(warm)) : '—',
					algorithm === 'leximin' ? (reference?.time ?? '—') : '—',
					`${Math.round(Math.max(...results.map((result) => result.peakRssMb)))} MB`,
					''
				]
					.join(' | ')
					.trim()
			);
			notes.push(
				`${folder}, ${label}: ${first.detail}${stopped !== null ? `; a later run stopped after ${stopped} s` : ''}.`
			);
		}
	}

	const table = [
		'| Instance | n | k | Algorithm | Min. probability | Reference min. | Gini | Geometric mean | Panels in support | Time (first run) | Time (warm) | Reference time | Peak RSS |',
		'| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
		...rows
	].join('\n');
	const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const highsVersion = (
		JSON.parse(readFileSync(join(root, 'node_modules', 'highs', 'package.json'), 'utf8')) as {
			version: string;
		}
	).version;
	const section = `<!-- bench:sortition:start -->
## Sortition

Measured ${date} UTC with \`npm run bench:sortition\` (\`scripts/bench-sortition.mts\`) on the instances
in \`${dataDir}\`; reference values from that folder's README.

- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, load average at start ${loadAtStart}
- Node ${process.version}; highs ${highsVersion} (HiGHS in WebAssembly, single-threaded)

${table}

${notes.map((note) => `- ${note}`).join('\n')}

**How to read it.** *Min. probability* is the smallest selection probability of any pool member
under the algorithm; for LEXIMIN it is exact (from the computed distribution), for LEGACY it is the
share of ${legacyDraws.toLocaleString('en')} simulated draws, so a person's true chance may be a little
lower or higher (the reference gives a 99 % upper bound). *Gini* and *geometric mean* are taken over
all pool members' probabilities. *Panels in support* is the number of panels with positive weight in
the LEXIMIN distribution, and the number of different panels among LEGACY's draws. *Time (first run)*
is the median over ${runs} fresh processes of one LEXIMIN call, loading and compiling HiGHS's
WebAssembly included (what one draw on a just-started server costs); *time (warm)* is a second call
in the same process. For LEGACY the time is all ${legacyDraws.toLocaleString('en')} draws. *Peak RSS*
is the whole Node process (about 60 MB of it is Node itself). The reference times come from another
implementation (Python, HiGHS or Gurobi) and, where the README says so, another machine. Times move
with the load on the machine (see the load average above); the minimum probabilities do not.
<!-- bench:sortition:end -->`;

	console.log(`\n${table}\n`);
	await writeBenchmarkSection(docPath, 'sortition', section);
}

const childIndex = process.argv.indexOf('--child');
if (childIndex >= 0) {
	const [algorithm = 'leximin', folder = '', k = '0'] = process.argv.slice(childIndex + 1);
	console.log(JSON.stringify(await measure(algorithm, folder, Number(k))));
} else {
	await main();
}
