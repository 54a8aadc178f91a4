import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireRole } from '$lib/server/guards';
import { reportBody } from '$lib/server/handover-report';
import { handoverReport } from '$lib/server/recommendations';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [
		'member',
		'facilitator',
		'admin',
		'council',
		'evaluator'
	]);
	const report = await handoverReport(locals.supabase, params.assemblyId);
	if (!report) error(404, { message: 'Not found' });
	// The same markup the PDF prints (rapport.pdf), escaped and sanitised by reportBody.
	return { assembly, html: reportBody(report, getLocale()) };
}) satisfies PageServerLoad;
