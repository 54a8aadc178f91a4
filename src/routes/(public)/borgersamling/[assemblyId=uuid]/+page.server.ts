import { error } from '@sveltejs/kit';
import { todayInCopenhagen } from '$lib/format';
import { getAssembly } from '$lib/server/assemblies';
import { auditHead } from '$lib/server/audit';
import { budgetCalendar } from '$lib/server/budget-calendar';
import { timeline } from '$lib/timeline';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const [assembly, audit] = await Promise.all([
		getAssembly(locals.supabase, params.assemblyId),
		auditHead(locals.supabase, params.assemblyId)
	]);
	if (!assembly) error(404, { message: 'Not found' });
	const today = todayInCopenhagen();
	// The budget year the recommendations can reach: the handover's year (or this year).
	const budgetYear = Number((assembly.handover_on ?? today).slice(0, 4));
	return {
		assembly,
		audit,
		milestones: timeline(assembly, today),
		today,
		budgetYear,
		budgetEvents: await budgetCalendar(locals.supabase, params.assemblyId, budgetYear)
	};
}) satisfies PageServerLoad;
