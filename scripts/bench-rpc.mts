/**
 * RPC throughput and latency through the app's own PostgREST-style endpoint, with RLS, on every
 * database target the endpoint serves: PGlite in memory, PGlite on disk and a PostgreSQL 15 server.
 * Callers are supabase-js clients with an in-process fetch, exactly as the app's server calls.
 *
 *   npm run bench:rpc                       (starts a throwaway PostgreSQL 15 for the server run)
 *   BENCH_SECONDS=2 npm run bench:rpc       (shorter runs)
 *
 * Prints a Markdown table and writes it into docs/benchmarks.md between its bench:rpc markers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { writeBenchmarkSection } from './benchmarks-doc.mjs';
import WebSocket from 'ws';
import { signAnonKey, signJwt } from '../src/lib/server/auth/jwt';
import { migrate } from '../src/lib/server/db/migrate';
import { openPglite } from '../src/lib/server/db/pglite';
import { openPostgres } from '../src/lib/server/db/postgres';
import { seedDemo } from '../src/lib/server/db/seed';
import type { Database } from '../src/lib/server/db/types';
import { createRpcEndpoint } from '../src/lib/server/rpc/endpoint';

const root = resolve(import.meta.dirname, '..');
const supabaseDir = join(root, 'supabase');
const docPath = join(root, 'docs', 'benchmarks.md');
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrencies = [1, 8];
const publicAssembly = 'a55e0b1e-0000-4000-8000-000000000001';

interface Target {
	name: string;
	open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

interface Workload {
	label: string;
	call(clients: Clients): PromiseLike<{ error: unknown }>;
}

interface Clients {
	anon: SupabaseClient;
	member: SupabaseClient;
	admin: SupabaseClient;
}

interface Row {
	target: string;
	workload: string;
	concurrency: number;
	calls: number;
	perSecond: number;
	p50: number;
	p95: number;
	errors: number;
}

const workloads: Workload[] = [
	{
		label: 'anon · `list_assemblies()`',
		call: (c) => c.anon.schema('api').rpc('list_assemblies')
	},
	{
		label: 'member · `get_assembly(id)`',
		call: (c) => c.member.schema('api').rpc('get_assembly', { assembly_id: publicAssembly })
	},
	{
		label: 'admin · `assembly_people(id)` (41 rows)',
		call: (c) => c.admin.schema('api').rpc('assembly_people', { assembly_id: publicAssembly })
	}
];

async function onServer(url: string, sql: string) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(sql);
	} finally {
		await client.end();
	}
}

function targets(): Target[] {
	const list: Target[] = [
		{
			name: 'PGlite, in memory',
			async open() {
				const db = await openPglite();
				return { db, dispose: () => db.close() };
			}
		},
		{
			name: 'PGlite, on disk',
			async open() {
				const dir = mkdtempSync(join(os.tmpdir(), 'samraad-bench-'));
				const db = await openPglite(join(dir, 'pglite'));
				return {
					db,
					async dispose() {
						await db.close();
						rmSync(dir, { recursive: true, force: true });
					}
				};
			}
		}
	];
	const url = process.env.DATABASE_URL;
	if (url) {
		list.push({
			name: 'PostgreSQL 15 (pool of 10)',
			async open() {
				const name = `samraad_bench_${Date.now().toString(36)}`;
				await onServer(url, `create database ${name}`);
				const scoped = new URL(url);
				scoped.pathname = `/${name}`;
				const db = await openPostgres(scoped.toString(), 10);
				return {
					db,
					async dispose() {
						await db.close();
						await onServer(url, `drop database if exists ${name} with (force)`);
					}
				};
			}
		});
	}
	return list;
}

async function signIn(db: Database, jwtSecret: string, email: string): Promise<string> {
	const { rows } = await db.query<{ id: string }>(
		'insert into auth.users (email) values ($1) returning id',
		[email]
	);
	const sub = rows[0]!.id;
	return signJwt(
		{ sub, role: 'authenticated', email, aud: 'authenticated', app_metadata: {} },
		jwtSecret,
		3600
	);
}

const percentile = (sorted: number[], p: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** Runs `concurrency` callers in closed loops for `durationMs` and measures each call. */
async function measure(
	call: () => PromiseLike<{ error: unknown }>,
	concurrency: number,
	durationMs: number
) {
	const latencies: number[] = [];
	let errors = 0;
	const started = performance.now();
	const deadline = started + durationMs;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (performance.now() < deadline) {
				const t0 = performance.now();
				const { error } = await call();
				latencies.push(performance.now() - t0);
				if (error) errors++;
			}
		})
	);
	const elapsed = (performance.now() - started) / 1000;
	latencies.sort((a, b) => a - b);
	return {
		calls: latencies.length,
		perSecond: latencies.length / elapsed,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		errors
	};
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface TargetResult {
	rows: Row[];
	version: string;
	baseline: number;
	afterOpen: number;
	peak: number;
}

