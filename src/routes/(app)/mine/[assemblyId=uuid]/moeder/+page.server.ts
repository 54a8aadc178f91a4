import { fail } from '@sveltejs/kit';
import { parseForm } from '$lib/forms';
import { availabilitySchema } from '$lib/schemas/session';
import { requireRole } from '$lib/server/guards';
import {
	myAvailability,
	myCalendarFeed,
	renewCalendarFeed,
	revokeCalendarFeed,
	sessionPlan,
	setAvailability
} from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const TAKING_PART = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;

export const load = (async ({ params, locals, url }) => {
	const assembly = await requireRole(params.assemblyId, [...TAKING_PART]);
	const isMember = assembly.my_roles.includes('member');
	const [plan, availability, token] = await Promise.all([
		sessionPlan(locals.supabase, params.assemblyId),
		isMember ? myAvailability(locals.supabase, params.assemblyId) : Promise.resolve({}),
		myCalendarFeed(locals.supabase)
	]);
	return {
		assembly,
		plan,
		isMember,
		availability: availability as Record<string, string>,
		calendarUrl: token ? `${url.origin}/kalender/${token}.ics` : null,
		now: new Date().toISOString()
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	availability: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(availabilitySchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'availability', ...parsed.failure.data });
		await setAvailability(locals.supabase, parsed.data.session_id, parsed.data.answer);
		return { form: 'availability', saved: parsed.data.session_id };
	},
	renewCalendar: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...TAKING_PART]);
		await renewCalendarFeed(locals.supabase);
		return { form: 'calendar', renewed: true };
	},
	revokeCalendar: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...TAKING_PART]);
		await revokeCalendarFeed(locals.supabase);
		return { form: 'calendar', revoked: true };
	}
} satisfies Actions);
