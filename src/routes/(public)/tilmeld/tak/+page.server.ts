import { redirect } from '@sveltejs/kit';
import { finished } from '$lib/server/registration-flow';
import type { PageServerLoad } from './$types';

export const load = (({ cookies }) => {
	const done = finished(cookies);
	if (!done) redirect(303, '/tilmeld');
	return done;
}) satisfies PageServerLoad;
