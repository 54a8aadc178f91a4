import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (() => redirect(303, '/')) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ locals }) => {
		await locals.auth.signOut();
		redirect(303, '/');
	}
} satisfies Actions);
