/**
 * The pieces of the voting load, shared by `npm run bench:voting` (scripts/bench-voting.mts) and the
 * crash-safety test (tests/integration/crash-safety.test.ts): a fresh database with extra members
 * and open allocation exercises, `node build` started on it, members who sign in through the real
 * flow (the code mailed over SMTP to a sink in this process), open the ballot page for its
 * idempotency key and post the ballot form as a browser does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { migrate } from '../src/lib/server/db/migrate';
import { openPglite } from '../src/lib/server/db/pglite';
import { openPostgres } from '../src/lib/server/db/postgres';
import { seedDemo } from '../src/lib/server/db/seed';
import type { Database } from '../src/lib/server/db/types';

export const root = resolve(import.meta.dirname, '..');
export const supabaseDir = join(root, 'supabase');
/** The demo's welfare assembly, which the load's members and exercises belong to. */
export const WELFARE = 'a55e0b1e-0000-4000-8000-000000000001';

export const percentile = (sorted: number[], p: number) =>
	sorted.length
		? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
		: NaN;

/** A small deterministic generator, so two runs send the same schedule. */
export function mulberry32(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function freePort(): Promise<number> {
	return new Promise((done, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

export const memberEmail = (i: number) => `bench${String(i).padStart(3, '0')}@bench.samraad.dk`;

/** Writes `members` extra members and one open exercise round per title; returns the exercise ids. */
export async function prepareVoting(db: Database, members: number, titles: string[]) {
	await db.query(
		`with inserted as (
		   insert into app.people (full_name, email)
		   select 'Bench Medlem ' || i, 'bench' || lpad(i::text, 3, '0') || '@bench.samraad.dk'
		   from generate_series(1, $1::int) as i
		   returning id)
		 insert into app.role_assignments (assembly_id, person_id, role)
		 select $2, id, 'member' from inserted`,
		[members, WELFARE]
	);
	const { rows: areas } = await db.query<{ id: string }>(
		'select id from app.welfare_areas where assembly_id = $1 order by position',
		[WELFARE]
	);
	const config = {
		kind: 'allocation',
		unit: 'points',
		total: 100,
		step: 1,
		options: areas.map((area) => ({ optionId: area.id, min: 0, max: 100, locked: 0 }))
	};
	const options = areas.map((area) => ({ id: area.id, welfare_area_id: area.id }));
	const ids: string[] = [];
	for (const title of titles) {
		const { rows } = await db.query<{ id: string }>(
			`insert into app.exercises (assembly_id, title, kind, config, options)
			 values ($1, $2, 'allocation', $3::jsonb, $4::jsonb) returning id`,
			[WELFARE, title, JSON.stringify(config), JSON.stringify(options)]
		);
		const id = rows[0]!.id;
		const { rows: round } = await db.query<{ id: string }>(
			`insert into app.exercise_rounds (exercise_id, number, status, opened_at)
			 values ($1, 1, 'open', now()) returning id`,
			[id]
		);
		await db.query(
			'insert into private.exercise_secrets (exercise_id, secret) values ($1, private.random_secret())',
			[id]
		);
		await db.query(
			'insert into private.round_secrets (round_id, secret) values ($1, private.random_secret())',
			[round[0]!.id]
		);
		ids.push(id);
	}
	return ids;
}

export async function countBallots(db: Database, exerciseId: string) {
	const { rows } = await db.query<{ ballots: number; casts: number }>(
		`select (select count(*)::int from app.ballots b join app.exercise_rounds r on r.id = b.round_id
		         where r.exercise_id = $1) as ballots,
		        (select count(*)::int from app.ballot_casts c join app.exercise_rounds r on r.id = c.round_id
		         where r.exercise_id = $1) as casts`,
		[exerciseId]
	);
	return rows[0]!;
}

/**
 * A fresh database for one run: a PGlite data directory, or a new database on the DATABASE_URL
 * server; migrated, seeded with the demo and prepared with `members` and one exercise per title.
 * `dataDir` also holds the server's JWT secret (on both targets), so a restarted server accepts the
 * sessions it handed out before.
 */
export interface VotingTarget {
	name: 'embedded' | 'postgres';
	dataDir: string;
	databaseUrl?: string;
	exerciseIds: string[];
	version: string;
	/** Opens the target's database from this process (stop the server first on PGlite). */
	open(): Promise<Database>;
	dispose(): Promise<void>;
}

export async function createVotingTarget(
	name: 'embedded' | 'postgres',
	members: number,
	titles: string[],
	prefix = 'samraad-voting-'
): Promise<VotingTarget> {
	const dataDir = mkdtempSync(join(os.tmpdir(), prefix));
	const serverUrl = process.env.DATABASE_URL;
	let databaseUrl: string | undefined;
	let dbName = '';
	if (name === 'postgres') {
		if (!serverUrl) throw new Error('DATABASE_URL is not set: run under scripts/with-pg15.sh');
		dbName = `samraad_voting_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
		const admin = new pg.Client({ connectionString: serverUrl });
		await admin.connect();
		await admin.query(`create database ${dbName}`);
		await admin.end();
		const scoped = new URL(serverUrl);
		scoped.pathname = `/${dbName}`;
		databaseUrl = scoped.toString();
	}
	const open = () =>
		name === 'embedded' ? openPglite(join(dataDir, 'pglite')) : openPostgres(databaseUrl!, 4);
	const db = await open();
	let exerciseIds: string[];
	let version: string;
	try {
		await migrate(db, supabaseDir);
		await seedDemo(db, supabaseDir);
		exerciseIds = await prepareVoting(db, members, titles);
		const { rows } = await db.query<{ v: string }>('select version() as v');
		version = rows[0]!.v.split(',')[0]!.replace(/ on .*/, '');
	} finally {
		await db.close();
	}
	return {
		name,
		dataDir,
		databaseUrl,
		exerciseIds,
		version,
		open,
		async dispose() {
			rmSync(dataDir, { recursive: true, force: true });
			if (dbName) {
				const admin = new pg.Client({ connectionString: serverUrl });
				await admin.connect();
				await admin.query(`drop database if exists ${dbName} with (force)`);
				await admin.end();
			}
		}
	};
}

function decodeQuotedPrintable(text: string): string {
	const bytes = text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

export type MailSink = ReturnType<typeof startMailSink>;

/** An SMTP sink in this process: hands each address's newest sign-in code to whoever waits for it. */
export function startMailSink(port: number) {
	const waiting = new Map<string, (code: string) => void>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				const text = decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8'));
				const code = /logge ind på Samråd er: (\d{6})/.exec(text)?.[1];
				for (const to of session.envelope.rcptTo) {
					const done = waiting.get(to.address);
					if (done && code) {
						waiting.delete(to.address);
						done(code);
					}
				}
				callback();
			});
		}
	});
	server.listen(port, '127.0.0.1');
	return {
		port,
		codeFor(address: string) {
			return new Promise<string>((done, reject) => {
				const timer = setTimeout(() => reject(new Error('no sign-in mail')), 30_000);
				waiting.set(address, (code) => {
					clearTimeout(timer);
					done(code);
				});
			});
		},
		close: () => new Promise<void>((done) => server.close(() => done()))
	};
}

/** A browser's cookie jar for one member, as far as this app needs one. */
export class Member {
	cookies = new Map<string, string>();
	retries = 0;
	/** One keep-alive connection per member, as one phone's browser keeps to the server. */
	agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	constructor(
		readonly email: string,
		readonly origin: string
	) {}

	/** Drops the member's connections (a browser after the server went away). */
	reconnect() {
		this.agent.destroy();
		this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
	}

	/**
	 * Sends a request; a connection the server closed while idle (ECONNRESET) is retried once, as a
	 * browser does: safe for the ballot too, whose retry carries the same idempotency key.
	 */
	async request(path: string, form?: Record<string, string>, enhanced = false) {
		try {
			return await this.send(path, form, enhanced);
		} catch (error) {
			if ((error as { code?: string }).code !== 'ECONNRESET') throw error;
			this.retries++;
			return this.send(path, form, enhanced);
		}
	}

	/** `enhanced`: as SvelteKit's `use:enhance` posts (the action's JSON comes back, no page). */
	send(path: string, form?: Record<string, string>, enhanced = false) {
		const body = form ? new URLSearchParams(form).toString() : undefined;
		return new Promise<{ status: number; text: string }>((done, reject) => {
			const req = http.request(
				this.origin + path,
				{
					method: form ? 'POST' : 'GET',
					agent: this.agent,
					headers: {
						...(form
							? {
									'content-type': 'application/x-www-form-urlencoded',
									'content-length': Buffer.byteLength(body!),
									origin: this.origin
								}
							: {}),
						...(enhanced ? { 'x-sveltekit-action': 'true' } : {}),
						accept: enhanced ? 'application/json' : 'text/html',
						'accept-language': 'da',
						cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
					}
				},
				(response) => {
					for (const line of response.headers['set-cookie'] ?? []) {
						const [pair] = line.split(';');
						const [name, ...value] = pair!.split('=');
						if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
						else this.cookies.set(name!.trim(), value.join('='));
					}
					const chunks: Buffer[] = [];
					response.on('data', (chunk: Buffer) => chunks.push(chunk));
					response.on('end', () =>
						done({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })
					);
					response.on('error', reject);
				}
			);
			req.on('error', reject);
			req.end(body);
		});
	}
}

export async function waitForServer(origin: string, child: ChildProcess) {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
		try {
			if ((await fetch(origin + '/')).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((done) => setTimeout(done, 250));
	}
	throw new Error('the server did not start in 120 s');
}

/**
 * Starts `node build` on the target's database, mailing through the sink, and waits until it
 * answers. BENCH_NODE_ARGS: flags for the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export async function startServer(target: VotingTarget, port: number, sink: MailSink) {
	const origin = `http://127.0.0.1:${port}`;
	const nodeArgs = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
	const child = spawn(process.execPath, [...nodeArgs, 'build'], {
		cwd: root,
		stdio: ['ignore', 'ignore', 'inherit'],
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			DATA_DIR: target.dataDir,
			DATABASE_URL: target.databaseUrl ?? '',
			SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
			NODE_ENV: 'production',
			SEED_DEMO: 'false',
			// Every member signs in from 127.0.0.1: lift the per-IP limit on code requests (as a
			// whole panel on one Wi-Fi would need); an explicit setting still wins.
			RATE_LIMIT_SIGN_IN_PER_IP: process.env.RATE_LIMIT_SIGN_IN_PER_IP ?? '100000'
		}
	});
	const exited = new Promise<void>((done) => child.once('exit', () => done()));
	try {
		await waitForServer(origin, child);
	} catch (error) {
		if (child.exitCode === null) child.kill('SIGKILL');
		throw error;
	}
	return {
		child,
		origin,
		exited,
		/** Stops the server: SIGTERM (a clean shutdown) or SIGKILL (a crash). */
		async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
			if (child.exitCode === null && child.signalCode === null) child.kill(signal);
			await exited;
		}
	};
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: limit }, async () => {
			while (next < items.length) await work(items[next++]!);
		})
	);
}

