import { diffWords } from 'diff';

/**
 * What a correction changed: the fields of a response that differ between two published versions,
 * text fields word by word. Pure, so the public page and the tests share it.
 */

export interface ComparableResponse {
	round_id: string;
	version: number;
	status: string;
	explanation: string;
	reason: string;
	committee: string;
	case_number: string | null;
	decision_committee: string | null;
	meeting_on: string | null;
	decision_text: string | null;
	progress_pct: number | null;
	milestones: { on: string; text: string }[];
	published_at: string | null;
}

export const COMPARED_FIELDS = [
	'status',
	'explanation',
	'reason',
	'committee',
	'case_number',
	'decision_committee',
	'meeting_on',
	'decision_text',
	'progress_pct',
	'milestones'
] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

export interface Change {
	field: ComparedField;
	before: string;
	after: string;
	/** The text as runs of kept, removed and added words. */
	parts: { value: string; added: boolean; removed: boolean }[];
}

function asText(response: ComparableResponse, field: ComparedField): string {
	const value = response[field];
	if (field === 'milestones') {
		return response.milestones.map((m) => `${m.on} ${m.text}`).join('\n');
	}
	return value === null || value === undefined ? '' : String(value);
}

/** The fields that differ from `before` to `after`, in the order the page shows them. */
export function responseChanges(before: ComparableResponse, after: ComparableResponse): Change[] {
	const changes: Change[] = [];
	for (const field of COMPARED_FIELDS) {
		const a = asText(before, field);
		const b = asText(after, field);
		if (a === b) continue;
		changes.push({
			field,
			before: a,
			after: b,
			parts: diffWords(a, b).map((part) => ({
				value: part.value,
				added: Boolean(part.added),
				removed: Boolean(part.removed)
			}))
		});
	}
	return changes;
}

export interface RoundResponse<R extends ComparableResponse> {
	/** The latest published version. */
	current: R;
	/** The version it corrected, if any. */
	previous: R | null;
	changes: Change[];
}

/**
 * The published responses of one recommendation, by round: the latest version, the one it
 * replaced and what changed. Drafts are left out (the public sees only what was published).
 */
export function publishedByRound<R extends ComparableResponse>(
	responses: R[]
): Map<string, RoundResponse<R>> {
	const byRound = new Map<string, R[]>();
	for (const response of responses) {
		if (!response.published_at) continue;
		byRound.set(response.round_id, [...(byRound.get(response.round_id) ?? []), response]);
	}
	const result = new Map<string, RoundResponse<R>>();
	for (const [roundId, versions] of byRound) {
		versions.sort((a, b) => b.version - a.version);
		const [current, previous = null] = versions;
		result.set(roundId, {
			current: current!,
			previous,
			changes: previous ? responseChanges(previous, current!) : []
		});
	}
	return result;
}
