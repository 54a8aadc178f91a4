import type { SupabaseClient } from '@supabase/supabase-js';
import type { AuditHead } from '$lib/audit';
import { api, unwrap } from './api';

/** The latest audit entry of an assembly the caller may see, or null when there is none. */
export async function auditHead(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AuditHead | null> {
	const result = await api(supabase).rpc(
		'audit_head',
		{ p_assembly_id: assemblyId },
		{ get: true }
	);
	return unwrap(result) as AuditHead | null;
}
