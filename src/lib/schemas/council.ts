import { z } from 'zod';
import { isCalendarDate, string } from './fields';
import { email } from './auth';

/** The statuses of a response, in the order the form offers them. */
export const RESPONSE_STATUSES = [
	'followed',
	'partly_followed',
	'not_followed',
	'pending'
] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** The kinds of response rounds, in the order they fall due. */
export const ROUND_KINDS = ['three_months', 'twelve_months', 'conclusion', 'evaluation'] as const;
export type RoundKind = (typeof ROUND_KINDS)[number];

/** A council decision's case number as the municipality writes it: two-digit year / number. */
export const CASE_NUMBER = /^\d{2}\/\d{1,6}$/;

const text = (max: number) => string().trim().max(max, 'field_too_long');

export interface Milestone {
	on: string;
	text: string;
}

/** Milestones as the form takes them: one per line, "YYYY-MM-DD what happens". */
export function parseMilestones(value: string): Milestone[] | null {
	const lines = value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter(Boolean);
	const milestones: Milestone[] = [];
	for (const line of lines) {
		const match = /^(\d{4}-\d{2}-\d{2})\s+(.{2,300})$/.exec(line);
		if (!match || !isCalendarDate(match[1]!)) return null;
		milestones.push({ on: match[1]!, text: match[2]!.trim() });
	}
	return milestones.length <= 20 ? milestones : null;
}

export const formatMilestones = (milestones: Milestone[]) =>
	milestones.map((m) => `${m.on} ${m.text}`).join('\n');

/**
 * One response, as the council's form sends it. The rules are the database's (constraints on
 * app.responses), said here first so each error lands beside its field: an explanation always; a
 * reason for every status but "Fulgt"; the decision (case number, committee, meeting date,
 * decision text) for every status but "Under behandling"; progress and milestones only for what is
 * being implemented (Fulgt, Delvist fulgt); a note of what changed for a correction.
 */
export const responseSchema = z
	.object({
		recommendation_id: z.uuid('field_required'),
		status: z.enum(RESPONSE_STATUSES, 'field_choice'),
		explanation: text(10000).min(1, 'field_required'),
		reason: text(5000).default(''),
		committee: text(200).min(2, 'field_required'),
		case_number: text(20).default(''),
		decision_committee: text(200).default(''),
		meeting_on: text(10).default(''),
		decision_text: text(5000).default(''),
		progress_pct: text(3).default(''),
		milestones: text(10000).default(''),
		correction_note: text(2000).default(''),
		is_correction: z.enum(['true', 'false']).default('false'),
		/** Published hearing responses the response rests on (a checkbox group). */
		cited: z.array(z.uuid('field_choice')).max(100, 'field_too_long').default([])
	})
	.superRefine((input, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (input.status !== 'followed' && input.reason.length < 2)
			issue('reason', 'field_response_reason');
		const decided = input.status !== 'pending';
		const anyDecision = Boolean(
			input.case_number || input.decision_committee || input.meeting_on || input.decision_text
		);
		if (decided || anyDecision) {
			if (!CASE_NUMBER.test(input.case_number)) issue('case_number', 'field_case_number');
			if (input.decision_committee.length < 2) issue('decision_committee', 'field_required');
			if (!isCalendarDate(input.meeting_on)) issue('meeting_on', 'field_date');
			if (input.decision_text.length < 2) issue('decision_text', 'field_required');
		}
		const implemented = input.status === 'followed' || input.status === 'partly_followed';
		if (input.progress_pct) {
			const pct = Number(input.progress_pct);
			if (!/^\d{1,3}$/.test(input.progress_pct) || pct > 100)
				issue('progress_pct', 'field_progress');
			else if (!implemented) issue('progress_pct', 'field_progress_implemented');
		}
		if (input.milestones) {
			if (!parseMilestones(input.milestones)) issue('milestones', 'field_milestones');
			else if (!implemented) issue('milestones', 'field_progress_implemented');
		}
		if (input.is_correction === 'true' && input.correction_note.length < 2) {
			issue('correction_note', 'field_correction_note');
		}
	})
	.transform((input) => ({
		recommendationId: input.recommendation_id,
		status: input.status,
		explanation: input.explanation,
		reason: input.reason,
		committee: input.committee,
		caseNumber: input.case_number || null,
		decisionCommittee: input.decision_committee || null,
		meetingOn: input.meeting_on || null,
		decisionText: input.decision_text || null,
		progressPct: input.progress_pct ? Number(input.progress_pct) : null,
		milestones: parseMilestones(input.milestones) ?? [],
		correctionNote: input.correction_note,
		cited: [...new Set(input.cited)]
	}));
export type ResponseInput = z.output<typeof responseSchema>;

export const markPendingSchema = z.object({
	committee: text(200).min(2, 'field_required'),
	reason: text(5000).min(2, 'field_response_reason')
});

export const roundDueSchema = z.object({
	round_id: z.uuid('field_required'),
	due_on: string().trim().refine(isCalendarDate, 'field_date')
});

export const subscribeSchema = z.object({ email });

/**
 * A questionnaire as the form sends it: a Likert answer (1–5) or text per item key; every item may
 * be skipped. Only keys of the questionnaire's items are kept.
 */
export function evaluationAnswersSchema(items: { key: string; kind: 'likert' | 'text' }[]) {
	const shape: Record<string, z.ZodType> = {
		audience: z.enum(['member', 'organiser'], 'field_choice')
	};
	for (const item of items) {
		shape[item.key] =
			item.kind === 'likert'
				? z.enum(['', '1', '2', '3', '4', '5'], 'field_choice').default('')
				: text(3000).default('');
	}
	return z.object(shape);
}
