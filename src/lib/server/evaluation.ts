import type { SupabaseClient } from '@supabase/supabase-js';
import { api, unwrap } from './api';

/**
 * Typed calls to the evaluation API (supabase/migrations/20261203120200_create_evaluation.sql).
 * Row types are written once, here.
 */

export type Audience = 'member' | 'organiser';
export type Criterion = 'design_integrity' | 'deliberative_experience' | 'pathways_to_impact';

export interface EvaluationItem {
	key: string;
	audience: Audience;
	criterion: Criterion;
	kind: 'likert' | 'text';
	position: number;
}

export interface ItemResult extends Omit<EvaluationItem, 'position'> {
	n: number;
	hidden: boolean;
	mean: number | null;
	distribution: number[] | null;
	texts: string[] | null;
}

export interface EvaluationResults {
	min_group: number;
	respondents: Partial<Record<Audience, number>>;
	items: ItemResult[];
}

export interface EvaluationRecords {
	sessions: {
		title: string;
		starts_at: string;
		counts: { members: number; present: number; reported_absent: number; expected: number };
	}[];
	exercises: { title: string; kind: string; published_rounds: number }[];
	recommendations: Record<string, number>;
	audit: { seq: number; at: string; action: string; hash: string }[];
}

export async function evaluationItems(supabase: SupabaseClient): Promise<EvaluationItem[]> {
	return unwrap(await api(supabase).rpc('evaluation_items', {}, { get: true }));
}

/** The questionnaires the caller may answer here, and whether they did. */
export async function myEvaluations(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<{ audience: Audience; answered: boolean }[]> {
	return unwrap(
		await api(supabase).rpc('my_evaluations', { assembly_id: assemblyId }, { get: true })
	);
}

/** Records one questionnaire, once and anonymously: { item key: 1–5 or text }. */
export async function submitEvaluation(
	supabase: SupabaseClient,
	assemblyId: string,
	audience: Audience,
	answers: Record<string, number | string>
) {
	unwrap(
		await api(supabase).rpc('submit_evaluation', { assembly_id: assemblyId, audience, answers })
	);
}

export async function evaluationResults(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<EvaluationResults> {
	return unwrap(
		await api(supabase).rpc('evaluation_results', { assembly_id: assemblyId }, { get: true })
	);
}

export async function evaluationRecords(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<EvaluationRecords> {
	return unwrap(
		await api(supabase).rpc('evaluation_records', { assembly_id: assemblyId }, { get: true })
	);
}
