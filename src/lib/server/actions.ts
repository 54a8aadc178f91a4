import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from './api';

/** The HTTP status and message of a database refusal no action handled itself, or null. */
export function refusalAnswer(caught: unknown): { status: number; message: string } | null {
	if (!(caught instanceof ApiError)) return null;
	// Something that is not there, or not there for this caller (RLS hides it).
	if (caught.code === 'PT404' || caught.code === 'P0002') {
		return { status: 404, message: m.error_not_found() };
	}
	if (caught.code === '42501') return { status: 403, message: m.error_forbidden() };
	// The data was refused (a class 22 or 23 error, or a function's own refusal, e.g. a thing that
	// belongs to another assembly or is no longer in a state to change): the request's fault.
	if (/^(22|23|P0)/.test(caught.code)) {
		return { status: caught.code === '23505' ? 409 : 400, message: m.error_refused() };
	}
	return null;
}

/**
 * A route's form actions, each answering the database's refusals that it does not handle itself
 * with a 4xx page rather than a 500: an id that is gone or not the caller's (404), a role the
 * database refuses (403), data it refuses (400, or 409 for a duplicate). The actions map the
 * refusals a person can act on beside the field; these are the ones a form of the app does not
 * send (a stale page, a forged post). Every `export const actions` goes through this (a test in
 * actions.test.ts checks), so there is one mapping.
 */
export function mapRefusals<T extends Record<string, (event: never) => unknown>>(actions: T): T {
	const wrapped: Record<string, (event: never) => Promise<unknown>> = {};
	for (const [name, action] of Object.entries(actions)) {
		wrapped[name] = async (event) => {
			try {
				return await action(event);
			} catch (caught) {
				const answer = refusalAnswer(caught);
				if (!answer) throw caught;
				error(answer.status, { message: answer.message });
			}
		};
	}
	return wrapped as T;
}
