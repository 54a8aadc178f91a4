import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Session } from './auth/port';
import { getAssembly, type AssemblyDetail, type AssemblyRole } from './assemblies';

/** The signed-in person, or a redirect to sign-in that brings them back here afterwards. */
export function requireUser(): Session {
	const { locals, url } = getRequestEvent();
	if (!locals.session) {
		redirect(303, `/log-ind?next=${encodeURIComponent(url.pathname)}`);
	}
	return locals.session;
}

const memos = new WeakMap<App.Locals, Map<string, Promise<unknown>>>();

/**
 * Runs a read once for the rest of this request: a form post runs its action and then the page's
 * load in one request, and both need the same reads. Only for reads that the request's own write
 * cannot change (the caller's roles when the action does not touch roles, an exercise's settings
 * when the action casts a ballot).
 */
export function perRequest<T>(key: string, read: () => Promise<T>): Promise<T> {
	const { locals } = getRequestEvent();
	let memo = memos.get(locals);
	if (!memo) memos.set(locals, (memo = new Map()));
	if (!memo.has(key)) memo.set(key, read());
	return memo.get(key) as Promise<T>;
}

/**
 * The assembly, when the signed-in person holds one of the roles in it. The database enforces the
 * same again: every call below runs as this person under RLS. `reuse` shares the read with the rest
 * of the request (see `perRequest`), for pages whose actions do not change roles.
 */
export async function requireRole(
	assemblyId: string,
	roles: AssemblyRole[],
	{ reuse = false }: { reuse?: boolean } = {}
): Promise<AssemblyDetail> {
	requireUser();
	const { supabase } = getRequestEvent().locals;
	const assembly = await (reuse
		? perRequest(`assembly:${assemblyId}`, () => getAssembly(supabase, assemblyId))
		: getAssembly(supabase, assemblyId));
	if (!assembly) error(404, { message: 'Not found' });
	if (!assembly.my_roles.some((role) => roles.includes(role))) error(403, { message: 'Forbidden' });
	return assembly;
}
