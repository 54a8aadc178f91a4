import type { SupabaseClient } from '@supabase/supabase-js';
import type { BudgetEvent, BudgetEventKind } from '$lib/budget-calendar';
import { api, unwrap } from './api';

/** The year's budget calendar of the assembly's municipality (set dates, defaults for the rest). */
export async function budgetCalendar(
	supabase: SupabaseClient,
	assemblyId: string,
	year: number
): Promise<BudgetEvent[]> {
	return unwrap(
		await api(supabase).rpc('budget_calendar', { assembly_id: assemblyId, year }, { get: true })
	);
}

/** Sets one event (a null start returns it to the default). */
export async function setBudgetEvent(
	supabase: SupabaseClient,
	assemblyId: string,
	input: { year: number; kind: BudgetEventKind; starts_on: string | null; ends_on: string | null }
) {
	unwrap(await api(supabase).rpc('set_budget_event', { assembly_id: assemblyId, ...input }));
}
