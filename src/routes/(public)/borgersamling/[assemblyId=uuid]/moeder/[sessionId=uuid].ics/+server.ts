import { error } from '@sveltejs/kit';
import { icsResponse } from '$lib/server/calendar';
import { getSession } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/** One session as an .ics file, for anyone who can see the assembly (online links only for those taking part). */
export const GET = (async ({ params, locals, url }) => {
	const session = await getSession(locals.supabase, params.sessionId);
	if (!session || session.assembly_id !== params.assemblyId) error(404, { message: 'Not found' });
	return icsResponse([session], session.title, url.origin, `samraad-${session.id.slice(0, 8)}.ics`);
}) satisfies RequestHandler;
