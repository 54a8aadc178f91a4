import { copenhagenParts } from './format';

/**
 * The instant at which Copenhagen's clocks show the given date and time ('2026-12-17', '12:00'),
 * as an ISO string — summer time or not.
 */
export function copenhagenInstant(date: string, time: string): string {
	const asUtc = Date.parse(`${date}T${time}:00Z`);
	const shown = copenhagenParts(new Date(asUtc));
	const offset = Date.parse(`${shown.date}T${shown.time}:00Z`) - asUtc;
	return new Date(asUtc - offset).toISOString();
}
