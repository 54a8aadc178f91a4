import type { SupabaseClient } from '@supabase/supabase-js';
import type { AdoptionBase } from '$lib/recommendations/adoption';
import type { Criterion, EvidenceLink } from '$lib/schemas/recommendation';
import { api, unwrap } from './api';

/**
 * Typed calls to the recommendations API (supabase/migrations/20261203110100_create_recommendations_api.sql).
 * Row types are written once, here.
 */

export type RecommendationKind = 'recommendation' | 'method';
export type RecommendationStatus = 'draft' | 'voting' | 'adopted' | 'not_adopted' | 'withdrawn';
export type SupportChoice = 'support' | 'accept' | 'oppose';
export type PlenaryChoice = 'for' | 'against' | 'abstain';
export type AmendmentStatus = 'proposed' | 'plenary' | 'accepted' | 'rejected';

export interface VoteResult {
	opened_at: string;
	closed_at: string | null;
	support: number | null;
	accept: number | null;
	oppose: number | null;
	present: number | null;
	adopted: boolean | null;
	threshold_pct: number;
	base: AdoptionBase;
}

export interface RecommendationSummary {
	id: string;
	number: number;
	kind: RecommendationKind;
	status: RecommendationStatus;
	working_group_id: string | null;
	working_group: string | null;
	title: string;
	version: number;
	updated_at: string;
	frozen_version: number | null;
	frozen_at: string | null;
	frozen_sha256: string | null;
	handed_over_at: string | null;
	vote: VoteResult | null;
}

export interface Version {
	version: number;
	title: string;
	body_md: string;
	rationale_md: string;
	welfare_area_ids?: string[];
	amount_mio: number | null;
	criteria: Criterion[];
	evidence: EvidenceLink[];
	created_at: string;
	/** Only for those who take part in the assembly. */
	author?: string | null;
	sha256: string;
}

export interface RecommendationComment {
	id: string;
	parent_id: string | null;
	body: string;
	created_at: string;
	author: string | null;
}

export interface Amendment {
	id: string;
	base_version: number;
	paragraph: number;
	original_text: string;
	proposed_text: string;
	reason: string;
	status: AmendmentStatus;
	proposer: string | null;
	votes_for: number | null;
	votes_against: number | null;
	votes_abstain: number | null;
	decided_at: string | null;
	result_version: number | null;
	created_at: string;
	my_vote: PlenaryChoice | null;
	votes_cast: number | null;
}

export interface MinorityStatement {
	id?: string;
	body: string;
	created_at?: string;
	author?: string | null;
	signers: number;
	signer_names?: string[];
	signed_by_me?: boolean;
}

export interface SessionRef {
	id: string;
	title: string;
	starts_at: string;
}

export interface RecommendationDetail extends RecommendationSummary {
	assembly_id: string;
	can_draft: boolean;
	is_organiser: boolean;
	is_member: boolean;
	versions: Version[];
	comments: RecommendationComment[];
	amendments: Amendment[];
	my_vote: SupportChoice | null;
	votes_cast: number | null;
	vote_session: SessionRef | null;
	statements: MinorityStatement[];
	sessions: SessionRef[];
}

export interface WorkingGroup {
	id: string;
	name: string;
	welfare_area_id: string | null;
	mine: boolean;
	members: { person_id: string; name: string | null }[];
}

export interface RecommendationsOverview {
	rule: { threshold_pct: number; base: AdoptionBase };
	working_groups: WorkingGroup[];
	recommendations: (RecommendationSummary & { can_draft: boolean })[];
	members: { person_id: string; name: string }[];
}

export interface PublicRecommendation extends RecommendationSummary {
	versions: Version[];
	statements: MinorityStatement[];
}

export interface HandoverReport {
	assembly: {
		id: string;
		title: string;
		charge: string;
		municipality: string;
		phase: string;
		handover_on: string | null;
		threshold_pct: number;
		base: AdoptionBase;
	};
	selection: {
		invitations: number;
		registrations: number;
		members: number;
		draw: { drawn_at: string; commitment_hash: string; seed: string } | null;
		sessions: { title: string; starts_at: string; present: number }[];
	} | null;
	recommendations: (RecommendationSummary & {
		text: {
			title: string;
			body_md: string;
			rationale_md: string;
			amount_mio: number | null;
			criteria: Criterion[];
			evidence: EvidenceLink[];
			welfare_areas: string[];
			sha256: string;
		};
		statements: MinorityStatement[];
	})[];
	audit_head: { seq: number; hash: string; at: string; action: string } | null;
}

export interface VersionFields {
	title: string;
	body_md: string;
	rationale_md: string;
	welfare_area_ids: string[];
	amount_mio: number | null;
	criteria: Criterion[];
	evidence: EvidenceLink[];
}

const rpc = (supabase: SupabaseClient) => api(supabase);

