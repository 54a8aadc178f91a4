import type { SupabaseClient } from '@supabase/supabase-js';
import { newCode } from '$lib/recruitment/code';
import type { ImportRow } from '$lib/recruitment/respondents-import';
import type { SupportNeed } from '$lib/schemas/attendance';
import { api, unwrap } from './api';

/** Row shapes of the recruitment functions in supabase/migrations/*_create_recruitment_api.sql. */
export type CategoryKind = 'choice' | 'birth_year';
export type RegistrationStatus =
	'pool' | 'selected' | 'reserve' | 'confirmed' | 'declined' | 'withdrawn' | 'participated';
export type RegistrationChannel = 'self' | 'phone' | 'paper' | 'import';

export interface RegistrationForm {
	assembly_id: string;
	title: string;
	municipality: string;
	registration_closes_on: string | null;
	first_session_on: string | null;
	last_session_on: string | null;
	used: boolean;
	closed: boolean;
	privacy_notice: string;
	categories: {
		id: string;
		name: string;
		question: string;
		kind: CategoryKind;
		features: { id: string; name: string }[];
	}[];
	/** The upcoming planned sessions, asked about at registration. */
	sessions: PlannedDate[];
}

export interface PlannedDate {
	id: string;
	title: string;
	starts_at: string;
	ends_at: string;
}

export interface QuotaFeature {
	id: string;
	name: string;
	min: number;
	max: number;
	position: number;
	population_share: number | null;
	age_from: number | null;
	age_to: number | null;
	registered: number;
}

export interface RecruitmentOverview {
	settings: {
		assembly_id: string;
		panel_size: number;
		reserve_size: number;
		one_per_household: boolean;
		replacement_cutoff_on: string | null;
		privacy_notice: string;
	} | null;
	categories: {
		id: string;
		name: string;
		question: string;
		kind: CategoryKind;
		position: number;
		features: QuotaFeature[];
	}[];
	invitations: { total: number; used: number };
	registrations: Partial<Record<RegistrationStatus, number>>;
}

export interface PoolEntry {
	id: string;
	registration_number: number;
	full_name: string;
	email: string | null;
	phone: string | null;
	birth_year: number;
	postal_code: string;
	household_key: string;
	channel: RegistrationChannel;
	status: RegistrationStatus;
	created_at: string;
	support_needs: SupportNeed[];
	answers: Record<string, string>;
	reserve_rank: number | null;
	replaces_registration_id: string | null;
	has_response_link: boolean;
}

export interface InvitationBatch {
	id: string;
	label: string;
	mode: 'codes' | 'addresses';
	created_at: string;
	total: number;
	used: number;
}

export interface Invitation {
	code: string;
	recipient_name: string | null;
	address_line: string | null;
	postal_code: string | null;
	city: string | null;
	district: string | null;
	used: boolean;
}

export interface RegistrationInput {
	full_name: string;
	birth_year: number;
	address_line: string;
	postal_code: string;
	city: string;
	email: string | null;
	phone: string | null;
	answers: Record<string, string>;
	support_needs: SupportNeed[];
	support_note: string;
	consent: boolean;
	/** Answers for the planned session dates (session id → yes/no/maybe). */
	availability?: Record<string, 'yes' | 'maybe' | 'no'>;
}

/** The form behind a registration code (anyone holding the code). */
export async function registrationForm(
	supabase: SupabaseClient,
	code: string
): Promise<RegistrationForm> {
	return unwrap(await api(supabase).rpc('registration_form', { code }, { get: true }));
}

/** A citizen registers with a code. */
export async function register(
	supabase: SupabaseClient,
	code: string,
	input: RegistrationInput
): Promise<{ registration_number: number; assembly_title: string }> {
	return unwrap(await api(supabase).rpc('register', { code, ...input }));
}

/** Staff register someone by phone or from a paper form. */
export async function registerByStaff(
	supabase: SupabaseClient,
	assemblyId: string,
	channel: 'phone' | 'paper',
	input: RegistrationInput
): Promise<{ registration_number: number; assembly_title: string }> {
	return unwrap(
		await api(supabase).rpc('register_by_staff', { assembly_id: assemblyId, channel, ...input })
	);
}

