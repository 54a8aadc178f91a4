import { statusDueDates } from './deadlines';

/** The dates an assembly carries (a subset of its row). */
export interface AssemblyDates {
	preparation_starts_on: string | null;
	recruitment_opens_on: string | null;
	registration_closes_on: string | null;
	first_session_on: string | null;
	last_session_on: string | null;
	handover_on: string | null;
	evaluation_on: string | null;
}

export type MilestoneKey =
	| 'preparation'
	| 'recruitment'
	| 'registration_closes'
	| 'first_session'
	| 'last_session'
	| 'handover'
	| 'status_3m'
	| 'status_12m'
	| 'evaluation';

export interface Milestone {
	key: MilestoneKey;
	date: string;
	state: 'done' | 'next' | 'later';
}

/**
 * The public timeline of an assembly: its key dates in order, the council's status deadlines
 * counted from the handover, each marked done, next or later relative to today.
 */
export function timeline(dates: AssemblyDates, today: string): Milestone[] {
	const entries: [MilestoneKey, string | null][] = [
		['preparation', dates.preparation_starts_on],
		['recruitment', dates.recruitment_opens_on],
		['registration_closes', dates.registration_closes_on],
		['first_session', dates.first_session_on],
		['last_session', dates.last_session_on],
		['handover', dates.handover_on]
	];
	if (dates.handover_on) {
		const [three, twelve] = statusDueDates(dates.handover_on);
		entries.push(['status_3m', three!.dueOn], ['status_12m', twelve!.dueOn]);
	}
	entries.push(['evaluation', dates.evaluation_on]);
	const dated = entries
		.filter((entry): entry is [MilestoneKey, string] => entry[1] !== null)
		.sort((a, b) => a[1].localeCompare(b[1]));
	let nextSeen = false;
	return dated.map(([key, date]) => {
		if (date < today) return { key, date, state: 'done' };
		const state = nextSeen ? 'later' : 'next';
		nextSeen = true;
		return { key, date, state };
	});
}
