import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { copenhagenInstant } from '$lib/copenhagen-time';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { hearingPartySchema, hearingSchema } from '$lib/schemas/deliberation';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import {
	addHearingParty,
	closeHearing,
	hearingParties,
	hearingRefusal,
	hearings,
	mailHearingLinks,
	openHearing
} from '$lib/server/hearings';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

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

export const actions = mapRefusals({
	open: async ({ params, request, locals, url }) => {
		const assembly = await requireRole(params.assemblyId, [...SECRETARIAT]);
		const form = await request.formData();
		const parsed = parseForm(hearingSchema, form);
		if (!parsed.ok) return fail(400, { form: 'open', ...parsed.failure.data });
		const { title, description, deadline_date, deadline_time, parties } = parsed.data;
		const deadline_at = copenhagenInstant(deadline_date, deadline_time);
		let created;
		try {
			created = await openHearing(locals.supabase, params.assemblyId, {
				title,
				description,
				deadline_at,
				parties: parties.map(({ name }) => ({ name }))
			});
		} catch (error) {
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure('open', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		const links = created.map((link) => ({
			name: link.name,
			email: parties.find((party) => party.name === link.name)?.email ?? null,
			url: `${url.origin}/hoering/${link.token}`
		}));
		const mailed = await mailHearingLinks(links, {
			title,
			deadline_at,
			assembly_title: assembly.title
		});
		// Shown this once: the database keeps only each token's hash, and no address.
		return {
			form: 'open',
			saved: true,
			links: links.map((link) => ({ ...link, mailed: mailed.get(link.name) ?? null }))
		};
	},
	addParty: async ({ params, request, locals, url }) => {
		const assembly = await requireRole(params.assemblyId, [...SECRETARIAT]);
		const form = await request.formData();
		const parsed = parseForm(hearingPartySchema, form);
		const formName = `party-${String(form.get('hearing_id') ?? '')}`;
		if (!parsed.ok) return fail(400, { form: formName, ...parsed.failure.data });
		const { hearing_id, name, email } = parsed.data;
		const hearing = (await hearings(locals.supabase, params.assemblyId)).find(
			(candidate) => candidate.id === hearing_id
		);
		if (!hearing) return fieldFailure(formName, formValues(form), '_form', m.field_choice());
		let created;
		try {
			created = await addHearingParty(locals.supabase, hearing_id, name);
		} catch (error) {
			if (error instanceof ApiError && error.code === '23505') {
				return fieldFailure(formName, formValues(form), 'name', m.field_hearing_parties_unique());
			}
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure(formName, formValues(form), '_form', refusal.message);
			throw error;
		}
		const link = { name: created.name, email, url: `${url.origin}/hoering/${created.token}` };
		const mailed = await mailHearingLinks([link], {
			title: hearing.title,
			deadline_at: hearing.deadline_at,
			assembly_title: assembly.title
		});
		return {
			form: 'open',
			saved: true,
			links: [{ ...link, mailed: mailed.get(link.name) ?? null }]
		};
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
			// Not an open hearing of this secretariat's (closed already, or someone else's).
			if (error instanceof ApiError && error.code === 'PT404')
				return fieldFailure('close', {}, '_form', m.hearing_error_closed());
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure('close', {}, refusal.field, refusal.message);
			throw error;
		}
		return { form: 'close', saved: true };
	}
} satisfies Actions);
