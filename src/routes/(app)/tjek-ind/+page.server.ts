import { redirect } from '@sveltejs/kit';
import { parseForm } from '$lib/forms';
import { checkInCodeSchema } from '$lib/schemas/attendance';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/** Typing the code from the screen, for a phone whose camera will not read the QR code. */
export const load = (() => {
	requireUser();
	return {};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	default: async ({ request }) => {
		requireUser();
		const parsed = parseForm(checkInCodeSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		redirect(303, `/tjek-ind/${encodeURIComponent(parsed.data.code)}`);
	}
} satisfies Actions);
