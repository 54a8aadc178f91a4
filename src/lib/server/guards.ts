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

/**
 * The assembly, when the signed-in person holds one of the roles in it. The database enforces the
 * same again: every call below runs as this person under RLS.
 */
export async function requireRole(
	assemblyId: string,
	roles: AssemblyRole[]
): Promise<AssemblyDetail> {
	requireUser();
	const assembly = await getAssembly(getRequestEvent().locals.supabase, assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	if (!assembly.my_roles.some((role) => roles.includes(role))) error(403, { message: 'Forbidden' });
	return assembly;
}
