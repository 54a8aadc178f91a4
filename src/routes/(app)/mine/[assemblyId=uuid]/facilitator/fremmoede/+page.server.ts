import { attendanceByGroup, attendanceByMember } from '$lib/server/attendance';
import { requireOrganiser } from '$lib/server/attendance-guards';
import { sessionPlan } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, members, groups, plan] = await Promise.all([
		requireOrganiser(params.assemblyId),
		attendanceByMember(locals.supabase, params.assemblyId),
		attendanceByGroup(locals.supabase, params.assemblyId),
		sessionPlan(locals.supabase, params.assemblyId)
	]);
	const sessions = plan.sessions
		.filter((session) => !session.is_candidate)
		.map(({ id, title, starts_at, cancelled_at }) => ({ id, title, starts_at, cancelled_at }));
	return { assembly, members, groups, sessions, canExport: assembly.my_roles.includes('admin') };
}) satisfies PageServerLoad;
