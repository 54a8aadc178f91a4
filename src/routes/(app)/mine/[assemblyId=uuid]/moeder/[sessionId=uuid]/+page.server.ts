import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/guards';
import { getSession, sessionMaterials } from '$lib/server/sessions';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, session, materials] = await Promise.all([
		requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']),
		getSession(locals.supabase, params.sessionId),
		sessionMaterials(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });
	// What every member has received; organisers' drafts are on their own page.
	return { assembly, session, materials: materials.filter((material) => material.published_at) };
}) satisfies PageServerLoad;
