import { letterHtml, makeLetters, registerUrlOf } from '$lib/recruitment/letters';
import { requireRole } from '$lib/server/guards';
import { listInvitations } from '$lib/server/recruitment';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals, url, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const [assembly, invitations] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		listInvitations(locals.supabase, params.batchId)
	]);
	const letters = await makeLetters(
		invitations.filter((invitation) => !invitation.used),
		url.origin
	);
	const registerUrl = registerUrlOf(url.origin);
	return {
		assembly,
		// The same markup the PDF prints (breve.pdf), escaped by letterHtml.
		letters: letters.map((letter) => ({
			code: letter.code,
			html: letterHtml(letter, assembly, registerUrl)
		}))
	};
}) satisfies PageServerLoad;
