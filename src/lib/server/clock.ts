import { getRequestEvent } from '$app/server';
import { env } from '$env/dynamic/private';
import { todayInCopenhagen } from '$lib/format';

/** The cookie an end-to-end test sets to move "today" forward; read only when enabled below. */
export const TEST_CLOCK_COOKIE = 'samraad-test-today';

/**
 * Today's calendar date in Copenhagen, as the response clocks read it. Only when the server was
 * started with `SAMRAAD_TEST_CLOCK=cookie` (the Playwright config does; nothing else should) may a
 * request move it with the cookie above. The database moves "today" forward only, never back
 * (private.response_today), so even a misconfigured server cannot make a round look on time.
 */
export function today(): string {
	const real = todayInCopenhagen();
	if (env.SAMRAAD_TEST_CLOCK !== 'cookie') return real;
	const override = getRequestEvent().cookies.get(TEST_CLOCK_COOKIE);
	return override && /^\d{4}-\d{2}-\d{2}$/.test(override) ? override : real;
}
