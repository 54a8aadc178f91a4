import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { getSession } from '$lib/server/sessions';
import { tablePlan } from '$lib/server/tables';
import { tablesFromSeats } from '$lib/sessions/table-plan';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, session, plan] = await Promise.all([
		requireRole(params.assemblyId, ['facilitator', 'admin']),
		getSession(locals.supabase, params.sessionId),
		tablePlan(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });
	const nameOf = new Map(plan.members.map((member) => [member.id, member.name]));
	const tables = plan.plan
		? tablesFromSeats(plan.seats, plan.plan.table_count).map((table) =>
				table.map((id) => nameOf.get(id) ?? '').sort((a, b) => a.localeCompare(b, 'da'))
			)
		: [];
	return { assembly, session, tables };
}) satisfies PageServerLoad;
