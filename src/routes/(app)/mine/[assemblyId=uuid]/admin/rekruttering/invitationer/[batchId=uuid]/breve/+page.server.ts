import QRCode from 'qrcode';
import { formatCode } from '$lib/recruitment/code';
import { requireRole } from '$lib/server/guards';
import { listInvitations } from '$lib/server/recruitment';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const [assembly, invitations] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		listInvitations(locals.supabase, params.batchId)
	]);
	const letters = await Promise.all(
		invitations
			.filter((invitation) => !invitation.used)
			.map(async (invitation) => {
				const link = `${url.origin}/tilmeld?kode=${invitation.code}`;
				return {
					...invitation,
					display: formatCode(invitation.code),
					link,
					qr: await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
				};
			})
	);
	return { assembly, letters, registerUrl: `${url.host}/tilmeld` };
}) satisfies PageServerLoad;
