import type { SupabaseClient } from '@supabase/supabase-js';
import { api, unwrap } from './api';
import type { AssemblyPhase, AssemblyRole } from '$lib/roles';
import type { AssemblyDates } from '$lib/timeline';

export type { AssemblyPhase, AssemblyRole };

/**
 * Typed calls to the core API functions. Row types are written once, here, after the `api`
 * functions in supabase/migrations that return them.
 */

export interface WelfareArea {
	id: string;
	name: string;
	description: string;
	budget_mio: number;
	position: number;
}

export interface AssemblyDetail extends AssemblyDates {
	id: string;
	title: string;
	charge: string;
	municipality: string;
	phase: AssemblyPhase;
	is_public: boolean;
	welfare_areas: WelfareArea[];
	role_counts: Partial<Record<AssemblyRole, number>>;
	my_roles: AssemblyRole[];
}

export interface AssemblySummary {
	id: string;
	title: string;
	municipality: string;
	phase: AssemblyPhase;
	handover_on: string | null;
	is_public: boolean;
}

export interface MyAssembly {
	id: string;
	title: string;
	municipality: string;
	phase: AssemblyPhase;
	roles: AssemblyRole[];
}

export interface AssemblyPerson {
	person_id: string;
	full_name: string;
	email: string | null;
	phone: string | null;
	has_account: boolean;
	roles: AssemblyRole[];
}

/** The assemblies this caller may see. */
export async function listAssemblies(supabase: SupabaseClient): Promise<AssemblySummary[]> {
	return unwrap(await api(supabase).rpc('list_assemblies'));
}

/** The caller's assemblies with their roles. */
export async function myAssemblies(supabase: SupabaseClient): Promise<MyAssembly[]> {
	return unwrap(await api(supabase).rpc('my_assemblies'));
}

/** One assembly, or null when it does not exist or is hidden from the caller. */
export async function getAssembly(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AssemblyDetail | null> {
	const result = await api(supabase).rpc(
		'get_assembly',
		{ assembly_id: assemblyId },
		{ get: true }
	);
	if (result.error?.code === 'PT404') return null;
	return unwrap(result);
}

/** The people of an assembly with their roles (administrators and facilitators). */
export async function assemblyPeople(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AssemblyPerson[]> {
	return unwrap(
		await api(supabase).rpc('assembly_people', { assembly_id: assemblyId }, { get: true })
	);
}

export interface AssemblyUpdate {
	title: string;
	charge: string;
	municipality: string;
	phase: AssemblyPhase;
	is_public: boolean;
	recruitment_opens_on: string | null;
	registration_closes_on: string | null;
	first_session_on: string | null;
	last_session_on: string | null;
	handover_on: string | null;
	evaluation_on: string | null;
}

export async function updateAssembly(
	supabase: SupabaseClient,
	assemblyId: string,
	update: AssemblyUpdate
) {
	return unwrap(await api(supabase).rpc('update_assembly', { assembly_id: assemblyId, ...update }));
}

export async function updateWelfareArea(
	supabase: SupabaseClient,
	welfareAreaId: string,
	update: { name: string; description: string; budget_mio: number }
) {
	return unwrap(
		await api(supabase).rpc('update_welfare_area', { welfare_area_id: welfareAreaId, ...update })
	);
}

export async function addPersonWithRole(
	supabase: SupabaseClient,
	assemblyId: string,
	person: { full_name: string; email: string; role: AssemblyRole }
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('add_person_with_role', { assembly_id: assemblyId, ...person })
	);
}

export async function removeRole(
	supabase: SupabaseClient,
	assemblyId: string,
	personId: string,
	role: AssemblyRole
) {
	unwrap(
		await api(supabase).rpc('remove_role', { assembly_id: assemblyId, person_id: personId, role })
	);
}
