import { error } from '@sveltejs/kit';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/**
 * PostgREST's RPC contract on the embedded and PostgreSQL targets (off on hosted Supabase, where
 * the real PostgREST serves it). Bearer tokens, not cookies: a browser's session cookie is not
 * read here.
 */
const serve: RequestHandler = ({ request, params }) => {
	const rpc = runtime().rpc;
	if (!rpc) error(404, { message: 'Not found' });
	return rpc.handle(request, params.fn);
};

export const GET = serve;
export const POST = serve;
export const HEAD = serve;
export const fallback = serve;
