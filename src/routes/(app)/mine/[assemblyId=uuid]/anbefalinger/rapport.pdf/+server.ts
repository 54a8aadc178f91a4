import { error } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { requireRole } from '$lib/server/guards';
import { reportDocument } from '$lib/server/handover-report';
import { htmlToPdf } from '$lib/server/pdf';
import { handoverReport } from '$lib/server/recommendations';
import type { RequestHandler } from './$types';

/** The handover report as a PDF, printed by Chromium from the same HTML as the report page. */
export const GET: RequestHandler = async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']);
	const report = await handoverReport(locals.supabase, params.assemblyId);
	if (!report) error(404, { message: 'Not found' });
	const pdf = await htmlToPdf(reportDocument(report, getLocale()));
	return new Response(pdf, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': 'attachment; filename="overleveringsrapport.pdf"',
			'cache-control': 'no-store'
		}
	});
};
