import type { SupabaseClient } from '@supabase/supabase-js';
import { api, unwrap } from './api';
import type { SupportNeed } from '$lib/schemas/attendance';

/**
 * Typed calls to the attendance API (supabase/migrations/20261125200210_create_attendance_api.sql).
 * Row types are written once, here.
 */

export interface SessionCounts {
	members: number;
	present: number;
	/** Members not reported absent (those present included). */
	expected: number;
	/** Reported absent and not present after all. */
	reported_absent: number;
}

export type SupportCounts = Record<SupportNeed, number>;

export interface CheckInPerson {
	person_id: string;
	full_name: string;
	present: boolean;
	method: 'list' | 'qr' | null;
	checked_in_at: string | null;
	absent: boolean;
	absence_reason: string | null;
}

export interface CheckInList {
	session: {
		id: string;
		assembly_id: string;
		title: string;
		starts_at: string;
		ends_at: string;
		cancelled_at: string | null;
		is_candidate: boolean;
	};
	counts: SessionCounts;
	support: SupportCounts;
	people: CheckInPerson[];
}

export interface CheckInCode {
	code: string;
	rotates_at: string;
	valid_until: string;
	now: string;
}

export interface CheckedIn {
	session_id: string;
	assembly_id: string;
	title: string;
	already: boolean;
	checked_in_at: string;
}

/** What the console and the projector show; no personal data. */
export interface SessionLive {
	now: string;
	session: {
		id: string;
		assembly_id: string;
		title: string;
		starts_at: string;
		ends_at: string;
		cancelled_at: string | null;
	};
	item: { index: number; id: string; title: string; planned_minutes: number } | null;
	item_started_at: string | null;
	items_total: number;
	counts: SessionCounts;
	/** The prioritisation exercises will report who has voted here; null until they exist. */
	voted: number | null;
}

export interface MyAttendance {
	absence: { reason: string; reported_at: string } | null;
	present: { checked_in_at: string; method: 'list' | 'qr' } | null;
}

export interface MemberAttendance {
	person_id: string;
	full_name: string;
	attended: number;
	held: number;
	absences: number;
}

export interface GroupAttendance {
	category: string;
	feature: string;
	members: number;
	/** Null for a group of fewer than five members. */
	attended: number | null;
	possible: number | null;
}

export interface AllowanceRow {
	registration_number: number | null;
	full_name: string;
	email: string | null;
	address_line: string | null;
	postal_code: string | null;
	city: string | null;
	sessions_attended: number;
	/** ISO dates, comma-separated, oldest first. */
	session_dates: string;
}

export interface MySupportNeeds {
	needs: SupportNeed[];
	note: string;
}

export async function checkInList(
	supabase: SupabaseClient,
	sessionId: string
): Promise<CheckInList> {
	return unwrap(await api(supabase).rpc('check_in_list', { session_id: sessionId }, { get: true }));
}

/** Ticks a member present (or undoes it) on the facilitators' list; returns the new counts. */
export async function setAttendance(
	supabase: SupabaseClient,
	sessionId: string,
	personId: string,
	present: boolean
): Promise<SessionCounts> {
	return unwrap(
		await api(supabase).rpc('set_attendance', {
			session_id: sessionId,
			person_id: personId,
			present
		})
	);
}

/** The code to show now; showing it keeps self check-in open for the code's lifetime. */
export async function checkInCode(
	supabase: SupabaseClient,
	sessionId: string
): Promise<CheckInCode> {
	return unwrap(await api(supabase).rpc('check_in_code', { session_id: sessionId }));
}

/** Checks the signed-in member in with a code from the screen. */
export async function checkInWithCode(supabase: SupabaseClient, code: string): Promise<CheckedIn> {
	return unwrap(await api(supabase).rpc('check_in_with_code', { code }));
}

export async function reportAbsence(supabase: SupabaseClient, sessionId: string, reason: string) {
	unwrap(await api(supabase).rpc('report_absence', { session_id: sessionId, reason }));
}

export async function withdrawAbsence(supabase: SupabaseClient, sessionId: string) {
	unwrap(await api(supabase).rpc('withdraw_absence', { session_id: sessionId }));
}

export async function myAttendance(
	supabase: SupabaseClient,
	sessionId: string
): Promise<MyAttendance> {
	return unwrap(await api(supabase).rpc('my_attendance', { session_id: sessionId }, { get: true }));
}

/** The caller's absence reports in an assembly, by session id. */
export async function myAbsences(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<Record<string, { reason: string; reported_at: string }>> {
	const rows: { session_id: string; reason: string; reported_at: string }[] = unwrap(
		await api(supabase).rpc('my_absences', { assembly_id: assemblyId }, { get: true })
	);
	return Object.fromEntries(rows.map(({ session_id, ...rest }) => [session_id, rest]));
}

/** Moves the current agenda item: +1 next, -1 previous, 0 restarts the current item's timer. */
export async function stepAgenda(supabase: SupabaseClient, sessionId: string, step: -1 | 0 | 1) {
	unwrap(await api(supabase).rpc('step_agenda', { session_id: sessionId, step }));
}

export async function sessionLive(
	supabase: SupabaseClient,
	sessionId: string
): Promise<SessionLive> {
	return unwrap(await api(supabase).rpc('session_live', { session_id: sessionId }, { get: true }));
}

export async function sessionSupport(
	supabase: SupabaseClient,
	sessionId: string
): Promise<SupportCounts> {
	return unwrap(
		await api(supabase).rpc('session_support', { session_id: sessionId }, { get: true })
	);
}

export async function attendanceByMember(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<MemberAttendance[]> {
	return unwrap(
		await api(supabase).rpc('attendance_by_member', { assembly_id: assemblyId }, { get: true })
	);
}

export async function attendanceByGroup(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<GroupAttendance[]> {
	return unwrap(
		await api(supabase).rpc('attendance_by_group', { assembly_id: assemblyId }, { get: true })
	);
}

/** Attended sessions per member with their registration address (administrators only). */
export async function allowanceExport(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AllowanceRow[]> {
	return unwrap(
		await api(supabase).rpc('allowance_export', { assembly_id: assemblyId }, { get: true })
	);
}

/** The member's own support needs from their registration; null when they have none here. */
export async function mySupportNeeds(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<MySupportNeeds | null> {
	return unwrap(
		await api(supabase).rpc('my_support_needs', { assembly_id: assemblyId }, { get: true })
	);
}

export async function setMySupportNeeds(
	supabase: SupabaseClient,
	assemblyId: string,
	needs: SupportNeed[],
	note: string
) {
	unwrap(await api(supabase).rpc('set_my_support_needs', { assembly_id: assemblyId, needs, note }));
}
