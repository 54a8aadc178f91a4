import { requireOrganiser } from '$lib/server/attendance-guards';
import { screenState } from '$lib/server/attendance-screen';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals, url, setHeaders }) => {
	await requireOrganiser(params.assemblyId);
	setHeaders({ 'cache-control': 'no-store' });
	return {
		screen: await screenState(locals.supabase, params.assemblyId, params.sessionId, url.origin)
	};
}) satisfies PageServerLoad;
