import { m } from '$lib/paraglide/messages.js';
import type { BallotIssue } from '$lib/exercises';

type Message = (params?: Record<string, unknown>) => string;

/**
 * The sentence a member reads beside a field when a ballot is refused, from the validation key (the
 * same keys the database gives in DETAIL). Unknown keys fall back to a general sentence.
 */
export function issueMessage(issue: { key: string; params?: Record<string, number> }): string {
	const message = (m as unknown as Record<string, Message | undefined>)[`ballot_${issue.key}`];
	const format = (value: number) => new Intl.NumberFormat('da-DK').format(value);
	const params = Object.fromEntries(
		Object.entries(issue.params ?? {}).map(([key, value]) => [key, format(value)])
	);
	return message ? message(params) : m.ballot_invalid();
}

export type { BallotIssue };
