import { ApiError } from '$lib/server/api';
import { checkInWithCode } from '$lib/server/attendance';
import { requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

/**
 * The address in the projector's QR code. Opening it checks in the signed-in person, never anyone
 * named in the URL (it names no one). Checking in on opening is deliberate: one scan is all a member
 * should need, and the only effect is the caller's own attendance at a session whose code is on the
 * screen in front of them (idempotent). Someone signed out signs in and comes back here.
 */
export const load = (async ({ params, locals, setHeaders }) => {
	requireUser();
	setHeaders({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
	try {
		const checkedIn = await checkInWithCode(locals.supabase, params.code);
		return { outcome: 'checked_in' as const, checkedIn };
	} catch (caught) {
		if (caught instanceof ApiError && caught.details === 'check_in_code_expired')
			return { outcome: 'expired' as const, checkedIn: null };
		if (caught instanceof ApiError && caught.details === 'check_in_not_member')
			return { outcome: 'not_member' as const, checkedIn: null };
		throw caught;
	}
}) satisfies PageServerLoad;
