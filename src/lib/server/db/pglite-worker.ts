import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { acquireLock } from './pglite';
import type { Database, PgError, Queryable } from './types';

/**
 * The embedded database on a thread of its own. PGlite runs PostgreSQL in WebAssembly, and each
 * statement blocks the thread it runs on; in the app server's thread it would hold up every other
 * request (HTTP, sessions, rendering) for the statement's whole length and leave the machine's
 * second core idle. On a worker thread the server keeps answering while SQL runs, and the two
 * share the cores: docs/benchmarks.md, bench:voting.
 *
 * The worker is plain CommonJS passed as a string (no bundler involved, so it runs the same under
 * `node build`, vitest and tsx), and loads PGlite from this app's node_modules. Statements go over
 * one at a time through a queue here; a transaction holds the queue from BEGIN to COMMIT, so no
 * other statement can land inside it. Durability is PGlite's own (see pglite.ts): the worker is in
 * this process, so a killed process loses exactly what a killed in-thread PGlite would.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglite);
const ready = PGlite.create(workerData.dataDir ? { dataDir: workerData.dataDir } : {});
const unlisteners = new Map();
const fields = (e) => ({
  message: String((e && e.message) || e),
  code: e && e.code, detail: e && e.detail, hint: e && e.hint, position: e && e.position,
  severity: e && e.severity, where: e && e.where, schema: e && e.schema, table: e && e.table,
  column: e && e.column, constraint: e && e.constraint
});
parentPort.on('message', async (m) => {
  let pg;
  try {
    pg = await ready;
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: fields(e) });
    return;
  }
  try {
    let result;
    if (m.op === 'query') result = { rows: (await pg.query(m.sql, m.params)).rows };
    else if (m.op === 'exec') await pg.exec(m.sql);
    else if (m.op === 'script') {
      const results = await pg.exec(m.sql);
      result = { rows: results.length ? results[results.length - 1].rows : [] };
    } else if (m.op === 'listen') {
      unlisteners.set(m.id, await pg.listen(m.channel, (payload) =>
        parentPort.postMessage({ notify: m.id, payload })));
      result = m.id;
    } else if (m.op === 'unlisten') {
      const unlisten = unlisteners.get(m.listener);
      unlisteners.delete(m.listener);
      if (unlisten) await unlisten();
    } else if (m.op === 'close') {
      if (!pg.closed) await pg.close();
    }
    parentPort.postMessage({ id: m.id, result });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: fields(e) });
  }
});
`;

type Message =
	| { op: 'query'; sql: string; params?: unknown[] }
	| { op: 'exec' | 'script'; sql: string }
	| { op: 'listen'; channel: string }
	| { op: 'unlisten'; listener: number }
	| { op: 'close' };

/** The worker's error as the Error PGlite would have thrown here: message, SQLSTATE, detail, hint. */
function rebuilt(fields: PgError & Record<string, unknown>): Error {
	const error = new Error(fields.message) as Error & Record<string, unknown>;
	for (const [key, value] of Object.entries(fields))
		if (key !== 'message' && value !== undefined) error[key] = value;
	return error;
}

/**
 * Opens the embedded database on a worker thread. `dataDir` undefined keeps it in memory;
 * otherwise it is created if missing and locked for this process, as `openPglite` does.
 */
export async function openPgliteWorker(dataDir?: string): Promise<Database> {
	let release = () => {};
	if (dataDir) {
		mkdirSync(dataDir, { recursive: true });
		release = acquireLock(dataDir);
	}
	const pglite = createRequire(import.meta.url).resolve('@electric-sql/pglite');
	const worker = new Worker(WORKER, { eval: true, workerData: { pglite, dataDir } });
	let nextId = 1;
	const pending = new Map<number, { done: (value: unknown) => void; fail: (e: Error) => void }>();
	const listeners = new Map<number, (payload: string) => void>();
	let dead: Error | null = null;

	worker.on(
		'message',
		(m: {
			id?: number;
			notify?: number;
			payload?: string;
			result?: unknown;
			error?: PgError & Record<string, unknown>;
		}) => {
			if (m.notify !== undefined) {
				listeners.get(m.notify)?.(m.payload ?? '');
				return;
			}
			const waiting = pending.get(m.id!);
			pending.delete(m.id!);
			if (m.error) waiting?.fail(rebuilt(m.error));
			else waiting?.done(m.result);
		}
	);
	const stop = (error: Error) => {
		dead = error;
		for (const waiting of pending.values()) waiting.fail(error);
		pending.clear();
	};
	worker.on('error', stop);
	worker.on('exit', (code) => stop(new Error(`The embedded database's thread exited (${code})`)));

	function send<T>(message: Message): Promise<T> {
		if (dead) return Promise.reject(dead);
		const id = nextId++;
		return new Promise<T>((done, fail) => {
			pending.set(id, { done: done as (value: unknown) => void, fail });
			worker.postMessage({ id, ...message });
		});
	}

	// One statement at a time, in order; a transaction holds the queue until it ends.
	let queue: Promise<unknown> = Promise.resolve();
	function serially<T>(work: () => Promise<T>): Promise<T> {
		const run = queue.then(work, work);
		queue = run.catch(() => {});
		return run;
	}

	const direct: Queryable = {
		async query<Row>(sql: string, params?: unknown[]) {
			return send<{ rows: Row[] }>({ op: 'query', sql, params });
		},
		async exec(sql: string) {
			await send({ op: 'exec', sql });
		}
	};

	try {
		await send({ op: 'query', sql: 'select 1' });
	} catch (error) {
		await worker.terminate();
		release();
		throw error;
	}

	return {
		kind: 'pglite',
		query: (sql, params) => serially(() => direct.query(sql, params)),
		exec: (sql) => serially(() => direct.exec(sql)),
		script: <Row>(sql: string) => serially(() => send<{ rows: Row[] }>({ op: 'script', sql })),
		transaction(fn, options) {
			return serially(async () => {
				await direct.exec(options?.readOnly ? 'begin read only' : 'begin');
				try {
					const result = await fn(direct);
					await direct.exec('commit');
					return result;
				} catch (error) {
					await direct.exec('rollback').catch(() => {});
					throw error;
				}
			});
		},
		async listen(channel, onPayload) {
			const listener = await send<number>({ op: 'listen', channel });
			listeners.set(listener, onPayload);
			return async () => {
				listeners.delete(listener);
				await send({ op: 'unlisten', listener }).catch(() => {});
			};
		},
		async close() {
			try {
				if (!dead) {
					await serially(() => send({ op: 'close' }));
					await worker.terminate();
				}
			} finally {
				release();
			}
		}
	};
}
