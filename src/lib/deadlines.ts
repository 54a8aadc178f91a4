/**
 * Calendar arithmetic for the council's response clocks. Dates are calendar dates in
 * Europe/Copenhagen ('YYYY-MM-DD'); a month later clamps to the month's last day, so a handover on
 * 30 November is due on 28 (or 29) February.
 */

function parts(isoDate: string): [number, number, number] {
	const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
	if (!match) throw new Error(`Not a calendar date: ${isoDate}`);
	return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The date `months` calendar months after isoDate, clamped to the end of the month. */
export function addCalendarMonths(isoDate: string, months: number): string {
	const [year, month, day] = parts(isoDate);
	const index = year * 12 + (month - 1) + months;
	const y = Math.floor(index / 12);
	const m = (index % 12) + 1;
	const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return `${y}-${pad(m)}-${pad(Math.min(day, lastDay))}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
	const [fy, fm, fd] = parts(from);
	const [ty, tm, td] = parts(to);
	return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The statutory status rounds counted from the handover date. */
export function statusDueDates(handoverOn: string): { months: 3 | 12; dueOn: string }[] {
	return [
		{ months: 3, dueOn: addCalendarMonths(handoverOn, 3) },
		{ months: 12, dueOn: addCalendarMonths(handoverOn, 12) }
	];
}
