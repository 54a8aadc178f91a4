import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite';
import { sqlLiteral } from './types';

describe('embedded database lock', () => {
	it('refuses a second opener of the same data directory, and frees it on close', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'pglite-lock-')), 'pglite');
		const first = await openPglite(dir);
		expect(existsSync(`${dir}.lock`)).toBe(true);
		// The same process is allowed to reopen only after closing; simulate another process's lock.
		writeFileSync(`${dir}.lock`, String(process.ppid));
		await expect(openPglite(dir)).rejects.toThrow(/in use by process/);
		await first.close();
		expect(existsSync(`${dir}.lock`)).toBe(false);

		const reopened = await openPglite(dir);
		const { rows } = await reopened.query<{ one: number }>('select 1 as one');
		expect(rows).toEqual([{ one: 1 }]);
		await reopened.close();
	});

	it('takes over a lock left by a process that no longer runs', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'pglite-stale-')), 'pglite');
		writeFileSync(`${dir}.lock`, '2147483646');
		const db = await openPglite(dir);
		await db.close();
	});
});

describe('script: statements in one round trip', () => {
	it('reads every literal back as the string it was made from', async () => {
		const db = await openPglite();
		const values = [
			'',
			"it's",
			'back\\slash',
			"\\' or 1=1; --",
			'{"a":"\\"quoted\\" \\\\ \\u0000"}',
			'æøå ☃ 𝄞',
			'$$ $tag$'
		];
		for (const conforming of ['on', 'off']) {
			await db.exec(`set standard_conforming_strings = ${conforming}`);
			for (const value of values) {
				const { rows } = await db.script<{ v: string }>(
					`select 1; select ${sqlLiteral(value)} as v`
				);
				expect(rows).toEqual([{ v: value }]);
			}
		}
		expect(() => sqlLiteral('a\0b')).toThrow(/NUL/);
		await db.close();
	});

	it('commits its statements together, or none of them', async () => {
		const db = await openPglite();
		await db.exec('create table t (n int primary key)');
		await db.script('insert into t values (1); insert into t values (2)');
		await expect(db.script('insert into t values (3); insert into t values (1)')).rejects.toThrow(
			/duplicate key/
		);
		const { rows } = await db.query<{ n: number }>('select n from t order by n');
		expect(rows).toEqual([{ n: 1 }, { n: 2 }]);
		// A setting made local in the first statement holds for the next, and not after.
		const local = await db.script<{ v: string }>(
			`select set_config('app.x', 'yes', true); select current_setting('app.x', true) as v`
		);
		expect(local.rows).toEqual([{ v: 'yes' }]);
		const after = await db.query<{ v: string | null }>(
			`select current_setting('app.x', true) as v`
		);
		expect(after.rows[0]!.v ?? '').toBe('');
		await db.close();
	});
});
