import type { Database } from './db/types';
import { runtime } from './runtime';

/**
 * Server-sent events for the live screens ("N of M have voted", the console, the projector).
 *
 * The database NOTIFYs channel `samraad_live` whenever something a screen counts changes (see
 * supabase/migrations/20261203100000_notify_live_changes.sql); the notification carries nothing.
 * Each open stream then re-reads its own state as its own caller, under RLS, and sends it only when
 * it differs from what it sent last. A slow re-read every few seconds covers what no trigger sees
 * (hosted Supabase, where the app holds no listening connection; a check-in code that rotates).
 */

const CHANNEL = 'samraad_live';
const hubs = new WeakMap<Database, Promise<Set<() => void>>>();

/** One LISTEN per database for the whole process; each stream adds its wake-up to the set. */
function hubFor(db: Database): Promise<Set<() => void>> {
	let hub = hubs.get(db);
	if (!hub) {
		const listeners = new Set<() => void>();
		hub = db
			.listen(CHANNEL, () => {
				for (const wake of listeners) wake();
			})
			.then(() => listeners);
		hubs.set(db, hub);
	}
	return hub;
}

/** Calls `wake` after each change notification; resolves to the unsubscribe function. */
async function onChange(wake: () => void): Promise<() => void> {
	const db = runtime().db;
	if (!db) return () => {};
	const listeners = await hubFor(db);
	listeners.add(wake);
	return () => listeners.delete(wake);
}

export interface StreamOptions {
	/** Re-read at least this often even without a notification. */
	pollMs?: number;
	/** At most one re-read per this many milliseconds (a burst of ballots is one update). */
	minGapMs?: number;
	/** A comment line this often keeps proxies from closing an idle stream. */
	heartbeatMs?: number;
}

/**
 * A `text/event-stream` response that sends `read()`'s result as a `data:` event whenever it
 * changes. The stream ends when the client goes away, or when a read fails (a session that ended,
 * a role withdrawn): the browser's EventSource then reconnects, and the guard runs again.
 */
export function eventStream<T>(
	read: () => Promise<T>,
	{ pollMs = 5000, minGapMs = 300, heartbeatMs = 15_000 }: StreamOptions = {}
): Response {
	const encoder = new TextEncoder();
	let closed = false;
	let dirty = true;
	let wake: (() => void) | null = null;
	let stop = () => {};

	const stream = new ReadableStream<Uint8Array>({
		start(controller) {
			const send = (text: string) => {
				if (!closed) controller.enqueue(encoder.encode(text));
			};
			const heartbeat = setInterval(() => send(': heartbeat\n\n'), heartbeatMs);
			let unsubscribe = () => {};
			stop = () => {
				if (closed) return;
				closed = true;
				clearInterval(heartbeat);
				unsubscribe();
				wake?.();
				try {
					controller.close();
				} catch {
					// already closed by the client
				}
			};
			const loop = async () => {
				unsubscribe = await onChange(() => {
					dirty = true;
					wake?.();
				});
				send('retry: 3000\n\n');
				let last = '';
				while (!closed) {
					dirty = false;
					try {
						const json = JSON.stringify(await read());
						if (json !== last) send(`data: ${json}\n\n`);
						last = json;
					} catch {
						stop();
						return;
					}
					await new Promise((done) => setTimeout(done, minGapMs));
					if (dirty || closed) continue;
					await new Promise<void>((done) => {
						const timer = setTimeout(done, pollMs);
						wake = () => {
							clearTimeout(timer);
							done();
						};
					});
					wake = null;
				}
			};
			void loop().catch(() => stop());
		},
		cancel() {
			stop();
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			'cache-control': 'no-store',
			'x-accel-buffering': 'no'
		}
	});
}
