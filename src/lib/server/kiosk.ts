import type { Cookies } from '@sveltejs/kit';

/**
 * Kiosk mode: a shared tablet at a session on which members take turns. A facilitator starts it on
 * the tablet (which signs the facilitator out); from then on the tablet signs each member out after
 * their ballot and after an idle minute. The cookie only marks the device: it grants nothing, and
 * signing out always ends the session on the server too (the local adapter revokes its row).
 */
const COOKIE = 'samraad_kiosk';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The assembly this device is a kiosk for, or null. */
export function kioskAssembly(cookies: Cookies): string | null {
	const value = cookies.get(COOKIE) ?? '';
	return UUID.test(value) ? value : null;
}

export function startKiosk(cookies: Cookies, assemblyId: string) {
	cookies.set(COOKIE, assemblyId, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// A session day; the facilitator can end it sooner on the sign-in page.
		maxAge: 12 * 3600
	});
}

export function endKiosk(cookies: Cookies) {
	cookies.delete(COOKIE, { path: '/' });
}

/** Where a member signs in on the kiosk: the exercises of its assembly come next. */
export const kioskSignIn = (assemblyId: string) =>
	`/log-ind?next=${encodeURIComponent(`/mine/${assemblyId}/oevelser`)}`;
