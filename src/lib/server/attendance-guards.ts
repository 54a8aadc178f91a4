import { error } from '@sveltejs/kit';
import { ApiError } from './api';
import { requireRole } from './guards';

/** Who runs sessions: the assembly's facilitators and administrators (the database's "organisers"). */
export const ORGANISERS = ['facilitator', 'admin'] as const;

/** Guards an organiser's session page: the role in the assembly, then the session inside it. */
export async function requireOrganiser(assemblyId: string) {
	return requireRole(assemblyId, [...ORGANISERS]);
}

/**
 * Runs a read of a session that must belong to the assembly in the URL: a missing session, or one of
 * another assembly, is a 404 rather than a page with someone else's data.
 */
export async function sessionOf<T>(
	assemblyId: string,
	read: () => Promise<T>,
	assemblyOf: (value: T) => string
): Promise<T> {
	try {
		const value = await read();
		if (assemblyOf(value) !== assemblyId) error(404, { message: 'Not found' });
		return value;
	} catch (caught) {
		if (caught instanceof ApiError && caught.code === 'PT404') error(404, { message: 'Not found' });
		throw caught;
	}
}
