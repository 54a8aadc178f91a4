import { requireOrganiser } from '$lib/server/attendance-guards';
import { screenState } from '$lib/server/attendance-screen';
import { eventStream } from '$lib/server/live';
import type { RequestHandler } from './$types';

/**
 * The console's and the projector's live state as server-sent events: the current item, the
 * counts (never who), the check-in code (its QR only when the code changed) and the result shown on
 * the projector. Sent when something changes; `live.json` stays for screens without EventSource.
 */
export const GET: RequestHandler = async ({ params, locals, url }) => {
	await requireOrganiser(params.assemblyId);
	let have: string | null = null;
	// Checked once before streaming, so a wrong session is a plain 404.
	const first = await screenState(locals.supabase, params.assemblyId, params.sessionId, url.origin);
	let pending: typeof first | null = first;
	return eventStream(async () => {
		const state =
			pending ??
			(await screenState(locals.supabase, params.assemblyId, params.sessionId, url.origin, have));
		pending = null;
		have = state.code?.code ?? null;
		return state;
	});
};
