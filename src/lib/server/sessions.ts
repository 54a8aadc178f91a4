import type { SupabaseClient } from '@supabase/supabase-js';
import { api, unwrap } from './api';
import type { SessionInput, AgendaItemInput } from '$lib/schemas/session';

/**
 * Typed calls to the sessions API (supabase/migrations/20261125200100_create_sessions_api.sql).
 * Row types are written once, here.
 */

export type SessionKind = 'learning' | 'deliberation' | 'voting' | 'visit';
export type AvailabilityAnswer = 'yes' | 'maybe' | 'no';

export interface AgendaItem {
	id: string;
	position: number;
	title: string;
	description: string;
	planned_minutes: number;
	/** Empty for visitors: who leads is shown to those who take part. */
	led_by: string;
}

export interface Session {
	id: string;
	assembly_id: string;
	title: string;
	kind: SessionKind;
	starts_at: string;
	ends_at: string;
	is_candidate: boolean;
	place_name: string;
	address: string;
	room: string;
	accessibility_note: string;
	/** Null for visitors. */
	online_url: string | null;
	description: string;
	cancelled_at: string | null;
	cancellation_reason: string;
	/** The iCalendar SEQUENCE: grows when the time, place or title changes, or on cancellation. */
	sequence: number;
	updated_at: string;
	agenda: AgendaItem[];
	/** Present in calendar feeds. */
	assembly_title?: string;
}

export interface SessionPlan {
	material_days_before: number;
	sessions: Session[];
}

export interface AvailabilityCount {
	session_id: string;
	yes: number;
	maybe: number;
	no: number;
	unanswered: number;
	members: number;
}

export async function sessionPlan(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<SessionPlan> {
	return unwrap(
		await api(supabase).rpc('assembly_sessions', { assembly_id: assemblyId }, { get: true })
	);
}

/** One session, or null when it does not exist or is hidden from the caller. */
export async function getSession(
	supabase: SupabaseClient,
	sessionId: string
): Promise<Session | null> {
	const result = await api(supabase).rpc('get_session', { session_id: sessionId }, { get: true });
	if (result.error?.code === 'PT404') return null;
	return unwrap(result);
}

export async function saveSession(
	supabase: SupabaseClient,
	assemblyId: string,
	sessionId: string | null,
	input: SessionInput
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('save_session', {
			assembly_id: assemblyId,
			session_id: sessionId,
			title: input.title,
			kind: input.kind,
			on_date: input.on_date,
			starts: input.starts,
			ends: input.ends,
			is_candidate: input.is_candidate,
			place_name: input.place_name,
			address: input.address,
			room: input.room,
			accessibility_note: input.accessibility_note,
			online_url: input.online_url,
			description: input.description
		})
	);
}

export async function cancelSession(supabase: SupabaseClient, sessionId: string, reason: string) {
	unwrap(await api(supabase).rpc('cancel_session', { session_id: sessionId, reason }));
}

export async function reinstateSession(supabase: SupabaseClient, sessionId: string) {
	unwrap(await api(supabase).rpc('reinstate_session', { session_id: sessionId }));
}

export async function deleteCandidateSession(supabase: SupabaseClient, sessionId: string) {
	unwrap(await api(supabase).rpc('delete_candidate_session', { session_id: sessionId }));
}

export async function saveAgendaItem(
	supabase: SupabaseClient,
	sessionId: string,
	itemId: string | null,
	input: AgendaItemInput
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('save_agenda_item', {
			session_id: sessionId,
			item_id: itemId,
			title: input.title,
			description: input.description,
			planned_minutes: input.planned_minutes,
			led_by: input.led_by
		})
	);
}

export async function deleteAgendaItem(supabase: SupabaseClient, itemId: string) {
	unwrap(await api(supabase).rpc('delete_agenda_item', { item_id: itemId }));
}

export async function moveAgendaItem(supabase: SupabaseClient, itemId: string, direction: -1 | 1) {
	unwrap(await api(supabase).rpc('move_agenda_item', { item_id: itemId, direction }));
}

export async function saveSessionRules(
	supabase: SupabaseClient,
	assemblyId: string,
	materialDaysBefore: number
) {
	unwrap(
		await api(supabase).rpc('save_session_rules', {
			assembly_id: assemblyId,
			material_days_before: materialDaysBefore
		})
	);
}

export async function setAvailability(
	supabase: SupabaseClient,
	sessionId: string,
	answer: AvailabilityAnswer
) {
	unwrap(await api(supabase).rpc('set_availability', { session_id: sessionId, answer }));
}

export async function myAvailability(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<Record<string, AvailabilityAnswer>> {
	const rows: { session_id: string; answer: AvailabilityAnswer }[] = unwrap(
		await api(supabase).rpc('my_availability', { assembly_id: assemblyId }, { get: true })
	);
	return Object.fromEntries(rows.map((row) => [row.session_id, row.answer]));
}

export async function availabilitySummary(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AvailabilityCount[]> {
	return unwrap(
		await api(supabase).rpc('availability_summary', { assembly_id: assemblyId }, { get: true })
	);
}

export async function myCalendarFeed(supabase: SupabaseClient): Promise<string | null> {
	return unwrap(await api(supabase).rpc('my_calendar_feed', undefined, { get: true }));
}

export async function renewCalendarFeed(supabase: SupabaseClient): Promise<string> {
	return unwrap(await api(supabase).rpc('renew_calendar_feed'));
}

export async function revokeCalendarFeed(supabase: SupabaseClient) {
	unwrap(await api(supabase).rpc('revoke_calendar_feed'));
}

/** The sessions behind a calendar token, or null for an unknown or revoked token. */
export async function calendarFeed(
	supabase: SupabaseClient,
	token: string
): Promise<Session[] | null> {
	const result = await api(supabase).rpc('calendar_feed', { token }, { get: true });
	if (result.error?.code === 'PT404') return null;
	return unwrap(result);
}
