/**
 * Every form action of the app, fuzzed against the real built server (issue 8, part 4): generated
 * urlencoded bodies (the fields the page's forms name, junk fields, hostile values) posted with the
 * session of a role that may use the action and of one that may not. No answer is a 500, the
 * server logs no error, and for the ballot, the recommendation's versions and the council's
 * responses a refused post changes nothing in the database.
 *
 * Runs against a fresh PostgreSQL database on the DATABASE_URL server (`npm run test:unit` starts
 * one), so the test can read the tables while the server runs; `node build` is built first if
 * missing (`npx vite build` after changing the app). FUZZ_RUNS (default 1000) posts per action,
 * FUZZ_SEED the seed, FUZZ_CONCURRENCY (default 4) requests in flight.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyPostgres, repoDir } from './support';

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261207);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

const W = 'a55e0b1e-0000-4000-8000-000000000001';
const K = 'a55e0b1e-0000-4000-8000-000000000003';

type User =
	| 'anon'
	| 'admin'
	| 'facilitator'
	| 'medlem01'
	| 'byraad'
	| 'evaluator'
	| 'klima-admin'
	| 'klima-byraad'
	| 'klima01';
const USERS: Exclude<User, 'anon'>[] = [
	'admin',
	'facilitator',
	'medlem01',
	'byraad',
	'evaluator',
	'klima-admin',
	'klima-byraad',
	'klima01'
];

interface Route {
	/** The route's directory under src/routes, as declared. */
	dir: string;
	/** Who posts: the first may use the actions, the others (mostly) may not. */
	users: User[];
}

