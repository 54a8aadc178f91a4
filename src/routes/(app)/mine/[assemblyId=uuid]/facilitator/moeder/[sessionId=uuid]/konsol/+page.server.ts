import { error } from '@sveltejs/kit';
import { sessionSupport, stepAgenda } from '$lib/server/attendance';
import { requireOrganiser } from '$lib/server/attendance-guards';
import { screenState } from '$lib/server/attendance-screen';
import { assemblyExercises } from '$lib/server/exercises';
import { getSession } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';

export const load = (async ({ params, locals, url, setHeaders }) => {
	const assembly = await requireOrganiser(params.assemblyId);
	setHeaders({ 'cache-control': 'no-store' });
	const [screen, session, support, exercises] = await Promise.all([
		screenState(locals.supabase, params.assemblyId, params.sessionId, url.origin),
		getSession(locals.supabase, params.sessionId),
		sessionSupport(locals.supabase, params.sessionId),
		assemblyExercises(locals.supabase, params.assemblyId)
	]);
	if (!session) error(404, { message: 'Not found' });
	return {
		assembly,
		screen,
		agenda: session.agenda,
		support,
		exercises: exercises.filter((exercise) => exercise.session_id === params.sessionId)
	};
}) satisfies PageServerLoad;

/** Next, previous and restart: form POSTs, so the console works without JavaScript too. */
async function step(
	{ params, locals }: { params: { assemblyId: string; sessionId: string }; locals: App.Locals },
	by: -1 | 0 | 1
) {
	await requireOrganiser(params.assemblyId);
	await stepAgenda(locals.supabase, params.sessionId, by);
	return { stepped: by };
}

export const actions = {
	next: (event) => step(event, 1),
	previous: (event) => step(event, -1),
	restart: (event) => step(event, 0)
} satisfies Actions;
