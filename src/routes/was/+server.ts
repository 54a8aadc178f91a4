import { redirect } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import type { RequestHandler } from './$types';

/** `/was`: the accessibility statement (the WAS tool's URL for Danish public bodies), configurable. */
export const GET: RequestHandler = () => {
	redirect(307, env.ACCESSIBILITY_STATEMENT_URL || '/tilgaengelighed');
};
