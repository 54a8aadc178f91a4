import { unsubscribe } from '$lib/server/council';
import type { RequestHandler } from './$types';

/**
 * RFC 8058 one-click unsubscribe: the mail program POSTs "List-Unsubscribe=One-Click" to the
 * address in the List-Unsubscribe header (from its own servers, so hooks.server.ts lets this one
 * address through the cross-site form check; the token is the authorisation).
 */
export const POST: RequestHandler = async ({ locals, url }) => {
	const token = url.searchParams.get('t') ?? '';
	const assemblyId = token ? await unsubscribe(locals.supabase, token) : null;
	return new Response(null, { status: assemblyId ? 200 : 404 });
};