/** Every route with actions, and who posts to it. A route missing here fails the completeness test. */
const ROUTES: Route[] = [
	{ dir: 'sprog', users: ['anon', 'medlem01'] },
	{ dir: '(auth)/kiosk', users: ['facilitator', 'anon'] },
	{ dir: '(auth)/log-ind', users: ['anon'] },
	{ dir: '(auth)/log-ind/link', users: ['anon'] },
	{ dir: '(auth)/log-ud', users: ['anon'] },
	{ dir: '(app)/tjek-ind', users: ['medlem01', 'anon'] },
	{ dir: '(app)/mine/persondata', users: ['klima01', 'anon'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/lodtraekning', users: ['admin', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/admin', users: ['admin', 'facilitator'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/admin/rekruttering', users: ['admin', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/admin/rekruttering/tilmeld', users: ['admin', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/admin/sletning', users: ['admin', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/oevelser/[exerciseId=uuid]', users: ['medlem01', 'admin'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/spoergsmaal', users: ['medlem01', 'facilitator'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/stoette', users: ['medlem01', 'evaluator'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/hoering', users: ['klima-byraad', 'klima01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/budgetkalender', users: ['klima-admin', 'klima01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/facilitator/oevelser', users: ['facilitator', 'medlem01'] },
	{
		dir: '(app)/mine/[assemblyId=uuid]/facilitator/oevelser/[exerciseId=uuid]',
		users: ['facilitator', 'medlem01']
	},
	{ dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder', users: ['facilitator', 'medlem01'] },
	{
		dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]',
		users: ['facilitator', 'medlem01']
	},
	{
		dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]/indtjekning',
		users: ['facilitator', 'medlem01']
	},
	{
		dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]/borde',
		users: ['facilitator', 'medlem01']
	},
	{
		dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]/konsol',
		users: ['facilitator', 'medlem01']
	},
	{ dir: '(app)/mine/[assemblyId=uuid]/facilitator/moeder/ny', users: ['facilitator', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/droeftelse', users: ['medlem01', 'facilitator'] },
	{
		dir: '(app)/mine/[assemblyId=uuid]/droeftelse/[threadId=uuid]',
		users: ['medlem01', 'facilitator']
	},
	{ dir: '(app)/mine/[assemblyId=uuid]/evaluering/skema', users: ['klima01', 'klima-admin'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/moeder', users: ['medlem01', 'byraad'] },
	{
		dir: '(app)/mine/[assemblyId=uuid]/moeder/[sessionId=uuid]/fravaer',
		users: ['medlem01', 'byraad']
	},
	{
		dir: '(app)/mine/[assemblyId=uuid]/moeder/[sessionId=uuid]/borde',
		users: ['medlem01', 'byraad']
	},
	{
		dir: '(app)/mine/[assemblyId=uuid]/anbefalinger/[recommendationId=uuid]',
		users: ['medlem01', 'facilitator', 'byraad']
	},
	{ dir: '(app)/mine/[assemblyId=uuid]/anbefalinger', users: ['facilitator', 'medlem01'] },
	{ dir: '(app)/mine/[assemblyId=uuid]/byraad/svar', users: ['klima-byraad', 'klima01'] },
	{
		dir: '(app)/mine/[assemblyId=uuid]/byraad/svar/[roundId=uuid]',
		users: ['klima-byraad', 'klima-admin']
	},
	{ dir: '(public)/abonnement/afmeld', users: ['anon'] },
	{ dir: '(public)/abonnement/bekraeft', users: ['anon'] },
	{ dir: '(public)/borgersamling/[assemblyId=uuid]/opfoelgning', users: ['anon'] },
	{ dir: '(public)/tilmeld', users: ['anon'] },
	{ dir: '(public)/tilmeld/formular', users: ['anon'] },
	{ dir: '(public)/tilmeld/svar', users: ['anon'] },
	{ dir: '(public)/hoering', users: ['anon'] }
];

/** Routes on the handed-over assembly K (the council's and the hearing's); the rest use W. */
const ON_K = ['/hoering', '/budgetkalender', '/byraad/', '/evaluering/'];

/**
 * Actions that end a session, delete people or the route's own record: posted last, in this order,
 * so they cannot take away what the other actions need.
 */
const LAST = [
	'(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]?/deleteItem',
	'(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]?/cancel',
	'(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]?/remove',
	'(app)/mine/[assemblyId=uuid]/facilitator/moeder/[sessionId=uuid]/konsol?/kiosk',
	'(auth)/kiosk?/end',
	'(app)/mine/persondata?/requestDeletion',
	'(app)/mine/[assemblyId=uuid]/admin/sletning?/carryOut',
	'(auth)/log-ud?/default'
];

/** Sampled invariants: a refused post to these actions leaves the table exactly as it was. */
const UNCHANGED_WHEN_REFUSED: Record<string, string> = {
	'(app)/mine/[assemblyId=uuid]/oevelser/[exerciseId=uuid]?/vote': 'app.ballots',
	'(app)/mine/[assemblyId=uuid]/anbefalinger/[recommendationId=uuid]?/save':
		'app.recommendation_versions',
	'(app)/mine/[assemblyId=uuid]/byraad/svar/[roundId=uuid]?/save': 'app.responses'
};

// ---------------------------------------------------------------------------------------------
// The routes as declared

const routesDir = join(repoDir, 'src/routes');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? walk(join(dir, entry.name))
			: entry.name === '+page.server.ts'
				? [join(dir, entry.name)]
				: []
	);
}

/** The action names of `export const actions = { … }` in a +page.server.ts. */
function declaredActions(source: string): string[] {
	const start = source.indexOf('export const actions');
	if (start < 0) return [];
	const body = source.slice(start, start + source.slice(start).search(/\n\}/));
	return [
		...[...body.matchAll(/^\t(?:async\s+)?([A-Za-z_$][\w$]*)\s*(?::|\()/gm)].map((m) => m[1]!),
		...[...body.matchAll(/^\t([A-Za-z_$][\w$]*),?$/gm)].map((m) => m[1]!)
	];
}

/** The field names the route's forms use (static `name="…"` in its .svelte files). */
function formFields(dir: string): string[] {
	const names = new Set<string>();
	for (const file of readdirSync(join(routesDir, dir))) {
		if (!file.endsWith('.svelte')) continue;
		const source = readFileSync(join(routesDir, dir, file), 'utf8');
		for (const match of source.matchAll(/\bname="([A-Za-z_][\w-]*)"/g)) names.add(match[1]!);
	}
	return [...names];
}

const declared = walk(routesDir).flatMap((file) => {
	const dir = relative(routesDir, dirname(file));
	return declaredActions(readFileSync(file, 'utf8')).map((name) => ({ dir, name }));
});

// ---------------------------------------------------------------------------------------------
// Generated bodies

const hostileValue = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'a\u0000b',
		'\ud800',
		'\u202eabc',
		'1e400',
		' 12 ',
		'-0',
		'-1',
		'0x10',
		'NaN',
		'2147483648',
		'99999999999999999999',
		'12,5',
		'2027-02-30',
		'0000-01-01',
		'2026-12-24',
		'24:00',
		'17.30',
		'on',
		'true',
		'false',
		'yes',
		'for',
		'support',
		'member',
		'https://example.dk/x',
		'<script>alert(1)</script>',
		"'; drop table app.ballots; --",
		'00000000-0000-0000-0000-000000000000',
		W,
		K,
		'x@example.dk',
		'medlem01@demo.samraad.dk',
		'123456'
	),
	fc.string({ unit: 'binary', maxLength: 30 }),
	fc.uuid(),
	fc.integer({ min: -5, max: 3_000_000_000 }).map(String),
	// Past the caps of most fields (the 20,000-character ones are probed by the schema fuzz). Larger
	// bodies get "fetch failed" when the server refuses before reading them (a role check answers
	// 403 while undici is still writing); browsers read such early answers, undici does not.
	fc.constantFrom(300, 4001).map((n) => 'ø'.repeat(n))
);

function bodies(fields: string[]): fc.Arbitrary<[string, string][]> {
	const known = fields.length ? fc.constantFrom(...fields) : fc.constant('x');
	const name = fc.oneof(
		{ arbitrary: known, weight: 6 },
		{ arbitrary: fc.string({ maxLength: 10 }), weight: 1 },
		{ arbitrary: fc.constantFrom('__proto__', 'constructor', 'amount_', 'rank_x'), weight: 1 }
	);
	return fc.oneof(
		// Every known field, each with a hostile value: gets past "required" checks.
		fc.tuple(
			...(fields.length ? fields : ['x']).map((key) => fc.tuple(fc.constant(key), hostileValue))
		),
		fc.array(fc.tuple(name, hostileValue), { maxLength: 12 })
	);
}

// ---------------------------------------------------------------------------------------------
// The server and its browsers

async function freePort(): Promise<number> {
	return new Promise((done) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => done(port));
		});
	});
}