/** The assembly's working groups and recommendations, with what the caller may do. */
export async function recommendationsOverview(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<RecommendationsOverview> {
	return unwrap(
		await rpc(supabase).rpc('recommendations_overview', { assembly_id: assemblyId }, { get: true })
	);
}

/** One recommendation with everything the caller may read of it, or null. */
export async function getRecommendation(
	supabase: SupabaseClient,
	recommendationId: string
): Promise<RecommendationDetail | null> {
	return unwrap(
		await rpc(supabase).rpc(
			'recommendation',
			{ recommendation_id: recommendationId },
			{ get: true }
		)
	);
}

/** The handed-over recommendations with every version, vote counts and minority statements. */
export async function publicRecommendations(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<PublicRecommendation[]> {
	return unwrap(
		await rpc(supabase).rpc('public_recommendations', { assembly_id: assemblyId }, { get: true })
	);
}

/** The handover report's contents, or null when the caller may not see the assembly. */
export async function handoverReport(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<HandoverReport | null> {
	return unwrap(
		await rpc(supabase).rpc('handover_report', { assembly_id: assemblyId }, { get: true })
	);
}

export async function createWorkingGroup(
	supabase: SupabaseClient,
	assemblyId: string,
	name: string,
	welfareAreaId: string | null
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('create_working_group', {
			assembly_id: assemblyId,
			name,
			welfare_area_id: welfareAreaId
		})
	);
}

export async function setWorkingGroupMember(
	supabase: SupabaseClient,
	workingGroupId: string,
	personId: string,
	isMember: boolean
): Promise<void> {
	unwrap(
		await rpc(supabase).rpc('set_working_group_member', {
			working_group_id: workingGroupId,
			person_id: personId,
			is_member: isMember
		})
	);
}

export async function createRecommendation(
	supabase: SupabaseClient,
	assemblyId: string,
	workingGroupId: string,
	kind: RecommendationKind,
	fields: VersionFields
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('create_recommendation', {
			assembly_id: assemblyId,
			working_group_id: workingGroupId,
			kind,
			...fields
		})
	);
}

/** Saves a new version based on `basedOn`; refused with `version_conflict` if someone saved since. */
export async function saveRecommendation(
	supabase: SupabaseClient,
	recommendationId: string,
	basedOn: number,
	fields: VersionFields
): Promise<number> {
	return unwrap(
		await rpc(supabase).rpc('save_recommendation', {
			recommendation_id: recommendationId,
			based_on: basedOn,
			...fields
		})
	);
}

export async function commentOnRecommendation(
	supabase: SupabaseClient,
	recommendationId: string,
	body: string,
	parentId: string | null
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('comment_on_recommendation', {
			recommendation_id: recommendationId,
			body,
			parent_id: parentId
		})
	);
}

export async function proposeAmendment(
	supabase: SupabaseClient,
	recommendationId: string,
	input: { base_version: number; paragraph: number; proposed_text: string; reason: string }
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('propose_amendment', { recommendation_id: recommendationId, ...input })
	);
}

/** Accept (returns the new version), reject or send to the plenary. */
export async function decideAmendment(
	supabase: SupabaseClient,
	amendmentId: string,
	decision: 'accept' | 'reject' | 'plenary'
): Promise<number | null> {
	return unwrap(
		await rpc(supabase).rpc('decide_amendment', { amendment_id: amendmentId, decision })
	);
}

export async function voteOnAmendment(
	supabase: SupabaseClient,
	amendmentId: string,
	choice: PlenaryChoice
): Promise<void> {
	unwrap(await rpc(supabase).rpc('vote_on_amendment', { amendment_id: amendmentId, choice }));
}

export async function closeAmendmentVote(
	supabase: SupabaseClient,
	amendmentId: string
): Promise<{ for: number; against: number; abstain: number; accepted: boolean }> {
	return unwrap(await rpc(supabase).rpc('close_amendment_vote', { amendment_id: amendmentId }));
}

export async function setAdoptionRule(
	supabase: SupabaseClient,
	assemblyId: string,
	thresholdPct: number,
	base: AdoptionBase
): Promise<void> {
	unwrap(
		await rpc(supabase).rpc('set_adoption_rule', {
			assembly_id: assemblyId,
			threshold_pct: thresholdPct,
			base
		})
	);
}

export async function openSupportVote(
	supabase: SupabaseClient,
	recommendationId: string,
	sessionId: string | null
): Promise<void> {
	unwrap(
		await rpc(supabase).rpc('open_support_vote', {
			recommendation_id: recommendationId,
			session_id: sessionId
		})
	);
}

export async function castSupportVote(
	supabase: SupabaseClient,
	recommendationId: string,
	choice: SupportChoice
): Promise<void> {
	unwrap(
		await rpc(supabase).rpc('cast_support_vote', { recommendation_id: recommendationId, choice })
	);
}

export async function closeSupportVote(
	supabase: SupabaseClient,
	recommendationId: string
): Promise<void> {
	unwrap(await rpc(supabase).rpc('close_support_vote', { recommendation_id: recommendationId }));
}

export async function addMinorityStatement(
	supabase: SupabaseClient,
	recommendationId: string,
	body: string
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('add_minority_statement', {
			recommendation_id: recommendationId,
			body
		})
	);
}

export async function signMinorityStatement(
	supabase: SupabaseClient,
	statementId: string,
	sign: boolean
): Promise<void> {
	unwrap(await rpc(supabase).rpc('sign_minority_statement', { statement_id: statementId, sign }));
}

/** Freezes an adopted recommendation at its latest version; returns the SHA-256 of its text. */
export async function freezeRecommendation(
	supabase: SupabaseClient,
	recommendationId: string
): Promise<string> {
	return unwrap(
		await rpc(supabase).rpc('freeze_recommendation', { recommendation_id: recommendationId })
	);
}

/** Records the handover date, the phase and the handover mark, in one transaction. */
export async function recordHandover(
	supabase: SupabaseClient,
	assemblyId: string,
	handoverOn: string
): Promise<number> {
	return unwrap(
		await rpc(supabase).rpc('record_handover', {
			assembly_id: assemblyId,
			handover_on: handoverOn
		})
	);
}
