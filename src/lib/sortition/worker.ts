/**
 * LEXIMIN in a `node:worker_threads` worker, so that a long solve never blocks the server's event
 * loop, reports progress as it goes and can be cancelled at once (the worker is terminated, even in
 * the middle of a solver call). The only Node-specific module of the sortition library.
 *
 * This file is also the worker's entry point: started with `workerData.sortitionWorker` set, it runs
 * the job it was given and posts messages back. From TypeScript sources (tests, scripts) the worker
 * loads `tsx`; from a build it runs the bundled module that contains this code.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { abortError, leximinWithDetails, type LeximinOptions, type LeximinResult } from './leximin';
import { fromCompiledModule, getHighs, InfeasibleError, SolverError } from './solver';
import type { Instance, Progress, RunOptions } from './types';

interface Job {
	sortitionWorker: true;
	/** HiGHS compiled once by the starting thread; V8 shares its optimised code between workers. */
	highs?: WebAssembly.Module;
	instance: Instance;
	options: Pick<LeximinOptions, 'seed' | 'initialDraws'>;
}

type Message =
	| { type: 'progress'; progress: Progress }
	| { type: 'done'; result: LeximinResult }
	| { type: 'error'; name: string; message: string; status?: string };

export interface WorkerRunOptions extends RunOptions {
	seed?: number;
	initialDraws?: number;
}

/**
 * Runs {@link leximinWithDetails} in a worker thread. `onProgress` receives the worker's progress;
 * aborting `signal` terminates the worker and rejects with an AbortError.
 */
export function runInWorker(
	instance: Instance,
	options: WorkerRunOptions = {}
): Promise<LeximinResult> {
	const { onProgress, signal, seed, initialDraws } = options;
	return compiledHighs().then((highs) =>
		runJob(
			{
				sortitionWorker: true,
				highs,
				instance,
				options: { seed, initialDraws }
			},
			onProgress,
			signal
		)
	);
}

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/**
 * `highs.wasm`, compiled once per process. Each worker instantiates it instead of compiling its
 * own copy, and after the first draw starts with code that V8 has already optimised. Without it
 * (the file cannot be found), each worker loads HiGHS the ordinary way.
 */
function compiledHighs(): Promise<WebAssembly.Module | undefined> {
	compiled ??= (async () => {
		try {
			const path = createRequire(import.meta.url).resolve('highs/runtime');
			return await WebAssembly.compile(await readFile(path));
		} catch {
			return undefined;
		}
	})();
	return compiled;
}

function runJob(
	job: Job,
	onProgress: WorkerRunOptions['onProgress'],
	signal: AbortSignal | undefined
): Promise<LeximinResult> {
	return new Promise<LeximinResult>((resolve, reject) => {
		if (signal?.aborted) {
			reject(abortError(signal));
			return;
		}
		const worker = startWorker(job);
		let settled = false;
		const finish = (settle: () => void) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			settle();
			void worker.terminate();
		};
		const onAbort = () => finish(() => reject(abortError(signal)));
		signal?.addEventListener('abort', onAbort, { once: true });
		worker.on('message', (message: Message) => {
			if (message.type === 'progress') {
				if (!settled) onProgress?.(message.progress);
			} else if (message.type === 'done') {
				finish(() => resolve(message.result));
			} else {
				finish(() => reject(rebuildError(message)));
			}
		});
		worker.on('error', (error) => finish(() => reject(error)));
		worker.on('exit', (code) => {
			finish(() =>
				reject(new Error(`The LEXIMIN worker stopped unexpectedly (exit code ${code})`))
			);
		});
	});
}

/**
 * Starts this module as a worker. Run from TypeScript sources (tests, `tsx` scripts), the worker
 * first registers tsx's loader, since a worker's entry cannot be TypeScript on its own.
 */
function startWorker(job: Job): Worker {
	const entry = import.meta.url;
	if (!new URL(entry).pathname.endsWith('.ts'))
		return new Worker(new URL(entry), { workerData: job });
	const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
	return new Worker(bootstrap, { eval: true, workerData: job });
}

function rebuildError(message: Extract<Message, { type: 'error' }>): Error {
	if (message.name === 'InfeasibleError') return new InfeasibleError(message.message);
	if (message.name === 'SolverError')
		return new SolverError(message.status ?? 'unknown', 'LEXIMIN');
	const error = new Error(message.message);
	error.name = message.name;
	return error;
}

function isJob(data: unknown): data is Job {
	return typeof data === 'object' && data !== null && 'sortitionWorker' in data;
}

if (!isMainThread && parentPort && isJob(workerData)) {
	const port = parentPort;
	const job = workerData;
	const post = (message: Message) => port.postMessage(message);
	getHighs(job.highs ? fromCompiledModule(job.highs) : undefined)
		.then(() =>
			leximinWithDetails(job.instance, {
				...job.options,
				onProgress: (progress) => post({ type: 'progress', progress })
			})
		)
		.then(
			(result) => post({ type: 'done', result }),
			(error: unknown) => {
				const failure = error instanceof Error ? error : new Error(String(error));
				post({
					type: 'error',
					name: failure.name,
					message: failure.message,
					status: failure instanceof SolverError ? failure.status : undefined
				});
			}
		);
}
