/**
 * Voting under load through the real HTTP app: 300 signed-in members each submit their ballot three
 * times within 10 seconds (a double click and a retry: the same idempotency key each time, as the
 * form sends), against `node build` on the embedded default (PGlite) and on PostgreSQL 15.
 *
 *   npm run bench:voting                       (builds, starts a throwaway PostgreSQL 15 too)
 *   BENCH_MEMBERS=100 npm run bench:voting     (a smaller panel)
 *
 * For each database: a fresh data directory (or database) is migrated and seeded with the demo,
 * then 300 extra members of the welfare assembly and two open allocation exercises are written
 * with SQL before the server starts. The members then sign in through the real sign-in flow (the
 * code is requested on /log-ind, mailed over SMTP to a sink in this process, and typed back), load
 * the ballot page (which hands out the form's idempotency key) and post the form as a browser
 * without JavaScript does. Asserts exactly one ballot per member and one receipt per member;
 * prints a Markdown table and writes it into docs/benchmarks.md between its bench:voting markers.
 */
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeBenchmarkSection } from './benchmarks-doc.mjs';
import {
	ballotForm,
	countBallots,
	cpuMsOf,
	createVotingTarget,
	freePort,
	loadAverage,
	Member,
	memberEmail,
	mulberry32,
	openBallotPages,
	percentile,
	postBallot,
	root,
	rssOf,
	signIn,
	startMailSink,
	startServer
} from './voting-load.mjs';

const docPath = join(root, 'docs', 'benchmarks.md');
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 300);
const SUBMISSIONS = 3;
const WINDOW_MS = 10_000;

interface TargetResult {
	target: string;
	mode: 'js' | 'html';
	version: string;
	signInSeconds: number;
	requests: number;
	seconds: number;
	perSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	failures: number;
	resets: number;
	ballots: number;
	casts: number;
	receiptsAgree: boolean;
	loadDuring: string;
	serverPeakMb: number;
	cpuMsPerPost: number;
}

/**
 * Each member opens the ballot page (it hands out the form's idempotency key), then every member
 * posts the form three times at random moments in the window. `js`: as the page's enhanced form
 * does with JavaScript (only the action runs; the answer is the action's JSON); `html`: as a browser
 * without JavaScript (the action, then the whole page rendered again).
 */
