import { json } from '@sveltejs/kit';
import { requireOrganiser } from '$lib/server/attendance-guards';
import { screenState } from '$lib/server/attendance-screen';
import type { RequestHandler } from './$types';

/**
 * The console's and the projector's live state, polled about once a second: the current item and
 * its start, the counts, and the check-in code (its QR only when it changed since `?have=`).
 * No personal data. Polling a small JSON document is the simple robust choice here: it works the
 * same on every database target and behind any proxy or load balancer, and a missed poll heals itself.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	await requireOrganiser(params.assemblyId);
	const state = await screenState(
		locals.supabase,
		params.assemblyId,
		params.sessionId,
		url.origin,
		url.searchParams.get('have')
	);
	return json(state, { headers: { 'cache-control': 'no-store' } });
};
