import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgliteWorker } from './pglite-worker';
import { isPgError, type Database } from './types';

describe('the embedded database on a worker thread', () => {
	// One database for the first tests (starting PGlite takes seconds); each uses its own table.
	let db: Database;
	beforeAll(async () => {
		db = await openPgliteWorker();
	}, 120_000);
	afterAll(async () => {
		await db?.close();
	});

	it('answers queries with parameters, and gives errors their SQLSTATE, detail and hint', async () => {
		const { rows } = await db.query<{ n: number; at: Date; bytes: Uint8Array; doc: unknown }>(
			`select $1::int + 1 as n, $2::timestamptz as at, '\\x0102'::bytea as bytes, '{"a":[1]}'::jsonb as doc`,
			[41, new Date('2026-12-07T12:00:00Z')]
		);
		expect(rows).toEqual([
			{
				n: 42,
				at: new Date('2026-12-07T12:00:00Z'),
				bytes: new Uint8Array([1, 2]),
				doc: { a: [1] }
			}
		]);
		const caught = await db
			.exec(
				`do $$ begin raise exception 'Refused' using errcode = 'P0001', detail = 'why', hint = 'how'; end $$`
			)
			.catch((error: unknown) => error);
		expect(isPgError(caught)).toBe(true);
		expect(caught).toMatchObject({ message: 'Refused', code: 'P0001', detail: 'why', hint: 'how' });
	});

	it('runs a script as one implicit transaction and returns its last rows', async () => {
		await db.exec('create table script_t (n int primary key)');
		const { rows } = await db.script<{ n: number }>(
			'insert into script_t values (1); insert into script_t values (2); select count(*)::int as n from script_t'
		);
		expect(rows).toEqual([{ n: 2 }]);
		await expect(
			db.script('insert into script_t values (3); insert into script_t values (1)')
		).rejects.toThrow(/duplicate key/);
		expect((await db.query('select n from script_t order by n')).rows).toEqual([
			{ n: 1 },
			{ n: 2 }
		]);
	});

	it('keeps other statements out of a transaction, and rolls it back when it throws', async () => {
		await db.exec('create table tx_t (n int)');
		let release!: () => void;
		const held = new Promise<void>((done) => (release = done));
		const tx = db
			.transaction(async (inner) => {
				await inner.query('insert into tx_t values (1)');
				await held;
				throw new Error('changed my mind');
			})
			.catch((error: Error) => error.message);
		// Sent while the transaction is open: it must run after the rollback, not inside it.
		const outside = db.query('insert into tx_t values (2)');
		release();
		expect(await tx).toBe('changed my mind');
		await outside;
		expect((await db.query('select n from tx_t order by n')).rows).toEqual([{ n: 2 }]);
		expect(
			await db.transaction(
				async (inner) => (await inner.query('select count(*)::int as c from tx_t')).rows
			)
		).toEqual([{ c: 1 }]);
	});

	it('delivers NOTIFY to a listener until it unsubscribes', async () => {
		const heard: string[] = [];
		const unlisten = await db.listen('news', (payload) => heard.push(payload));
		await db.exec(`notify news, 'first'`);
		await new Promise((done) => setTimeout(done, 50));
		await unlisten();
		await db.exec(`notify news, 'second'`);
		await new Promise((done) => setTimeout(done, 50));
		expect(heard).toEqual(['first']);
	});

	it('keeps its data on disk across a reopen and holds the same lock as in-thread PGlite', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'pglite-worker-')), 'pglite');
		const first = await openPgliteWorker(dir);
		await first.exec(`create table kept (v text); insert into kept values ('still here')`);
		expect(existsSync(`${dir}.lock`)).toBe(true);
		writeFileSync(`${dir}.lock`, String(process.ppid));
		await expect(openPgliteWorker(dir)).rejects.toThrow(/in use by process/);
		await first.close();
		expect(existsSync(`${dir}.lock`)).toBe(false);
		const reopened = await openPgliteWorker(dir);
		expect((await reopened.query('select v from kept')).rows).toEqual([{ v: 'still here' }]);
		await reopened.close();
		await expect(reopened.query('select 1')).rejects.toThrow(/exited/);
	});
});
