import type { ScreenCode, ScreenState } from '$lib/server/attendance-screen';
import { clockOffset, itemTimer, secondsUntil } from './timer';

/**
 * The live state of a running session on a screen (console or projector): starts from the page's
 * data, follows the server-sent events of `stream` (pushed when something changes), falls back to
 * polling the JSON endpoint about once a second where the stream cannot be opened, keeps the last QR
 * code until a new one arrives, and ticks a clock that follows the server's, so every screen shows
 * the same timer.
 */
export class LiveSession {
	state: ScreenState = $state() as ScreenState;
	qr: string | null = $state(null);
	now = $state(Date.now());
	offset = $state(0);
	/** True when the last poll failed (shown as "reconnecting"). */
	stale = $state(false);
	#endpoint: () => string;
	#stream: (() => string) | null;

	/** `initial` is read once (the page's data); `endpoint` on every poll; `stream` once at start. */
	constructor(initial: () => ScreenState, endpoint: () => string, stream?: () => string) {
		this.#endpoint = endpoint;
		this.#stream = stream ?? null;
		this.#take(initial());
	}

	#take(next: ScreenState) {
		const qr = next.code?.qr ?? (next.code?.code === this.state?.code?.code ? this.qr : null);
		this.state = next;
		this.qr = qr;
		this.offset = clockOffset(next.live.now, Date.now());
	}

	get code(): ScreenCode | null {
		return this.state.code;
	}

	get timer() {
		const { live } = this.state;
		return live.item
			? itemTimer(live.item_started_at, live.item.planned_minutes, this.now, this.offset)
			: null;
	}

	get secondsToNextCode(): number | null {
		return this.state.code ? secondsUntil(this.state.code.rotates_at, this.now, this.offset) : null;
	}

	async refresh() {
		const have = this.state.code?.code;
		try {
			const response = await fetch(
				`${this.#endpoint()}${have ? `?have=${encodeURIComponent(have)}` : ''}`,
				{
					headers: { accept: 'application/json' },
					cache: 'no-store'
				}
			);
			if (!response.ok || !response.headers.get('content-type')?.includes('json'))
				throw new Error();
			this.#take((await response.json()) as ScreenState);
			this.stale = false;
		} catch {
			this.stale = true;
		}
	}

	/**
	 * Follows the stream (or polls) and ticks until the returned function is called (use it as an
	 * effect's teardown). EventSource reconnects by itself after a dropped connection; a stream the
	 * server refuses outright (closed, not reconnecting) turns into polling.
	 */
	start(intervalMs = 1000): () => void {
		let poll: ReturnType<typeof setInterval> | undefined;
		const startPolling = () => {
			let busy = false;
			poll ??= setInterval(() => {
				if (busy) return;
				busy = true;
				void this.refresh().finally(() => (busy = false));
			}, intervalMs);
		};
		let source: EventSource | null = null;
		if (this.#stream && typeof EventSource !== 'undefined') {
			source = new EventSource(this.#stream());
			source.onmessage = (event: MessageEvent<string>) => {
				this.#take(JSON.parse(event.data) as ScreenState);
				this.stale = false;
			};
			source.onerror = () => {
				this.stale = true;
				if (source?.readyState === EventSource.CLOSED) startPolling();
			};
		} else {
			startPolling();
		}
		const tick = setInterval(() => (this.now = Date.now()), 250);
		return () => {
			source?.close();
			clearInterval(poll);
			clearInterval(tick);
		};
	}
}
