/** The events of a municipality's yearly budget process, in the order they happen. */
export const BUDGET_EVENT_KINDS = [
	'spring_seminar',
	'strategic_challenges',
	'technical_budget',
	'hearing',
	'first_reading',
	'budget_seminar',
	'second_reading',
	'adoption'
] as const;

export type BudgetEventKind = (typeof BUDGET_EVENT_KINDS)[number];

/** One event of the calendar as api.budget_calendar returns it (dates as YYYY-MM-DD). */
export interface BudgetEvent {
	kind: BudgetEventKind;
	starts_on: string;
	ends_on: string | null;
	is_default: boolean;
}

export type HandoverRelation = 'before' | 'same_day' | 'after';

/**
 * Whether the handover comes before the council's first reading of the budget: only then can the
 * recommendations inform that year's budget. Null without a handover date or a first reading.
 */
export function handoverAgainstBudget(
	handoverOn: string | null,
	events: BudgetEvent[]
): { relation: HandoverRelation; firstReading: string; daysBefore: number } | null {
	const firstReading = events.find((event) => event.kind === 'first_reading')?.starts_on;
	if (!handoverOn || !firstReading) return null;
	const daysBefore = Math.round((Date.parse(firstReading) - Date.parse(handoverOn)) / 86_400_000);
	const relation: HandoverRelation =
		daysBefore > 0 ? 'before' : daysBefore === 0 ? 'same_day' : 'after';
	return { relation, firstReading, daysBefore };
}

/** Where the process stands on a day: the events done, going on, and the next one. */
export function budgetPosition(
	events: BudgetEvent[],
	today: string
): { done: BudgetEventKind[]; current: BudgetEventKind[]; next: BudgetEvent | null } {
	const done: BudgetEventKind[] = [];
	const current: BudgetEventKind[] = [];
	let next: BudgetEvent | null = null;
	for (const event of [...events].sort((a, b) => a.starts_on.localeCompare(b.starts_on))) {
		const end = event.ends_on ?? event.starts_on;
		if (end < today) done.push(event.kind);
		else if (event.starts_on <= today) current.push(event.kind);
		else next ??= event;
	}
	return { done, current, next };
}

/** A date's place in its year, from 0 (1 January) to 1 (31 December), for drawing. */
export function yearFraction(isoDate: string, year: number): number {
	const start = Date.UTC(year, 0, 1);
	const end = Date.UTC(year, 11, 31);
	const at = Date.parse(`${isoDate}T00:00:00Z`);
	return Math.min(1, Math.max(0, (at - start) / (end - start)));
}
