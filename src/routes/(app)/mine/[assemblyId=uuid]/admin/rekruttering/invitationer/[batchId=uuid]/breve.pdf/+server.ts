import { lettersDocument, makeLetters, registerUrlOf } from '$lib/recruitment/letters';
import { requireRole } from '$lib/server/guards';
import { htmlToPdf } from '$lib/server/pdf';
import { listInvitations } from '$lib/server/recruitment';
import type { RequestHandler } from './$types';

/** The batch's letters to print, as a PDF: one A4 page per unused code, as on the letters page. */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	const [assembly, invitations] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		listInvitations(locals.supabase, params.batchId)
	]);
	const letters = await makeLetters(
		invitations.filter((invitation) => !invitation.used),
		url.origin
	);
	const pdf = await htmlToPdf(lettersDocument(letters, assembly, registerUrlOf(url.origin)));
	return new Response(pdf, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="breve-${params.batchId.slice(0, 8)}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};