/** Signs each member in as they would: ask for a code, read it from the mail, type it in. */
export async function signIn(members: Member[], sink: MailSink, concurrency = 8) {
	await pool(members, concurrency, async (member) => {
		const code = sink.codeFor(member.email);
		const asked = await member.request('/log-ind?/sendCode', { email: member.email });
		if (asked.status !== 200) throw new Error(`sendCode answered ${asked.status}`);
		const signedIn = await member.request('/log-ind?/verifyCode', {
			email: member.email,
			code: await code,
			next: '/mine'
		});
		if (signedIn.status !== 303 || member.cookies.size === 0)
			throw new Error(`verifyCode answered ${signedIn.status}`);
	});
}

export const ballotPage = (exerciseId: string) => `/mine/${WELFARE}/oevelser/${exerciseId}`;

/**
 * Each member opens the ballot page, which hands out the form's idempotency key; returns the keys
 * and the form's option (welfare area) ids.
 */
export async function openBallotPages(members: Member[], exerciseId: string, concurrency = 8) {
	const keys = new Map<Member, string>();
	let areaIds: string[] = [];
	await pool(members, concurrency, async (member) => {
		const { status, text } = await member.request(ballotPage(exerciseId));
		const key = /name="idempotency_key" value="([0-9a-f-]{36})"/.exec(text)?.[1];
		if (status !== 200 || !key) throw new Error(`the ballot page answered ${status}`);
		keys.set(member, key);
		areaIds = [...text.matchAll(/name="amount_([0-9a-f-]{36})"/g)].map((match) => match[1]!);
	});
	if (areaIds.length !== 5) throw new Error(`the ballot form has ${areaIds.length} areas`);
	return { keys, areaIds };
}

