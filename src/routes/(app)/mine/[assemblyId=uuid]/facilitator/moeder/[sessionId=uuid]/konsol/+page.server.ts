import { error, fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { ApiError } from '$lib/server/api';
import { sessionSupport, stepAgenda } from '$lib/server/attendance';
import { requireOrganiser } from '$lib/server/attendance-guards';
import { screenState } from '$lib/server/attendance-screen';
import { assemblyExercises, showRoundOnScreen } from '$lib/server/exercises';
import { kioskSignIn, startKiosk } from '$lib/server/kiosk';
import { getSession } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/schemas/fields';
import { mapRefusals } from '$lib/server/actions';

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

/** Shows a closed round's result on the projector, or hides it: the state is the server's. */
async function reveal(
	{
		params,
		locals,
		request
	}: {
		params: { assemblyId: string; sessionId: string };
		locals: App.Locals;
		request: Request;
	},
	show: boolean
) {
	await requireOrganiser(params.assemblyId);
	const roundId = String((await request.formData()).get('round_id') ?? '');
	if (show && !isUuid(roundId)) {
		return fail(400, { revealError: m.reveal_round_missing() });
	}
	try {
		await showRoundOnScreen(locals.supabase, params.sessionId, show ? roundId : null);
	} catch (caught) {
		if (caught instanceof ApiError && (caught.code === 'P0001' || caught.code === 'PT404')) {
			return fail(400, { revealError: m.reveal_round_not_closed() });
		}
		throw caught;
	}
	return { revealed: show };
}

export const actions = mapRefusals({
	next: (event) => step(event, 1),
	previous: (event) => step(event, -1),
	restart: (event) => step(event, 0),
	reveal: (event) => reveal(event, true),
	hide: (event) => reveal(event, false),
	/** Turns this device into the session's shared tablet: the facilitator is signed out first. */
	kiosk: async ({ params, locals, cookies }) => {
		await requireOrganiser(params.assemblyId);
		await locals.auth.signOut();
		startKiosk(cookies, params.assemblyId);
		redirect(303, kioskSignIn(params.assemblyId));
	}
} satisfies Actions);
