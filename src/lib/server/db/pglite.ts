import { PGlite } from '@electric-sql/pglite';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Database, Queryable } from './types';

/**
 * Takes an exclusive lock file beside the data directory. PGlite has no lock of its own, and two
 * processes writing one data directory corrupt it. A lock left by a process that no longer runs is
 * taken over.
 */
export function acquireLock(dataDir: string): () => void {
	const lockPath = join(dirname(dataDir), `${dataDir.split('/').pop()}.lock`);
	mkdirSync(dirname(lockPath), { recursive: true });
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			const fd = openSync(lockPath, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(lockPath, { force: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(readFileSync(lockPath, 'utf8'));
			if (holder && holder !== process.pid && isRunning(holder)) {
				throw new Error(
					`The embedded database at ${dataDir} is in use by process ${holder}. Stop it, or set DATA_DIR to another directory.`
				);
			}
			rmSync(lockPath, { force: true });
		}
	}
	throw new Error(`Could not lock ${lockPath}`);
}

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
	return {
		async query(sql, params) {
			const result = await q.query(sql, params);
			return { rows: result.rows as never[] };
		},
		async exec(sql) {
			await q.exec(sql);
		}
	};
}

/**
 * Opens the embedded database. `dataDir` undefined keeps it in memory (tests); otherwise it is
 * created if missing and locked for this process.
 *
 * Durability: on Node, PGlite mounts the data directory with Emscripten's NODEFS, whose writes are
 * plain `fs.writeSync` calls, and commits flush the WAL (`synchronous_commit` stays on), so a
 * committed transaction survives the process being killed and is replayed on the next open
 * (tests/integration/crash-safety.test.ts). There is no fsync underneath (PGlite runs with `-F`,
 * NODEFS has none), so a power loss can still lose recent commits: docs/security.md, Crash safety.
 * Do not set `relaxedDurability` or `synchronous_commit = off`: single-user PGlite has no WAL
 * writer, so unflushed commits would be lost with the process.
 */
export async function openPglite(dataDir?: string): Promise<Database> {
	let release = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		release = acquireLock(dataDir);
	}
	let pg: PGlite;
	try {
		pg = await PGlite.create(dataDir ? { dataDir } : {});
	} catch (error) {
		release();
		throw error;
	}
	const base = wrap(pg);
	return {
		kind: 'pglite',
		...base,
		async script(sql) {
			// One simple-query message: PostgreSQL runs its statements as one implicit transaction.
			const results = await pg.exec(sql);
			return { rows: (results.at(-1)?.rows ?? []) as never[] };
		},
		transaction(fn, options) {
			return pg.transaction(async (tx) => {
				if (options?.readOnly) await tx.query('set transaction read only');
				return fn(wrap(tx));
			});
		},
		async listen(channel, onPayload) {
			const unsubscribe = await pg.listen(channel, onPayload);
			return async () => unsubscribe();
		},
		async close() {
			try {
				if (!pg.closed) await pg.close();
			} finally {
				release();
			}
		}
	};
}
