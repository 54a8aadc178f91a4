import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import type { Seat } from '$lib/sessions/table-plan';
import { TableAllocationError, type TableMember } from '$lib/sessions/tables';
import { ApiError, api, unwrap } from './api';

/**
 * Typed calls to the table groups API (supabase/migrations/20261125200300_create_table_groups.sql).
 * Row types are written once, here.
 */

export interface TableQuestion {
	id: string;
	question: string;
}

export interface TableNote {
	question_id: string;
	table_number: number;
	summary: string;
	published_at: string | null;
	/** Organisers only: who wrote it last. */
	written_by?: string | null;
	updated_at?: string;
}

export interface TablePlan {
	plan: { table_size: number; table_count: number; round: number; updated_at: string } | null;
	categories: string[];
	members: (TableMember & { name: string })[];
	seats: Seat[];
	/** Earlier sessions' tables, each a list of person ids. */
	history: string[][];
	questions: TableQuestion[];
	notes: TableNote[];
}

export interface SessionTables {
	my_table: { table_number: number; first_names: string[] } | null;
	questions: TableQuestion[];
	notes: TableNote[];
}

/** Everything the facilitator's table page needs (organisers only). */
export async function tablePlan(supabase: SupabaseClient, sessionId: string): Promise<TablePlan> {
	return unwrap(await api(supabase).rpc('table_plan', { session_id: sessionId }, { get: true }));
}

/** Saves computed tables (table 1 first); returns the new round. */
export async function saveTables(
	supabase: SupabaseClient,
	sessionId: string,
	input: {
		expectedRound: number;
		tableSize: number;
		present: string[];
		tables: string[][];
		byHand: string[];
	}
): Promise<number> {
	return unwrap(
		await api(supabase).rpc('save_tables', {
			session_id: sessionId,
			expected_round: input.expectedRound,
			table_size: input.tableSize,
			present: input.present,
			tables: input.tables,
			by_hand: input.byHand
		})
	);
}

export async function swapSeats(
	supabase: SupabaseClient,
	sessionId: string,
	personA: string,
	personB: string
) {
	unwrap(
		await api(supabase).rpc('swap_seats', {
			session_id: sessionId,
			person_a: personA,
			person_b: personB
		})
	);
}

export async function moveSeat(
	supabase: SupabaseClient,
	sessionId: string,
	personId: string,
	tableNumber: number
) {
	unwrap(
		await api(supabase).rpc('move_seat', {
			session_id: sessionId,
			person_id: personId,
			table_number: tableNumber
		})
	);
}

export async function saveTableQuestion(
	supabase: SupabaseClient,
	sessionId: string,
	questionId: string | null,
	question: string
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('save_table_question', {
			session_id: sessionId,
			question_id: questionId,
			question
		})
	);
}

export async function deleteTableQuestion(supabase: SupabaseClient, questionId: string) {
	unwrap(await api(supabase).rpc('delete_table_question', { question_id: questionId }));
}

export async function saveTableNote(
	supabase: SupabaseClient,
	input: { question_id: string; table_number: number; summary: string }
) {
	unwrap(await api(supabase).rpc('save_table_note', input));
}

/** Publishes the session's notes (or withdraws them); returns how many changed. */
export async function publishTableNotes(
	supabase: SupabaseClient,
	sessionId: string,
	publish: boolean
): Promise<number> {
	return unwrap(await api(supabase).rpc('publish_table_notes', { session_id: sessionId, publish }));
}

/** A member's view of a session's tables, or null when the session is not theirs to see. */
export async function sessionTables(
	supabase: SupabaseClient,
	sessionId: string
): Promise<SessionTables | null> {
	const result = await api(supabase).rpc(
		'session_tables',
		{ session_id: sessionId },
		{ get: true }
	);
	if (result.error?.code === 'PT404') return null;
	return unwrap(result);
}

/**
 * The form field a refusal from the table groups API (or the allocation) belongs beside, with its
 * message; null for anything else, which is not the user's to fix.
 */
export function tableFieldError(
	error: unknown,
	/** Where "not seated" belongs (the swap's first or second person, or the person moved). */
	notSeatedField = 'person_id'
): { field: string; message: string } | null {
	if (error instanceof TableAllocationError) {
		return error.key === 'tables_invalid_layout'
			? { field: 'table_size', message: m.tables_invalid_layout() }
			: { field: '_form', message: m[error.key]() };
	}
	if (!(error instanceof ApiError)) return null;
	switch (error.details) {
		case 'tables_invalid_layout':
			return { field: 'table_size', message: m.tables_invalid_layout() };
		case 'tables_nobody_present':
			return { field: 'present', message: m.field_tables_present() };
		case 'tables_not_everyone_seated':
		case 'tables_not_a_member':
			return { field: 'present', message: m.tables_not_a_member() };
		case 'tables_changed_meanwhile':
			return { field: '_form', message: m.tables_changed_meanwhile() };
		case 'tables_not_seated':
			return { field: notSeatedField, message: m.tables_not_seated() };
		case 'tables_same_person':
			return { field: 'person_b', message: m.tables_same_person() };
		case 'tables_locked_unknown_table':
			return { field: 'table_number', message: m.tables_locked_unknown_table() };
		case 'table_note_required':
			return { field: 'summary', message: m.field_required() };
		case 'table_note_published':
			return { field: 'summary', message: m.table_note_published() };
		case 'table_notes_none':
			return { field: '_form', message: m.table_notes_none() };
		default:
			return null;
	}
}
