import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, statusDueDates } from './deadlines';

// The database computes the same due dates (private.response_due_on in the response rounds
// migration); this runs that very function and compares it with the TypeScript for every day.
const migration = readFileSync(
	'supabase/migrations/20261203120000_create_response_rounds.sql',
	'utf8'
);
const dueOnFunction = /create function private\.response_due_on[\s\S]*?\$\$;/.exec(migration)![0];

function* days(from: string, to: string) {
	for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
		yield d.toISOString().slice(0, 10);
		d.setUTCDate(d.getUTCDate() + 1);
	}
}

describe('due dates in SQL and TypeScript', () => {
	it('agree on every day of 2026–2029 for the 3- and 12-month rounds', async () => {
		const db = new PGlite();
		await db.exec(`create schema private; ${dueOnFunction}`);
		const all = [...days('2026-01-01', '2029-12-31')];
		const { rows } = await db.query<{ on: string; m3: string; m12: string }>(
			`select d::text as on, private.response_due_on(d, 3)::text as m3,
			   private.response_due_on(d, 12)::text as m12
			 from unnest($1::date[]) d order by d`,
			[all]
		);
		await db.close();
		expect(rows).toHaveLength(all.length);
		for (const row of rows) {
			expect([row.on, row.m3, row.m12]).toEqual([
				row.on,
				...statusDueDates(row.on).map((round) => round.dueOn)
			]);
		}
		expect(addCalendarMonths('2027-11-30', 3)).toBe('2028-02-29');
	}, 60_000);
});