export async function recruitmentOverview(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<RecruitmentOverview> {
	return unwrap(
		await api(supabase).rpc('recruitment_overview', { assembly_id: assemblyId }, { get: true })
	);
}

export async function pool(supabase: SupabaseClient, assemblyId: string): Promise<PoolEntry[]> {
	return unwrap(await api(supabase).rpc('pool', { assembly_id: assemblyId }, { get: true }));
}

export async function invitationBatches(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<InvitationBatch[]> {
	return unwrap(
		await api(supabase).rpc('invitation_batches', { assembly_id: assemblyId }, { get: true })
	);
}

export async function listInvitations(
	supabase: SupabaseClient,
	batchId: string
): Promise<Invitation[]> {
	return unwrap(await api(supabase).rpc('list_invitations', { batch_id: batchId }, { get: true }));
}

export async function saveRecruitmentSettings(
	supabase: SupabaseClient,
	assemblyId: string,
	settings: {
		panel_size: number;
		reserve_size: number;
		one_per_household: boolean;
		privacy_notice: string;
		replacement_cutoff_on: string | null;
	}
): Promise<void> {
	unwrap(
		await api(supabase).rpc('save_recruitment_settings', { assembly_id: assemblyId, ...settings })
	);
}

export interface FeatureInput {
	name: string;
	min: number;
	max: number;
	population_share: number | null;
	age_from: number | null;
	age_to: number | null;
}

/** Adds a category with its features, or replaces an existing one's, in one transaction. */
export async function saveCategory(
	supabase: SupabaseClient,
	assemblyId: string,
	category: {
		category_id: string | null;
		name: string;
		question: string;
		kind: CategoryKind;
		features: FeatureInput[];
	}
): Promise<string> {
	return unwrap(await api(supabase).rpc('save_category', { assembly_id: assemblyId, ...category }));
}

/** Sets many quotas in one transaction. */
export async function setQuotas(
	supabase: SupabaseClient,
	assemblyId: string,
	quotas: { feature_id: string; min: number; max: number }[]
): Promise<number> {
	return unwrap(await api(supabase).rpc('set_quotas', { assembly_id: assemblyId, quotas }));
}

export async function deleteCategory(supabase: SupabaseClient, categoryId: string): Promise<void> {
	unwrap(await api(supabase).rpc('delete_category', { category_id: categoryId }));
}

/**
 * Makes a batch of invitations: one per address row, or `count` bare codes. Codes are made here
 * (random, 50 bits, with a check symbol); the database only stores them.
 */
export async function createInvitations(
	supabase: SupabaseClient,
	assemblyId: string,
	label: string,
	recipients: Omit<Invitation, 'code' | 'used'>[] | number
): Promise<string> {
	const rows =
		typeof recipients === 'number'
			? Array.from({ length: recipients }, () => ({ code: newCode() }))
			: recipients.map((recipient) => ({ ...recipient, code: newCode() }));
	return unwrap(
		await api(supabase).rpc('create_invitations', {
			assembly_id: assemblyId,
			label,
			mode: typeof recipients === 'number' ? 'codes' : 'addresses',
			invitations: rows
		})
	);
}

/** Administrators record a selected person's answer, or a withdrawal. */
export async function setRegistrationStatus(
	supabase: SupabaseClient,
	registrationId: string,
	status: RegistrationStatus
): Promise<void> {
	unwrap(
		await api(supabase).rpc('set_registration_status', { registration_id: registrationId, status })
	);
}

/** A reserve takes a withdrawn member's place. */
export async function replaceWithReserve(
	supabase: SupabaseClient,
	withdrawnId: string,
	reserveId: string
): Promise<void> {
	unwrap(
		await api(supabase).rpc('replace_with_reserve', {
			withdrawn_id: withdrawnId,
			reserve_id: reserveId
		})
	);
}

/** Stores the SHA-256 of new answer-link tokens; returns how many were set. */
export async function setResponseTokens(
	supabase: SupabaseClient,
	tokens: { registration_id: string; token_hash: string }[]
): Promise<number> {
	return unwrap(await api(supabase).rpc('set_response_tokens', { tokens }));
}

export interface SelectionInvitation {
	full_name: string;
	status: RegistrationStatus;
	title: string;
	first_session_on: string | null;
	last_session_on: string | null;
}

export async function selectionInvitation(
	supabase: SupabaseClient,
	token: string
): Promise<SelectionInvitation> {
	return unwrap(await api(supabase).rpc('selection_invitation', { token }, { get: true }));
}

export async function respondToSelection(
	supabase: SupabaseClient,
	token: string,
	accept: boolean
): Promise<RegistrationStatus> {
	return unwrap(await api(supabase).rpc('respond_to_selection', { token, accept }));
}

export interface RepresentativenessRow {
	category: string;
	features: {
		feature: string;
		population_share: number | null;
		min: number;
		max: number;
		registered: number;
		selected: number;
		confirmed: number;
	}[];
}

/** Per category and feature: population share and counts registered, selected, confirmed. */
export async function representativeness(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<RepresentativenessRow[]> {
	return unwrap(
		await api(supabase).rpc('representativeness', { assembly_id: assemblyId }, { get: true })
	);
}

/** Replaces the quotas with those of a categories.csv, in one transaction. */
export async function importCategories(
	supabase: SupabaseClient,
	assemblyId: string,
	quotas: { category: string; feature: string; min: number; max: number }[]
): Promise<number> {
	const byCategory = new Map<string, { name: string; min: number; max: number }[]>();
	for (const quota of quotas) {
		byCategory.set(quota.category, [
			...(byCategory.get(quota.category) ?? []),
			{ name: quota.feature, min: quota.min, max: quota.max }
		]);
	}
	const categories = [...byCategory].map(([name, features]) => ({ name, features }));
	return unwrap(
		await api(supabase).rpc('import_categories', { assembly_id: assemblyId, categories })
	);
}

/**
 * Adds the rows of a respondents.csv to the pool, all or none, in one transaction. A row the
 * database refuses comes back as an ApiError whose details are `line:<line>:<key>`.
 */
export async function importRespondents(
	supabase: SupabaseClient,
	assemblyId: string,
	rows: ImportRow[],
	consent: boolean
): Promise<number> {
	return unwrap(
		await api(supabase).rpc('import_respondents', {
			assembly_id: assemblyId,
			rows: rows.map((row) => ({ ...row, consent }))
		})
	);
}