async function burst(
	members: Member[],
	exerciseId: string,
	mode: 'js' | 'html',
	serverPid: number | undefined
) {
	const { keys, areaIds } = await openBallotPages(members, exerciseId);

	// A fixed seed: the same schedule every run; a member's three posts carry the same key and amounts.
	const random = mulberry32(20261203);
	const shots: { member: Member; at: number; form: Record<string, string> }[] = [];
	for (const member of members) {
		const form = ballotForm(areaIds, keys.get(member)!, random);
		for (let s = 0; s < SUBMISSIONS; s++) shots.push({ member, at: random() * WINDOW_MS, form });
	}
	shots.sort((a, b) => a.at - b.at);

	const receipts = new Map<Member, Set<string>>(members.map((member) => [member, new Set()]));
	const latencies: number[] = [];
	let failures = 0;
	const resetsBefore = members.reduce((n, member) => n + member.retries, 0);
	const started = performance.now();
	const cpuBefore = cpuMsOf(serverPid);
	await Promise.all(
		shots.map(async (shot) => {
			const wait = started + shot.at - performance.now();
			if (wait > 0) await new Promise((done) => setTimeout(done, wait));
			const t0 = performance.now();
			const { receipt } = await postBallot(shot.member, exerciseId, shot.form, mode);
			latencies.push(performance.now() - t0);
			if (!receipt) failures++;
			else receipts.get(shot.member)!.add(receipt);
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const cpuMsPerPost = (cpuMsOf(serverPid) - cpuBefore) / latencies.length;
	latencies.sort((a, b) => a - b);
	return {
		requests: latencies.length,
		seconds,
		perSecond: latencies.length / seconds,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		max: latencies.at(-1) ?? NaN,
		failures,
		resets: members.reduce((n, member) => n + member.retries, 0) - resetsBefore,
		receiptsAgree: [...receipts.values()].every((set) => set.size === 1),
		cpuMsPerPost,
		loadDuring: loadAverage()
	};
}

async function runTarget(name: 'embedded' | 'postgres'): Promise<TargetResult[]> {
	console.error(`\n${name}: migrating, seeding, writing ${MEMBERS} members…`);
	const target = await createVotingTarget(
		name,
		MEMBERS,
		['Bench: fordel 100 point', 'Bench: fordel 100 point igen'],
		'samraad-bench-voting-'
	);
	const { exerciseIds, version } = target;
	const sink = startMailSink(await freePort());
	let server: Awaited<ReturnType<typeof startServer>> | undefined;
	try {
		server = await startServer(target, await freePort(), sink);
		const { origin, child } = server;
		const members = Array.from(
			{ length: MEMBERS },
			(_, i) => new Member(memberEmail(i + 1), origin)
		);

		// Sign-in, as each member would: ask for a code, read it from the mail, type it in.
		const signInStarted = performance.now();
		await signIn(members, sink);
		const signInSeconds = (performance.now() - signInStarted) / 1000;
		console.error(
			`  ${MEMBERS} members signed in through /log-ind in ${signInSeconds.toFixed(1)} s`
		);

		const results: TargetResult[] = [];
		let peak = 0;
		const sampler = setInterval(() => (peak = Math.max(peak, rssOf(child.pid))), 200);
		for (const [index, mode] of (['js', 'html'] as const).entries()) {
			const run = await burst(members, exerciseIds[index]!, mode, child.pid);
			results.push({
				target: name === 'embedded' ? 'Embedded (PGlite, on disk)' : 'PostgreSQL 15',
				mode,
				version,
				signInSeconds,
				...run,
				ballots: 0,
				casts: 0,
				serverPeakMb: 0
			});
		}
		clearInterval(sampler);

		for (const member of members) member.agent.destroy();
		// Stop the server (PGlite is one process's), then count what the database holds.
		await server.stop();
		const db = await target.open();
		for (const [index, result] of results.entries()) {
			const stored = await countBallots(db, exerciseIds[index]!);
			Object.assign(result, { ...stored, serverPeakMb: peak });
			console.error(
				`  ${result.mode}: ${result.requests} posts in ${result.seconds.toFixed(1)} s, server CPU ${result.cpuMsPerPost.toFixed(1)} ms a post: p50 ${result.p50.toFixed(0)} ms, ` +
					`p95 ${result.p95.toFixed(0)} ms, p99 ${result.p99.toFixed(0)} ms, failures ${result.failures}, ` +
					`ballots stored ${stored.ballots} (casts ${stored.casts}), one receipt per member: ${result.receiptsAgree}`
			);
		}
		await db.close();
		for (const result of results) {
			if (result.ballots !== MEMBERS || result.casts !== MEMBERS)
				throw new Error(`expected exactly ${MEMBERS} ballots, found ${result.ballots}`);
			if (!result.receiptsAgree) throw new Error('a member got more than one receipt code');
		}
		return results;
	} finally {
		await server?.stop();
		await sink.close();
		await target.dispose();
	}
}

async function main() {
	const cpus = os.cpus();
	const loadAtStart = loadAverage();
	const results: TargetResult[] = await runTarget('embedded');
	if (process.env.DATABASE_URL) results.push(...(await runTarget('postgres')));
	else
		console.warn(
			'DATABASE_URL is not set: skipping PostgreSQL. `npm run bench:voting` starts one.'
		);

	const ms = (n: number) => n.toFixed(0);
	const table = [
		'| Database | Form posted | Posts | In | Posts/s | p50 ms | p95 ms | p99 ms | Max ms | Failed | Resent after a reset | Ballots stored | Server CPU per post | Server peak RSS | Load average after |',
		'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
		...results.map(
			(r) =>
				`| ${r.target} | ${r.mode === 'js' ? 'with JavaScript' : 'without JavaScript'} | ${r.requests} | ${r.seconds.toFixed(1)} s | ${r.perSecond.toFixed(0)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${ms(r.max)} | ${r.failures} | ${r.resets} | ${r.ballots} of ${MEMBERS} | ${r.cpuMsPerPost.toFixed(1)} ms | ${r.serverPeakMb} MB | ${r.loadDuring} |`
		)
	].join('\n');
	const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
	const verdict = results
		.filter((r) => r.target.startsWith('Embedded'))
		.map(
			(r) =>
				`${r.mode === 'js' ? 'With JavaScript' : 'Without JavaScript'} the target, p95 under 300 ms on the embedded default, is ${r.p95 < 300 ? 'met' : '**missed**'} (${ms(r.p95)} ms).`
		)
		.join(' ');
	const section = `<!-- bench:voting:start -->
## Voting under load (\`npm run bench:voting\`)

Measured ${date} UTC with \`scripts/bench-voting.mts\`: ${MEMBERS} signed-in members each post their ballot
${SUBMISSIONS} times at random moments within ${WINDOW_MS / 1000} seconds (${MEMBERS * SUBMISSIONS} posts, open
loop: a post goes out at its moment whether or not earlier ones have been answered), through
\`node build\` over HTTP on 127.0.0.1.

- Machine: ${cpus[0]?.model.trim() ?? 'unknown CPU'} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GB RAM, ${os.type()} ${os.release()}, load average at start ${loadAtStart} (other work shares these cores)
- Node ${process.version}; ${results
		.filter((r) => r.mode === 'js')
		.map((r) => `${r.target}: ${r.version}`)
		.join('; ')}
- Sign-in: ${results
		.filter((r) => r.mode === 'js')
		.map((r) => `${r.target} ${r.signInSeconds.toFixed(1)} s`)
		.join(', ')} for all ${MEMBERS} (not in the table)

${table}

${verdict}

**Reading it.** The load is an open loop: ${(MEMBERS * SUBMISSIONS) / (WINDOW_MS / 1000)} posts a second go out whatever the
server manages. When it manages fewer, posts queue and the latency is mostly waiting, growing
through the run, so p50 is then seconds rather than milliseconds, and *Posts/s* is the server's
capacity at that moment. The app server is one Node process. On the embedded default PGlite runs
on a worker thread of its own (\`src/lib/server/db/pglite-worker.ts\`), so the SQL in WebAssembly and
the JavaScript around it (HTTP, the session, supabase-js, the RPC endpoint, rendering) use the two
cores side by side instead of taking turns on one; the bench's own ${MEMBERS} clients share the same
cores. At ${(MEMBERS * SUBMISSIONS) / (WINDOW_MS / 1000)} posts a second each core has about 11 ms per post. With JavaScript the
ballot action checks a ballot against the exercise's settings read moments before (an open round's
settings are frozen) and casts it in one call, \`cast_ballot\`, which checks membership, the round and
the ballot again; without JavaScript the action is followed by the whole page's load (the
assembly, the exercise, the member's ballot, the count) and its rendering, about twice the work.
The load average column shows how much of the two cores other work took during the run: compare
latencies only at similar load. *Server CPU per post* is the app server process's CPU time (both
threads, user and system, from /proc) during the burst divided by its posts: the cost of a post,
which depends far less on the other work than the latencies do (on PostgreSQL it leaves out the
database server's own CPU). The RPC endpoint sends each call as one message (the caller's settings
and the call in one implicit transaction), the session cookie's signature is verified once per
token, and a caller's supabase-js client is made once per token. The way past one server's
capacity is PostgreSQL with several app servers (they are stateless).

**How it is run.** For each database a fresh data directory (PGlite) or a fresh database
(PostgreSQL, the app's default pool of 10 connections) is migrated and seeded with the
demo, and the bench writes ${MEMBERS} extra members of the welfare assembly and two open allocation
exercises (100 points over the five welfare areas) with SQL, before the server starts. The members
then sign in through the **real sign-in flow**: each asks for a code on \`/log-ind\`, the app mails it
over SMTP to a sink inside the bench, and the member posts it back, getting the session cookie.
Each member opens the ballot page, which hands out the form's idempotency key, and then posts the
ballot form three times: the same key and the same amounts, as a double click and a retry send.
Two runs, each on an exercise of its own: **with JavaScript** the post is the one the page's
enhanced form sends (\`x-sveltekit-action\`; only the action runs: the guard, the exercise,
\`cast_ballot\`; the answer is the action's JSON with the receipt), and **without JavaScript** it is
a plain browser form post (\`application/x-www-form-urlencoded\`; the action and then the whole page
rendered again, its load's RPCs included). The latency is from sending the post to the last byte of
the answer, queueing in the server included.
Afterwards the bench stops the server and counts in the database: exactly ${MEMBERS} ballots and ${MEMBERS}
casts per exercise, and every member got the same receipt code for all three posts; otherwise it
fails. The bench process (the ${MEMBERS} clients) runs on the same two cores as the server.
<!-- bench:voting:end -->`;

	console.log(`\n${table}\n\n${verdict}\n`);
	await writeBenchmarkSection(docPath, 'voting', section);
}

await main();
