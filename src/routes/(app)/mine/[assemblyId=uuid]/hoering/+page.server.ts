import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { copenhagenInstant } from '$lib/copenhagen-time';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { hearingSchema } from '$lib/schemas/deliberation';
import { requireRole } from '$lib/server/guards';
import {
	closeHearing,
	hearingParties,
	hearingRefusal,
	hearings,
	openHearing
} from '$lib/server/hearings';
import type { Actions, PageServerLoad } from './$types';

const SECRETARIAT = ['council', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...SECRETARIAT]);
	const list = await hearings(locals.supabase, params.assemblyId);
	const parties = await Promise.all(
		list.map((hearing) => hearingParties(locals.supabase, hearing.id))
	);
	return {
		assembly,
		hearings: list.map((hearing, index) => ({ ...hearing, parties: parties[index] ?? [] })),
		defaultDeadline: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
	};
}) satisfies PageServerLoad;

export const actions = {
	open: async ({ params, request, locals, url }) => {
		await requireRole(params.assemblyId, [...SECRETARIAT]);
		const form = await request.formData();
		const parsed = parseForm(hearingSchema, form);
		if (!parsed.ok) return fail(400, { form: 'open', ...parsed.failure.data });
		const { title, description, deadline_date, deadline_time, parties } = parsed.data;
		try {
			const links = await openHearing(locals.supabase, params.assemblyId, {
				title,
				description,
				deadline_at: copenhagenInstant(deadline_date, deadline_time),
				parties: parties.map(({ name }) => ({ name }))
			});
			// Shown this once: the database keeps only each token's hash, and no address.
			return {
				form: 'open',
				saved: true,
				links: links.map((link) => ({
					name: link.name,
					email: parties.find((party) => party.name === link.name)?.email ?? null,
					url: `${url.origin}/hoering/${link.token}`
				}))
			};
		} catch (error) {
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure('open', formValues(form), refusal.field, refusal.message);
			throw error;
		}
	},
	close: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...SECRETARIAT]);
		const parsed = parseForm(
			z.object({ hearing_id: z.uuid('field_required') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		try {
			await closeHearing(locals.supabase, parsed.data.hearing_id);
		} catch (error) {
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure('close', {}, refusal.field, refusal.message);
			throw error;
		}
		return { form: 'close', saved: true };
	}
} satisfies Actions;
