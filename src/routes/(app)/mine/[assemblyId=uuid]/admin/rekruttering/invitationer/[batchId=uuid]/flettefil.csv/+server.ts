import Papa from 'papaparse';
import { formatCode } from '$lib/recruitment/code';
import { requireRole } from '$lib/server/guards';
import { listInvitations } from '$lib/server/recruitment';
import type { RequestHandler } from './$types';

/**
 * The merge file for the municipality's Digital Post sender: `;`-separated UTF-8 with a BOM, so
 * Danish Excel shows æøå.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	await requireRole(params.assemblyId, ['admin']);
	const invitations = await listInvitations(locals.supabase, params.batchId);
	const csv = Papa.unparse(
		{
			fields: ['Kode', 'Navn', 'Adresse', 'Postnr', 'By', 'Område', 'Link', 'Brugt'],
			data: invitations.map((invitation) => [
				formatCode(invitation.code),
				invitation.recipient_name ?? '',
				invitation.address_line ?? '',
				invitation.postal_code ?? '',
				invitation.city ?? '',
				invitation.district ?? '',
				`${url.origin}/tilmeld?kode=${invitation.code}`,
				invitation.used ? 'ja' : 'nej'
			])
		},
		{ delimiter: ';', newline: '\r\n' }
	);
	return new Response(`\uFEFF${csv}\r\n`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="invitationer-${params.batchId.slice(0, 8)}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
