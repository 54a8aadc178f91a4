import type { Database } from '../db/types';

/** Rows deleted (or people erased) per retention rule, by the rule's key. */
export type RetentionCounts = Record<string, number>;

/**
 * Runs the retention rules (private.retention_rules) in one transaction, with `now` as the clock,
 * then vacuums so the deleted rows' space is reclaimed and reused. Must run as the database owner
 * (the server's own connection, or `npm run retention`).
 */
export async function runRetention(db: Database, now: Date = new Date()): Promise<RetentionCounts> {
	const counts = await db.transaction(async (tx) => {
		const { rows } = await tx.query<{ counts: RetentionCounts | string }>(
			'select private.run_retention($1::timestamptz) as counts',
			[now.toISOString()]
		);
		const value = rows[0]!.counts;
		return typeof value === 'string' ? (JSON.parse(value) as RetentionCounts) : value;
	});
	if (Object.values(counts).some((n) => n > 0)) {
		await db.exec('vacuum');
	}
	return counts;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Runs the job a minute after start and then once a day. Failures are logged (without personal
 * data: the job's counts and the error's message only) and retried the next day.
 */
export function scheduleRetention(run: () => Promise<RetentionCounts>): () => void {
	const tick = () =>
		run()
			.then((counts) => {
				const total = Object.values(counts).reduce((a, b) => a + b, 0);
				if (total > 0) console.log(`Samråd: retention deleted ${JSON.stringify(counts)}`);
			})
			.catch((error: Error) => console.error(`Samråd: retention failed: ${error.message}`));
	const first = setTimeout(() => void tick(), 60_000);
	const daily = setInterval(() => void tick(), DAY);
	first.unref();
	daily.unref();
	return () => {
		clearTimeout(first);
		clearInterval(daily);
	};
}