/** Measures one target. Runs in a process of its own, so its RSS is not another target's. */
async function runTarget(target: Target): Promise<TargetResult> {
	const baseline = process.memoryUsage().rss;
	console.error(`\n${target.name}: opening, migrating, seeding…`);
	const { db, dispose } = await target.open();
	let peak = 0;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
	try {
		await migrate(db, supabaseDir);
		await seedDemo(db, supabaseDir);
		const { rows: v } = await db.query<{ v: string }>('select version() as v');
		const version = v[0]!.v.split(',')[0]!;
		const afterOpen = process.memoryUsage().rss;

		const jwtSecret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
		const endpoint = createRpcEndpoint({ db, jwtSecret });
		const anonKey = await signAnonKey(jwtSecret);
		const client = (token?: string) =>
			createClient('http://samraad.bench', anonKey, {
				auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
				global: {
					headers: token ? { Authorization: `Bearer ${token}` } : {},
					fetch: (input, init) => endpoint.fetch(new Request(input, init))
				},
				realtime: { transport: WebSocket as never }
			});
		const clients: Clients = {
			anon: client(),
			member: client(await signIn(db, jwtSecret, 'medlem01@demo.samraad.dk')),
			admin: client(await signIn(db, jwtSecret, 'admin@demo.samraad.dk'))
		};

		const rows: Row[] = [];
		for (const workload of workloads) {
			const first = await workload.call(clients);
			if (first.error) throw new Error(`${workload.label} failed: ${JSON.stringify(first.error)}`);
			await measure(() => workload.call(clients), 2, 500); // warm-up: plans, JIT, caches
			for (const concurrency of concurrencies) {
				const result = await measure(() => workload.call(clients), concurrency, seconds * 1000);
				rows.push({ target: target.name, workload: workload.label, concurrency, ...result });
				console.error(
					`  ${workload.label.padEnd(44)} ×${concurrency}: ${result.perSecond.toFixed(0).padStart(6)} calls/s, ` +
						`p50 ${result.p50.toFixed(2)} ms, p95 ${result.p95.toFixed(2)} ms, errors ${result.errors}`
				);
			}
		}
		return { rows, version, baseline, afterOpen, peak: Math.max(peak, process.memoryUsage().rss) };
	} finally {
		clearInterval(sampler);
		await dispose();
	}
}

/** Runs this script again for one target and reads its result from stdout. */
function inChild(index: number): Promise<TargetResult> {
	return new Promise((resolveResult, reject) => {
		const child = spawn(
			process.execPath,
			[...process.execArgv, fileURLToPath(import.meta.url), '--target', String(index)],
			{ stdio: ['ignore', 'pipe', 'inherit'], env: process.env }
		);
		let out = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolveResult(JSON.parse(out) as TargetResult)
				: reject(new Error(`target ${index} exited with ${code}`))
		);
	});
}

async function main() {
	const cpus = os.cpus();
	const loadAtStart = os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' / ');
	const pgliteVersion = JSON.parse(
		readFileSync(join(root, 'node_modules/@electric-sql/pglite/package.json'), 'utf8')
	).version as string;
	const list = targets();
	if (!process.env.DATABASE_URL) {
		console.warn(
			'DATABASE_URL is not set: skipping PostgreSQL 15. `npm run bench:rpc` starts one.'
		);
	}
	const results: TargetResult[] = [];
	for (let i = 0; i < list.length; i++) results.push(await inChild(i));
	const rows = results.flatMap((r) => r.rows);

	const table = [
		'| Database | Caller · function | Concurrent callers | Calls/s | p50 ms | p95 ms | Errors |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: |',
		...rows.map(
			(r) =>
				`| ${r.target} | ${r.workload} | ${r.concurrency} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${r.errors} |`
		)
	].join('\n');
	const memoryTable = [
		'| Database | RSS at start | RSS after open, migrate, seed | Peak RSS during its runs |',
		'| --- | ---: | ---: | ---: |',
		...results.map(
			(r, i) =>
				`| ${list[i]!.name} | ${mb(r.baseline)} MB | ${mb(r.afterOpen)} MB | ${mb(r.peak)} MB |`
		)
	].join('\n');

	const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const section = `<!-- bench:rpc:start -->
## RPC endpoint (\`npm run bench:rpc\`)

Measured ${date} UTC with \`scripts/bench-rpc.mts\`: ${seconds} s per row after a 0.5 s warm-up, callers in
closed loops (each sends its next call when the last one answers).

- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, load average at start ${loadAtStart}
- Node ${process.version}; @electric-sql/pglite ${pgliteVersion}
- ${results.map((r, i) => `${list[i]!.name}: ${r.version}`).join('\n- ')}

${table}

${memoryTable}

**How to read it.** Each call is the whole server-side path a page load pays for one RPC:
supabase-js builds the request, the endpoint verifies the HS256 JWT, picks the function from its
catalog, opens a transaction, switches to the caller's role and claims, runs the function under RLS
and serialises the JSON. No network is involved (the fetch is in-process), so a browser's HTTP
round trip comes on top. *Calls/s* is what one Node process sustains with that many callers in
flight; *p50* is a typical call and *p95* the slow tail, both as the caller waits, queueing
included. PGlite runs inside the Node thread and one transaction at a time: more callers add a
little throughput only because the JavaScript around each call (request, JWT, JSON) overlaps with
the database work, and otherwise they queue, so p50 grows about in proportion to the number of
callers. PostgreSQL runs the transactions in parallel in its own processes, bounded by the cores it
shares with Node. \`assembly_people\` is the heaviest call (41 rows with the policy helpers, contact
details for the administrator). Each database is measured in a process of its own; RSS is that
whole Node process, PGlite's WebAssembly heap included, and the PostgreSQL server's own memory is
not counted. The numbers move with the load on the machine (see the load average above): compare
rows of one run, and rerun before drawing conclusions from small differences.
<!-- bench:rpc:end -->`;

	console.log(`\n${table}\n\n${memoryTable}\n`);
	await writeBenchmarkSection(docPath, 'rpc', section);
}

const targetIndex = process.argv.indexOf('--target');
if (targetIndex >= 0) {
	const target = targets()[Number(process.argv[targetIndex + 1])]!;
	process.stdout.write(JSON.stringify(await runTarget(target)));
} else {
	await main();
}
