import type { SupabaseClient } from '@supabase/supabase-js';
import type { Milestone, ResponseInput, ResponseStatus, RoundKind } from '$lib/schemas/council';
import { api, unwrap } from './api';
import { runtime, supabaseFor } from './runtime';
import { subscriptionConfirmMail } from './mail/council-mails';

/**
 * Typed calls to the council responses API (supabase/migrations/20261203120000_create_response_rounds.sql
 * and …120100_create_response_notifications.sql). Row types are written once, here.
 */

export type RoundState = 'published' | 'undated' | 'overdue' | 'due_today' | 'upcoming';

export interface ResponseRound {
	id: string;
	kind: RoundKind;
	due_on: string | null;
	published_at: string | null;
	state: RoundState;
	/** Until the due date (negative once passed); null once published. */
	days_left: number | null;
	/** How late: published after the due date, or overdue until today. */
	days_late: number;
	/** The latest published response per recommendation, counted by status. */
	counts: Partial<Record<ResponseStatus, number>>;
}

export interface ResponseVersion {
	id: string;
	round_id: string;
	version: number;
	status: ResponseStatus;
	explanation: string;
	reason: string;
	committee: string;
	case_number: string | null;
	decision_committee: string | null;
	meeting_on: string | null;
	decision_text: string | null;
	progress_pct: number | null;
	milestones: Milestone[];
	correction_note: string;
	published_at: string | null;
	updated_at: string;
	/** The published hearing responses this response cites (filled in by responseOverview). */
	citations: Citation[];
}

/** A hearing response a council response cites. */
export interface Citation {
	response_id: string;
	hearing_response_id: string;
	party_name: string;
	hearing_title: string;
}

export interface HandedOverRecommendation {
	id: string;
	number: number;
	kind: 'recommendation' | 'method';
	title: string;
	body_md: string;
	frozen_sha256: string;
	frozen_at: string;
	handed_over_at: string;
	/** Every version the reader may see, by round and version. */
	responses: ResponseVersion[];
}

export interface ResponseOverview {
	today: string;
	rounds: ResponseRound[];
	recommendations: HandedOverRecommendation[];
}

/** The assembly's rounds and handed-over recommendations with their responses, as of `today`. */
export async function responseOverview(
	supabase: SupabaseClient,
	assemblyId: string,
	today: string
): Promise<ResponseOverview> {
	const [read, cited] = await Promise.all([
		api(supabase).rpc('response_overview', { assembly_id: assemblyId, today }, { get: true }),
		api(supabase).rpc('response_citations', { assembly_id: assemblyId }, { get: true })
	]);
	const overview: ResponseOverview = unwrap(read);
	const citations: Citation[] = unwrap(cited);
	for (const recommendation of overview.recommendations) {
		for (const response of recommendation.responses) {
			response.citations = citations.filter((citation) => citation.response_id === response.id);
		}
	}
	return overview;
}

/** Saves the council's draft (or a correction, in a published round); returns its id. */
export async function saveResponse(
	supabase: SupabaseClient,
	roundId: string,
	input: ResponseInput
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('save_response_cited', {
			round_id: roundId,
			recommendation_id: input.recommendationId,
			status: input.status,
			explanation: input.explanation,
			reason: input.reason,
			committee: input.committee,
			case_number: input.caseNumber,
			decision_committee: input.decisionCommittee,
			meeting_on: input.meetingOn,
			decision_text: input.decisionText,
			progress_pct: input.progressPct,
			milestones: input.milestones,
			correction_note: input.correctionNote,
			cited: input.cited
		})
	);
}

export async function discardResponseDraft(supabase: SupabaseClient, responseId: string) {
	unwrap(await api(supabase).rpc('discard_response_draft', { response_id: responseId }));
}

/** Marks every recommendation without a response "Under behandling"; returns how many. */
export async function markRestPending(
	supabase: SupabaseClient,
	roundId: string,
	committee: string,
	reason: string
): Promise<number> {
	return unwrap(
		await api(supabase).rpc('mark_rest_pending', { round_id: roundId, committee, reason })
	);
}

export async function publishRound(supabase: SupabaseClient, roundId: string) {
	unwrap(await api(supabase).rpc('publish_response_round', { round_id: roundId }));
}

export async function publishCorrection(supabase: SupabaseClient, responseId: string) {
	unwrap(await api(supabase).rpc('publish_response_correction', { response_id: responseId }));
}

export async function setRoundDue(supabase: SupabaseClient, roundId: string, dueOn: string) {
	unwrap(await api(supabase).rpc('set_response_round_due', { round_id: roundId, due_on: dueOn }));
}

async function sha256Hex(value: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value));
	return Buffer.from(digest).toString('hex');
}

/**
 * Subscribes an address to an assembly's responses: a fresh token, of which only the hash is
 * stored, goes out in a confirmation mail (unless the address is confirmed already or was mailed in
 * the last ten minutes — the caller shows the same answer either way).
 */
export async function subscribe(
	supabase: SupabaseClient,
	assemblyId: string,
	assemblyTitle: string,
	email: string,
	origin: string
): Promise<void> {
	const token = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
	const send: boolean = unwrap(
		await api(supabase).rpc('subscribe_to_responses', {
			assembly_id: assemblyId,
			email,
			token_sha256: await sha256Hex(token)
		})
	);
	if (send) {
		await runtime().mailer.send(subscriptionConfirmMail(email, assemblyTitle, token, origin));
	}
}

/** Confirms with the mailed token; the assembly it is for, or null when the token is unknown or old. */
export async function confirmSubscription(
	supabase: SupabaseClient,
	token: string
): Promise<string | null> {
	return unwrap(
		await api(supabase).rpc('confirm_response_subscription', {
			token_sha256: await sha256Hex(token)
		})
	);
}

/** Ends the subscription the token belongs to; its assembly, or null for an unknown token. */
export async function unsubscribe(supabase: SupabaseClient, token: string): Promise<string | null> {
	return unwrap(await api(supabase).rpc('unsubscribe_from_responses', { token }));
}

/**
 * The periodic reminder job: queues the secretariat's reminders (14 days before a due date, and
 * once overdue), each once per round. Runs with the service role; returns how many mails it queued.
 */
export async function queueResponseReminders(origin: string): Promise<number> {
	const service = supabaseFor(runtime().serviceKey, origin);
	return unwrap(await api(service).rpc('queue_response_reminders', { days_before: 14 }));
}
