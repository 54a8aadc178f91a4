import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/forms';
import { attendanceToggleSchema } from '$lib/schemas/attendance';
import { ApiError } from '$lib/server/api';
import { checkInList, setAttendance } from '$lib/server/attendance';
import { requireOrganiser, sessionOf } from '$lib/server/attendance-guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals, url, depends }) => {
	depends('app:check-in');
	const assembly = await requireOrganiser(params.assemblyId);
	const list = await sessionOf(
		params.assemblyId,
		() => checkInList(locals.supabase, params.sessionId),
		(value) => value.session.assembly_id
	);
	return { assembly, list, query: url.searchParams.get('q') ?? '' };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	toggle: async ({ params, request, locals }) => {
		await requireOrganiser(params.assemblyId);
		const parsed = parseForm(attendanceToggleSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			const counts = await setAttendance(
				locals.supabase,
				params.sessionId,
				parsed.data.person_id,
				parsed.data.present
			);
			return { counts, person_id: parsed.data.person_id, present: parsed.data.present };
		} catch (caught) {
			if (caught instanceof ApiError && caught.details === 'session_not_held')
				return fail(400, { message: m.att_session_not_held() });
			if (caught instanceof ApiError && caught.code === 'PT404')
				return fail(404, { message: m.att_not_a_member() });
			throw caught;
		}
	}
} satisfies Actions);
