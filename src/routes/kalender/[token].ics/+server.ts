import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { icsResponse } from '$lib/server/calendar';
import { calendarFeed } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/**
 * A person's calendar subscription: every session of their assemblies, moved and cancelled ones
 * included, so the subscribing calendar stays current. The secret token is the only credential;
 * an unknown or revoked token gives 404.
 */
export const GET = (async ({ params, locals, url }) => {
	const sessions = await calendarFeed(locals.supabase, params.token);
	if (!sessions) error(404, { message: 'Not found' });
	return icsResponse(sessions, `Samråd: ${m.plan_title()}`, url.origin, 'samraad.ics');
}) satisfies RequestHandler;
