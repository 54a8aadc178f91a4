/**
 * Crash safety (issue 8, part 5): under the voting load of `npm run bench:voting`, the server is
 * killed with SIGKILL while ballots are in flight and started again on the same data. Every ballot
 * a member saw acknowledged (the answer with its receipt code) must be there, exactly once, with
 * that receipt; a retry of any post with the same idempotency key (as a browser resends a form)
 * must give the same receipt and change nothing; and the embedded database must open cleanly
 * after the kill (its WAL replayed). On the embedded database (a PGlite data directory) and on
 * PostgreSQL (DATABASE_URL; run under `bash scripts/with-pg15.sh`).
 *
 * CRASH_MEMBERS sets the panel (default 60). Needs `npx vite build` first (it runs `node build`).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/types';
import {
	ballotForm,
	createVotingTarget,
	freePort,
	Member,
	memberEmail,
	mulberry32,
	openBallotPages,
	postBallot,
	root,
	shownReceipt,
	signIn,
	startMailSink,
	startServer
} from '../../scripts/voting-load.mjs';

const MEMBERS = Number(process.env.CRASH_MEMBERS ?? 60);
/** The posts go out at random moments in this window (ms), faster than the server answers them, so
 * that many are in flight when the kill comes, once half are acknowledged. */
const WINDOW_MS = Number(process.env.CRASH_WINDOW_MS ?? 1_000);

interface Stored {
	email: string;
	ballots: number;
	casts: number;
	receipt: string | null;
	castAt: string | null;
	lastCastAt: string | null;
	content: string | null;
}

/**
 * What the database holds per member, read as its owner: the member's ballots found by their
 * voter key (the HMAC the cast derives from the round secret), and their row in ballot_casts.
 */
async function storedBallots(db: Database, exerciseId: string) {
	const { rows } = await db.query<Stored>(
		`select p.email,
		        (select count(*)::int from app.ballots b where b.round_id = r.id and b.voter_key = k.vk) as ballots,
		        (select count(*)::int from app.ballot_casts c where c.round_id = r.id and c.person_id = p.id) as casts,
		        (select b.receipt_code from app.ballots b where b.round_id = r.id and b.voter_key = k.vk) as receipt,
		        (select b.cast_at::text from app.ballots b where b.round_id = r.id and b.voter_key = k.vk) as "castAt",
		        (select c.last_cast_at::text from app.ballot_casts c where c.round_id = r.id and c.person_id = p.id) as "lastCastAt",
		        (select b.content::text from app.ballots b where b.round_id = r.id and b.voter_key = k.vk) as content
		   from app.exercise_rounds r
		   join private.round_secrets s on s.round_id = r.id
		   join app.people p on p.email like '%@bench.samraad.dk'
		   cross join lateral (select private.hmac_hex(s.secret, p.id::text) as vk) k
		  where r.exercise_id = $1`,
		[exerciseId]
	);
	const { rows: all } = await db.query<{ receipt: string }>(
		`select b.receipt_code as receipt from app.ballots b join app.exercise_rounds r on r.id = b.round_id
		  where r.exercise_id = $1`,
		[exerciseId]
	);
	return {
		byEmail: new Map(rows.map((row) => [row.email, row])),
		receipts: all.map((r) => r.receipt)
	};
}

