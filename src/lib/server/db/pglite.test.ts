import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPglite } from './pglite';

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
