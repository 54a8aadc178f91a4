import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import { ApiError, api, unwrap } from './api';
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
	/** Each publication of material: when, and whether it kept the assembly's rule. */
	publications: { published_at: string; on_time: boolean; rule_days: number; item_count: number }[];
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

/** The form field a refusal from the sessions API belongs beside, with its message. */
export function sessionFieldError(error: unknown): { field: string; message: string } | null {
	if (!(error instanceof ApiError)) return null;
	switch (error.details) {
		case 'session_ends_before_start':
			return { field: 'ends', message: m.field_session_end() };
		case 'session_outside_period':
			return { field: 'on_date', message: m.session_error_outside_period() };
		case 'session_room_overlap':
			return { field: 'room', message: m.session_error_room_overlap() };
		case 'cancellation_reason_required':
			return { field: 'reason', message: m.field_required() };
		case 'nothing_to_publish':
			return { field: '_form', message: m.material_nothing_to_publish() };
		case 'material_published':
			return { field: '_form', message: m.material_error_published() };
		case 'not_a_candidate':
			return { field: '_form', message: m.session_error_not_candidate() };
		default:
			return null;
	}
}

export interface Material {
	id: string;
	agenda_item_id: string | null;
	title: string;
	url: string | null;
	file_name: string | null;
	content_type: string | null;
	byte_size: number | null;
	/** Null while it is a draft only organisers see. */
	published_at: string | null;
	created_at: string;
}

export async function sessionMaterials(
	supabase: SupabaseClient,
	sessionId: string
): Promise<Material[]> {
	return unwrap(
		await api(supabase).rpc('session_materials', { session_id: sessionId }, { get: true })
	);
}

export async function materialFile(
	supabase: SupabaseClient,
	materialId: string
): Promise<{ sha256: string; file_name: string; content_type: string; byte_size: number } | null> {
	const rows: { sha256: string; file_name: string; content_type: string; byte_size: number }[] =
		unwrap(await api(supabase).rpc('material_file', { material_id: materialId }, { get: true }));
	return rows[0] ?? null;
}

export async function addMaterial(
	supabase: SupabaseClient,
	sessionId: string,
	material: {
		agenda_item_id: string | null;
		title: string;
		url: string | null;
		file?: { name: string; type: string; size: number; sha256: string };
	}
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('add_material', {
			session_id: sessionId,
			agenda_item_id: material.agenda_item_id,
			title: material.title,
			url: material.url,
			file_name: material.file?.name ?? null,
			content_type: material.file?.type ?? null,
			byte_size: material.file?.size ?? null,
			sha256: material.file?.sha256 ?? null
		})
	);
}

export async function removeMaterial(supabase: SupabaseClient, materialId: string) {
	unwrap(await api(supabase).rpc('remove_material', { material_id: materialId }));
}

export async function publishMaterials(
	supabase: SupabaseClient,
	sessionId: string
): Promise<{ publication_id: string; item_count: number; on_time: boolean; queued: number }> {
	return unwrap(await api(supabase).rpc('publish_materials', { session_id: sessionId }));
}

export type RequestKind = 'fact' | 'expert';
export type RequestStatus = 'open' | 'in_progress' | 'answered' | 'declined';

export interface InformationRequest {
	id: string;
	kind: RequestKind;
	question: string;
	status: RequestStatus;
	answer: string;
	answered_at: string | null;
	created_at: string;
	asked_by_me: boolean;
	/** Organisers only. */
	asked_by_name: string | null;
}

export async function informationRequests(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<InformationRequest[]> {
	return unwrap(
		await api(supabase).rpc('information_requests', { assembly_id: assemblyId }, { get: true })
	);
}

export async function askForInformation(
	supabase: SupabaseClient,
	assemblyId: string,
	kind: RequestKind,
	question: string
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('ask_for_information', { assembly_id: assemblyId, kind, question })
	);
}

export async function answerInformationRequest(
	supabase: SupabaseClient,
	requestId: string,
	status: RequestStatus,
	answer: string
) {
	unwrap(
		await api(supabase).rpc('answer_information_request', { request_id: requestId, status, answer })
	);
}

export async function withdrawInformationRequest(supabase: SupabaseClient, requestId: string) {
	unwrap(await api(supabase).rpc('withdraw_information_request', { request_id: requestId }));
}