async function crashUnderLoad(name: 'embedded' | 'postgres') {
	if (!existsSync(join(root, 'build', 'index.js')))
		throw new Error('No build: run `npx vite build` first (the test starts `node build`).');
	const target = await createVotingTarget(
		name,
		MEMBERS,
		['Krak: fordel 100 point'],
		'samraad-crash-'
	);
	const [exerciseId] = target.exerciseIds as [string];
	const sink = startMailSink(await freePort());
	const port = await freePort();
	let server = await startServer(target, port, sink);
	try {
		const members = Array.from(
			{ length: MEMBERS },
			(_, i) => new Member(memberEmail(i + 1), server.origin)
		);
		await signIn(members, sink);
		const { keys, areaIds } = await openBallotPages(members, exerciseId);
		const random = mulberry32(20261207);
		// Half post as the enhanced form does, half as a browser without JavaScript.
		const plan = members.map((member, i) => ({
			member,
			mode: (i % 2 ? 'js' : 'html') as 'js' | 'html',
			form: ballotForm(areaIds, keys.get(member)!, random),
			at: random() * WINDOW_MS
		}));

		// The load: every member posts once at their moment; the server dies once half are answered.
		const acknowledged = new Map<string, string>();
		let sent = 0;
		let killedAt = -1;
		let killed = false;
		const started = Date.now();
		await Promise.all(
			plan.map(async ({ member, mode, form, at }) => {
				await new Promise((done) => setTimeout(done, at));
				if (killed) return;
				sent++;
				const { receipt } = await postBallot(member, exerciseId, form, mode);
				if (!receipt) return;
				acknowledged.set(member.email, receipt);
				if (acknowledged.size >= MEMBERS / 2 && !killed) {
					killed = true;
					killedAt = Date.now() - started;
					await server.stop('SIGKILL');
				}
			})
		);
		const inFlightOrLater = MEMBERS - acknowledged.size;
		console.info(
			`${name}: SIGKILL after ${killedAt} ms with ${acknowledged.size} of ${MEMBERS} ballots acknowledged ` +
				`(${sent} posted, ${sent - acknowledged.size} in flight at the kill, ${MEMBERS - sent} not yet sent)`
		);
		expect(server.child.signalCode).toBe('SIGKILL');
		expect(acknowledged.size).toBeGreaterThanOrEqual(MEMBERS / 2);
		expect(inFlightOrLater).toBeGreaterThan(0);

		// The database opens after the kill (PGlite replays its WAL), and holds what was acknowledged.
		let db = await target.open();
		const afterCrash = await storedBallots(db, exerciseId);
		await db.close();
		expect(afterCrash.byEmail.size).toBe(MEMBERS);
		for (const member of members) {
			const stored = afterCrash.byEmail.get(member.email)!;
			const receipt = acknowledged.get(member.email);
			if (receipt) {
				expect(stored, `${member.email}'s acknowledged ballot`).toMatchObject({
					ballots: 1,
					casts: 1,
					receipt
				});
			} else {
				// Unacknowledged: stored once (committed, the answer lost) or not at all, never half.
				expect(stored.ballots).toBeLessThanOrEqual(1);
				expect(stored.casts).toBe(stored.ballots);
			}
		}
		const storedCount = [...afterCrash.byEmail.values()].filter((s) => s.ballots === 1).length;
		// No ballot rows beyond one per member who has one.
		expect(afterCrash.receipts.length).toBe(storedCount);
		console.info(
			`${name}: after the restart ${storedCount} ballots stored (${storedCount - acknowledged.size} committed without the answer reaching the member)`
		);

		// The restart, on the same data; every member resends their form with the same key.
		server = await startServer(target, port, sink);
		const retried = new Map<string, string>();
		await Promise.all(
			plan.map(async ({ member, mode, form }) => {
				member.reconnect();
				const { status, receipt } = await postBallot(member, exerciseId, form, mode);
				expect(receipt, `${member.email}'s retry answered ${status}`).not.toBeNull();
				retried.set(member.email, receipt!);
			})
		);
		for (const member of members) {
			const before = afterCrash.byEmail.get(member.email)!;
			const receipt = retried.get(member.email)!;
			// The retry gives the receipt the member saw, or the one of the ballot that was stored.
			if (acknowledged.has(member.email)) expect(receipt).toBe(acknowledged.get(member.email));
			if (before.receipt) expect(receipt).toBe(before.receipt);
			// The receipt still verifies: the ballot page shows it as the member's ballot.
			expect(await shownReceipt(member, exerciseId)).toBe(receipt);
		}
		await server.stop();

		db = await target.open();
		const afterRetry = await storedBallots(db, exerciseId);
		await db.close();
		for (const member of members) {
			const before = afterCrash.byEmail.get(member.email)!;
			const after = afterRetry.byEmail.get(member.email)!;
			expect(after, `${member.email} after the retry`).toMatchObject({
				ballots: 1,
				casts: 1,
				receipt: retried.get(member.email)
			});
			// A retry of a ballot already stored changes nothing: not its time, not its content.
			if (before.ballots === 1) expect(after).toEqual(before);
		}
		// Exactly one ballot per member; the receipts the result will list include every one seen.
		expect(afterRetry.receipts.length).toBe(MEMBERS);
		expect(new Set(afterRetry.receipts).size).toBe(MEMBERS);
		for (const receipt of acknowledged.values()) expect(afterRetry.receipts).toContain(receipt);
		for (const member of members) member.agent.destroy();
	} finally {
		await server.stop('SIGKILL');
		await sink.close();
		await target.dispose();
	}
}

describe('crash safety: SIGKILL under the voting load', () => {
	it('keeps every acknowledged ballot once on the embedded database (PGlite data directory)', async () => {
		await crashUnderLoad('embedded');
	}, 300_000);

	it('keeps every acknowledged ballot once on PostgreSQL', async () => {
		await crashUnderLoad('postgres');
	}, 300_000);
});
