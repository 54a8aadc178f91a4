import type { Database } from '../db/types';
import { describeError } from '../web-security';

/** Rows deleted (or people erased) per retention rule, by the rule's key. */
export type RetentionCounts = Record<string, number>;

/**
 * Runs the retention rules (private.retention_rules) in one transaction, with `now` as the clock.
 * When anything was deleted, the tables it touched are rewritten (VACUUM FULL), so the deleted rows'
 * bytes leave the table files too, not only the tables' visible content. Must run as the database
 * owner (the server's own connection, or `npm run retention`).
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
		const { rows } = await db.query<{ name: string }>(
			`select distinct t.name from (
			   select table_name as name from private.retention_rules
			   union all select unnest(array['app.registration_answers', 'app.absence_reports', 'app.calendar_feeds'])) t
			 where to_regclass(t.name) is not null order by 1`
		);
		await db.exec(`vacuum full ${rows.map((row) => row.name).join(', ')}`);
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
			.catch((error: unknown) =>
				console.error(`Samråd: retention failed: ${describeError(error)}`)
			);
	const first = setTimeout(() => void tick(), 60_000);
	const daily = setInterval(() => void tick(), DAY);
	first.unref();
	daily.unref();
	return () => {
		clearTimeout(first);
		clearInterval(daily);
	};
}
