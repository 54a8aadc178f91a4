import type { SupabaseClient } from '@supabase/supabase-js';
import { api, unwrap } from './api';

export interface DeletionRequest {
	id: string;
	person_id: string;
	full_name: string;
	requested_at: string;
	carried_out_at: string | null;
}

/** Everything the platform holds that is linked to the signed-in person, as one JSON object. */
export async function myData(supabase: SupabaseClient): Promise<Record<string, unknown>> {
	return unwrap(await api(supabase).rpc('my_data', {}, { get: true })) as Record<string, unknown>;
}

/** Records the signed-in person's request for deletion (once; asking again changes nothing). */
export async function requestDeletion(supabase: SupabaseClient): Promise<string> {
	return unwrap(await api(supabase).rpc('request_deletion')) as string;
}

/** The deletion requests of an assembly's people (administrators), open ones first. */
export async function deletionRequests(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<DeletionRequest[]> {
	return unwrap(
		await api(supabase).rpc('deletion_requests', { assembly_id: assemblyId }, { get: true })
	) as DeletionRequest[];
}

/** Erases the person of a request now (their administrator). */
export async function carryOutDeletion(supabase: SupabaseClient, requestId: string): Promise<void> {
	unwrap(await api(supabase).rpc('carry_out_deletion', { request_id: requestId }));
}