/** A filled-in allocation form: 100 points over the areas by random weights, with the given key. */
export function ballotForm(areaIds: string[], key: string, random: () => number) {
	const weights = areaIds.map(() => 1 + Math.floor(random() * 10));
	const sum = weights.reduce((a, b) => a + b, 0);
	const amounts = weights.map((w) => Math.floor((w / sum) * 100));
	amounts[0]! += 100 - amounts.reduce((a, b) => a + b, 0);
	const form: Record<string, string> = { idempotency_key: key };
	areaIds.forEach((id, i) => (form[`amount_${id}`] = String(amounts[i])));
	return form;
}

const RECEIPT = '[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}';

/**
 * Posts the ballot form: `js` as the page's enhanced form does (only the action runs; the answer is
 * the action's JSON), `html` as a browser without JavaScript (the action, then the page rendered
 * again). Returns the receipt code when the post was acknowledged, else null.
 */
export async function postBallot(
	member: Member,
	exerciseId: string,
	form: Record<string, string>,
	mode: 'js' | 'html'
): Promise<{ status: number; receipt: string | null }> {
	const { status, text } = await member
		.request(ballotPage(exerciseId) + '?/vote', form, mode === 'js')
		.catch(() => ({ status: 0, text: '' }));
	const receipt =
		(mode === 'js'
			? new RegExp(`\\\\?"(${RECEIPT})\\\\?"`)
			: new RegExp(`Din kvitteringskode: (${RECEIPT})`)
		).exec(text)?.[1] ?? null;
	const ok = status === 200 && (mode === 'html' || text.includes('"type":"success"'));
	return { status, receipt: ok ? receipt : null };
}

/** The receipt code the ballot page shows the member (their ballot while the round is open). */
export async function shownReceipt(member: Member, exerciseId: string): Promise<string | null> {
	const { status, text } = await member.request(ballotPage(exerciseId));
	if (status !== 200) throw new Error(`the ballot page answered ${status}`);
	return new RegExp(`Din kvitteringskode: (${RECEIPT})`).exec(text)?.[1] ?? null;
}

/** The server's resident memory, from /proc, in MB (0 where /proc is missing). */
export function rssOf(pid: number | undefined): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
	} catch {
		return 0;
	}
}

/**
 * CPU time the process has used so far (user + system, from /proc), in ms; NaN where /proc is
 * missing. Unlike latency, it hardly depends on what else runs on the machine.
 */
export function cpuMsOf(pid: number | undefined): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		// utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
		return (Number(fields[11]) + Number(fields[12])) * 10;
	} catch {
		return NaN;
	}
}

export const loadAverage = () =>
	os
		.loadavg()
		.map((n) => n.toFixed(2))
		.join(' / ');
