import { redirect } from '@sveltejs/kit';
import { ORGANISERS } from '$lib/server/attendance-guards';
import { requireRole } from '$lib/server/guards';
import { endKiosk, kioskAssembly, kioskSignIn } from '$lib/server/kiosk';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/**
 * The kiosk's idle sign-out: the page's timer (or, without JavaScript, a refresh after a minute)
 * comes here. On a kiosk device it ends the member's session, on the server too, and shows the
 * sign-in for the next member; elsewhere it does nothing.
 */
export const load = (async ({ cookies, locals }) => {
	const assemblyId = kioskAssembly(cookies);
	if (!assemblyId) redirect(303, '/');
	if (locals.session) await locals.auth.signOut();
	redirect(303, kioskSignIn(assemblyId));
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	/**
	 * Ends kiosk mode on this device: only an organiser of the kiosk's assembly (signed in on it),
	 * so a member cannot leave the tablet to keep the next member signed in.
	 */
	end: async ({ cookies, locals }) => {
		const assemblyId = kioskAssembly(cookies);
		if (!assemblyId) redirect(303, '/');
		await requireRole(assemblyId, [...ORGANISERS]);
		await locals.auth.signOut();
		endKiosk(cookies);
		redirect(303, '/');
	}
} satisfies Actions);