interface Answer {
	status: number;
	text: string;
}

class Browser {
	cookies = new Map<string, string>();
	constructor(readonly origin: string) {}

	async post(path: string, body: [string, string][], enhanced: boolean): Promise<Answer> {
		const response = await fetch(this.origin + path, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: this.origin,
				accept: enhanced ? 'application/json' : 'text/html',
				...(enhanced ? { 'x-sveltekit-action': 'true' } : {}),
				cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
			},
			body: new URLSearchParams(body).toString()
		});
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const [name, ...value] = pair!.split('=');
			if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
			else this.cookies.set(name!.trim(), value.join('='));
		}
		const text = await response.text();
		if (!enhanced) return { status: response.status, text };
		// use:enhance answers 200 with the outcome inside: a failure's status, an error's status.
		try {
			const json = JSON.parse(text) as { type?: string; status?: number };
			if (json.type === 'failure') return { status: json.status ?? 400, text };
			if (json.type === 'redirect') return { status: json.status ?? 303, text };
		} catch {
			// Not JSON: the status line says it.
		}
		return { status: response.status, text };
	}
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: size }, async () => {
			while (next < items.length) await work(items[next++]!);
		})
	);
}

const databaseUrl = process.env.DATABASE_URL;

describe.skipIf(!databaseUrl)('every form action, fuzzed against the built server', () => {
	let server: ChildProcess;
	let origin = '';
	let db: pg.Client;
	let drop: () => Promise<void>;
	const serverErrors: string[] = [];
	const browsers = new Map<User, Browser>();
	const params: Record<string, string> = {};

	beforeAll(async () => {
		if (!existsSync(join(repoDir, 'build/index.js')))
			throw new Error('Run `npx vite build` first.');
		const scratch = await emptyPostgres();
		drop = scratch.drop;
		const port = await freePort();
		origin = `http://127.0.0.1:${port}`;
		const dataDir = mkdtempSync(join(tmpdir(), 'samraad-fuzz-'));
		server = spawn(process.execPath, ['build'], {
			cwd: repoDir,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				ORIGIN: origin,
				DATA_DIR: dataDir,
				DATABASE_URL: scratch.url,
				SEED_DEMO: 'true',
				SMTP_URL: '',
				BODY_SIZE_LIMIT: '30M' // as npm start
			}
		});
		const log = join(dataDir, 'server.log');
		console.info(`The server's output: ${log}`);
		const collect = (chunk: Buffer) => {
			appendFileSync(log, chunk);
			for (const line of chunk.toString('utf8').split('\n'))
				if (/error|exception|unhandled/i.test(line)) serverErrors.push(line.slice(0, 300));
		};
		server.stdout!.on('data', collect);
		server.stderr!.on('data', collect);
		for (let i = 0; ; i++) {
			try {
				if ((await fetch(origin + '/')).ok) break;
			} catch {
				// Not listening yet.
			}
			if (i > 600 || server.exitCode !== null) throw new Error('The server did not start.');
			await new Promise((done) => setTimeout(done, 200));
		}
		db = new pg.Client({ connectionString: scratch.url });
		await db.connect();

		// Sign in as each demo user through /log-ind: the code comes from the dev outbox.
		const outbox = join(dataDir, 'outbox');
		browsers.set('anon', new Browser(origin));
		for (const user of USERS) {
			const email = `${user}@demo.samraad.dk`;
			const browser = new Browser(origin);
			await browser.post('/log-ind?/sendCode', [['email', email]], true);
			const mails = readdirSync(outbox)
				.sort()
				.reverse()
				.map(
					(file) =>
						JSON.parse(readFileSync(join(outbox, file), 'utf8')) as { to: string; text: string }
				);
			const code = /\b(\d{6})\b/.exec(mails.find((mail) => mail.to === email)?.text ?? '')?.[1];
			if (!code) throw new Error(`No sign-in code for ${email}`);
			await browser.post(
				'/log-ind?/verifyCode',
				[
					['email', email],
					['code', code]
				],
				true
			);
			if (browser.cookies.size === 0) throw new Error(`${email} did not get a session`);
			browsers.set(user, browser);
		}

		const first = async (sql: string) =>
			(await db.query<{ id: string }>(sql)).rows[0]?.id ?? '00000000-0000-4000-8000-000000000000';
		params.exerciseId = await first(
			`select e.id from app.exercises e where e.assembly_id = '${W}' order by e.created_at limit 1`
		);
		params.sessionId = await first(
			`select id from app.sessions where assembly_id = '${W}' order by starts_at limit 1`
		);
		params.threadId = await first(
			`select id from app.deliberation_threads where assembly_id = '${W}' limit 1`
		);
		params.recommendationId = await first(
			`select id from app.recommendations where assembly_id = '${W}' limit 1`
		);
		params.roundId = await first(
			`select id from app.response_rounds where assembly_id = '${K}' order by due_on limit 1`
		);
		params.token = 'x'.repeat(43);
	}, 180_000);

	afterAll(async () => {
		server?.kill('SIGTERM');
		await db?.end();
		await drop?.();
	});

	it('has every declared action in its route table', () => {
		const covered = new Set(ROUTES.map((route) => route.dir));
		const missing = declared.filter((action) => !covered.has(action.dir));
		expect(missing).toEqual([]);
		expect(declared.length).toBeGreaterThan(100);
	});

	const pathOf = (dir: string) => {
		const path = dir
			.split('/')
			.filter((part) => !/^\(.*\)$/.test(part))
			.join('/')
			.replace(/\[(\w+)(=\w+)?\]/g, (_, name: string) =>
				name === 'assemblyId' ? (ON_K.some((k) => dir.includes(k)) ? K : W) : params[name]!
			);
		return `/${path}`;
	};

	const order = (key: string) => (LAST.includes(key) ? 1 + LAST.indexOf(key) : 0);
	// FUZZ_ONLY: a pattern of the actions to run (e.g. `byraad|anbefalinger`), for a quicker look.
	const only = new RegExp(process.env.FUZZ_ONLY ?? '');
	const actions = declared
		.map((action) => ({ ...action, key: `${action.dir}?/${action.name}` }))
		.filter((action) => only.test(action.key))
		.sort((a, b) => order(a.key) - order(b.key));

	it.each(actions)(
		'$key: no input gives a 500',
		async ({ dir, name, key }) => {
			const route = ROUTES.find((r) => r.dir === dir);
			expect(route, `${dir} is not in ROUTES`).toBeDefined();
			const target = `${pathOf(dir)}?/${name === 'default' ? '' : name}`.replace(/\?\/$/, '');
			const table = UNCHANGED_WHEN_REFUSED[key];
			const samples = fc.sample(
				fc.tuple(
					bodies(formFields(dir)),
					fc.constantFrom(...route!.users),
					fc.boolean(),
					fc.integer({ min: 0, max: 3 })
				),
				{ numRuns: RUNS, seed: SEED }
			);
			const checksum = async () =>
				table
					? (
							await db.query<{ sum: string }>(
								`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from ${table} t`
							)
						).rows[0]!.sum
					: '';
			const failures: string[] = [];
			const errorsBefore = serverErrors.length;
			const started = performance.now();
			// The invariant needs one request at a time, so the table's state is this post's doing.
			await pool(samples, table ? 1 : CONCURRENCY, async ([body, user, enhanced]) => {
				const before = await checksum();
				const answer = await browsers
					.get(user)!
					.post(target, body, enhanced)
					.catch((error: Error) => ({ status: 599, text: `no answer: ${error.message}` }));
				if (answer.status >= 500 || /Internal Error/.test(answer.text))
					failures.push(
						`${answer.status} as ${user}: ${JSON.stringify(body).slice(0, 300)} → ${answer.text.slice(0, 200)}`
					);
				if (table && answer.status >= 400 && answer.status < 500 && (await checksum()) !== before)
					failures.push(
						`refused (${answer.status}) yet ${table} changed: ${JSON.stringify(body).slice(0, 300)}`
					);
			});
			const seconds = (performance.now() - started) / 1000;
			console.info(`${key}: ${RUNS} posts in ${seconds.toFixed(1)} s`);
			expect(failures.slice(0, 5)).toEqual([]);
			expect(serverErrors.slice(errorsBefore, errorsBefore + 5)).toEqual([]);
		},
		3_600_000
	);
});
