import { m } from '$lib/paraglide/messages.js';
import type { ResponseStatus, RoundKind } from '$lib/schemas/council';
import type { ComparedField } from './changes';

/** The status as the interface names it (Fulgt, Delvist fulgt, Ikke fulgt, Under behandling). */
export const statusLabel = (status: ResponseStatus): string =>
	({
		followed: m.resp_status_followed,
		partly_followed: m.resp_status_partly_followed,
		not_followed: m.resp_status_not_followed,
		pending: m.resp_status_pending
	})[status]();

export const roundLabel = (kind: RoundKind): string =>
	({
		three_months: m.resp_round_three_months,
		twelve_months: m.resp_round_twelve_months,
		conclusion: m.resp_round_conclusion,
		evaluation: m.resp_round_evaluation
	})[kind]();

export const fieldLabel = (field: ComparedField): string =>
	({
		status: m.resp_status_field,
		explanation: m.resp_explanation,
		reason: m.resp_reason,
		committee: m.resp_committee,
		case_number: m.resp_case_number,
		decision_committee: m.resp_decision_committee,
		meeting_on: m.resp_meeting_on,
		decision_text: m.resp_decision_text,
		progress_pct: m.resp_progress,
		milestones: m.resp_milestones
	})[field]();

/** Colours of the statuses in the chart (distinct in greyscale too). */
export const STATUS_COLOURS: Record<ResponseStatus, string> = {
	followed: '#1b5e20',
	partly_followed: '#7cb342',
	not_followed: '#a4161a',
	pending: '#9e9e9e'
};
