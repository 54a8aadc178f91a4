/**
 * The console's and the projector's clock: how long the current agenda item has run against its
 * planned minutes, from the server's start time and the server's clock (so every screen agrees,
 * whatever its own clock says).
 */

export interface ItemTimer {
	elapsedSeconds: number;
	plannedSeconds: number;
	/** Seconds past the planned time; 0 while within it. */
	overSeconds: number;
	/** Share of the planned time used, 0–1 (capped). */
	progress: number;
}

/** The offset to add to this device's clock to get the server's, from a response's `now`. */
export function clockOffset(serverNow: string, deviceNow: number): number {
	return Date.parse(serverNow) - deviceNow;
}

export function itemTimer(
	startedAt: string | null,
	plannedMinutes: number,
	deviceNow: number,
	offset: number
): ItemTimer | null {
	if (!startedAt) return null;
	const elapsedSeconds = Math.max(
		0,
		Math.floor((deviceNow + offset - Date.parse(startedAt)) / 1000)
	);
	const plannedSeconds = plannedMinutes * 60;
	return {
		elapsedSeconds,
		plannedSeconds,
		overSeconds: Math.max(0, elapsedSeconds - plannedSeconds),
		progress: plannedSeconds > 0 ? Math.min(1, elapsedSeconds / plannedSeconds) : 1
	};
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(totalSeconds: number): string {
	const seconds = Math.max(0, Math.floor(totalSeconds));
	const h = Math.floor(seconds / 3600);
	const m = Math.floor((seconds % 3600) / 60);
	const s = seconds % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Seconds until an instant, by the server's clock, never negative. */
export function secondsUntil(instant: string, deviceNow: number, offset: number): number {
	return Math.max(0, Math.ceil((Date.parse(instant) - deviceNow - offset) / 1000));
}
