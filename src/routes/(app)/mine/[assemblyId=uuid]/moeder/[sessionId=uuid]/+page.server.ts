import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { getSession } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, session] = await Promise.all([
		requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']),
		getSession(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });
	return { assembly, session };
}) satisfies PageServerLoad;
