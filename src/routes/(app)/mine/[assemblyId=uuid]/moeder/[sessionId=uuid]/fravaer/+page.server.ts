import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/forms';
import { absenceSchema } from '$lib/schemas/attendance';
import { ApiError } from '$lib/server/api';
import { myAttendance, reportAbsence, withdrawAbsence } from '$lib/server/attendance';
import { requireRole } from '$lib/server/guards';
import { getSession } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['member']);
	const [session, mine] = await Promise.all([
		getSession(locals.supabase, params.sessionId),
		myAttendance(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== params.assemblyId) error(404, { message: 'Not found' });
	return {
		assembly,
		session: {
			id: session.id,
			title: session.title,
			starts_at: session.starts_at,
			cancelled: session.cancelled_at !== null,
			is_candidate: session.is_candidate,
			started: Date.parse(session.starts_at) <= Date.now()
		},
		absence: mine.absence
	};
}) satisfies PageServerLoad;

function refusal(caught: unknown) {
	if (caught instanceof ApiError && caught.details === 'absence_too_late')
		return fail(400, { message: m.att_absence_too_late() });
	if (caught instanceof ApiError && caught.details === 'session_not_held')
		return fail(400, { message: m.att_session_not_held() });
	throw caught;
}

export const actions = mapRefusals({
	report: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(absenceSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await reportAbsence(locals.supabase, params.sessionId, parsed.data.reason);
		} catch (caught) {
			return refusal(caught);
		}
		return { done: 'reported' as const };
	},
	withdraw: async ({ params, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		await withdrawAbsence(locals.supabase, params.sessionId);
		return { done: 'withdrawn' as const };
	}
} satisfies Actions);
