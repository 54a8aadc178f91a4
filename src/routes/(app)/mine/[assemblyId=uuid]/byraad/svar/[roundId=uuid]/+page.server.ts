import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { markPendingSchema, responseSchema } from '$lib/schemas/council';
import { ApiError } from '$lib/server/api';
import { today } from '$lib/server/clock';
import { requireRole } from '$lib/server/guards';
import { dispatchMail } from '$lib/server/mail/outbox';
import {
	discardResponseDraft,
	markRestPending,
	publishCorrection,
	publishRound,
	responseOverview,
	saveResponse
} from '$lib/server/council';
import { hearingResponses, hearings } from '$lib/server/hearings';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['council']);
	const overview = await responseOverview(locals.supabase, params.assemblyId, today());
	const round = overview.rounds.find((r) => r.id === params.roundId);
	if (!round) error(404, { message: 'Not found' });
	const items = overview.recommendations.map((rec) => {
		const versions = rec.responses
			.filter((r) => r.round_id === round.id)
			.sort((a, b) => b.version - a.version);
		return {
			id: rec.id,
			number: rec.number,
			kind: rec.kind,
			title: rec.title,
			draft: versions.find((r) => r.published_at === null) ?? null,
			published: versions.find((r) => r.published_at !== null) ?? null
		};
	});
	// The hearing responses a response can cite: those of the assembly's closed hearings.
	const closed = (await hearings(locals.supabase, params.assemblyId)).filter((h) => h.is_closed);
	const citable = (
		await Promise.all(
			closed.map(async (hearing) =>
				(await hearingResponses(locals.supabase, hearing.id)).map((response) => ({
					id: response.id,
					party_name: response.party_name,
					hearing_title: hearing.title,
					recommendation_ids: response.items.map((item) => item.recommendation_id)
				}))
			)
		)
	).flat();
	return { assembly, round, today: overview.today, items, citable };
}) satisfies PageServerLoad;

/** The database's refusals, said beside the form they concern. */
function refusal(caught: unknown): string | null {
	if (!(caught instanceof ApiError)) return null;
	if (caught.details === 'round_incomplete') return m.resp_error_incomplete();
	if (caught.details === 'citation_unknown') return m.resp_error_citation();
	if (caught.details === 'response_published' || caught.details === 'round_published')
		return m.resp_error_published();
	if (caught.details === 'not_handed_over') return m.resp_error_not_handed_over();
	if (caught.code === '42501') return m.resp_error_forbidden();
	return null;
}

const responseRef = z.object({ response_id: z.uuid('field_required') });

export const actions = mapRefusals({
	save: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['council']);
		const form = await request.formData();
		const name = `rec-${String(form.get('recommendation_id'))}`;
		const parsed = parseForm(responseSchema, form, ['cited']);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		try {
			await saveResponse(locals.supabase, params.roundId, parsed.data);
		} catch (caught) {
			const message = refusal(caught);
			if (message) return fieldFailure(name, formValues(form), '_form', message);
			throw caught;
		}
		return { form: name, saved: true };
	},
	discard: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['council']);
		const parsed = parseForm(responseRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await discardResponseDraft(locals.supabase, parsed.data.response_id);
		return { form: 'discard', saved: true };
	},
	publishCorrection: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['council']);
		const parsed = parseForm(responseRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await publishCorrection(locals.supabase, parsed.data.response_id);
		return { form: 'correction', saved: true };
	},
	markPending: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['council']);
		const parsed = parseForm(markPendingSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'pending', ...parsed.failure.data });
		const count = await markRestPending(
			locals.supabase,
			params.roundId,
			parsed.data.committee,
			parsed.data.reason
		);
		return { form: 'pending', saved: true, count };
	},
	publish: async ({ params, locals, url }) => {
		await requireRole(params.assemblyId, ['council']);
		try {
			await publishRound(locals.supabase, params.roundId);
		} catch (caught) {
			const message = refusal(caught);
			if (message) return fieldFailure('publish', {}, '_form', message);
			throw caught;
		}
		// The round's mails to the panel and the subscribers were queued with it; send them now.
		await dispatchMail(url.origin);
		return { form: 'publish', saved: true };
	}
} satisfies Actions);
