import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { formValues, parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { diffText, paragraphsOf } from '$lib/recommendations/diff';
import {
	amendmentSchema,
	commentSchema,
	decisionSchema,
	openVoteSchema,
	plenaryVoteSchema,
	saveVersionSchema,
	signSchema,
	statementSchema,
	supportVoteSchema
} from '$lib/schemas/recommendation';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import { renderMarkdown } from '$lib/server/markdown';
import { parseVersionForm, refusalFailure } from '$lib/server/recommendation-forms';
import {
	addMinorityStatement,
	castSupportVote,
	closeAmendmentVote,
	closeSupportVote,
	commentOnRecommendation,
	decideAmendment,
	freezeRecommendation,
	getRecommendation,
	openSupportVote,
	proposeAmendment,
	saveRecommendation,
	signMinorityStatement,
	voteOnAmendment
} from '$lib/server/recommendations';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const READERS = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;
const WORKERS = ['member', 'facilitator', 'admin'] as const;
const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params, locals, url }) => {
	const assembly = await requireRole(params.assemblyId, [...READERS]);
	const rec = await getRecommendation(locals.supabase, params.recommendationId);
	const latest = rec?.versions[0];
	if (!rec || !latest || rec.assembly_id !== params.assemblyId) {
		error(404, { message: 'Not found' });
	}
	const shown = rec.versions.find((v) => v.version === rec.frozen_version) ?? latest;
	// Compare two versions (?fra=&til=); by default the one before the latest with the latest.
	const pick = (name: string, fallback: number) => {
		const n = Number(url.searchParams.get(name));
		return rec.versions.some((v) => v.version === n) ? n : fallback;
	};
	const from = pick('fra', rec.versions[1]?.version ?? latest.version);
	const to = pick('til', latest.version);
	const before = rec.versions.find((v) => v.version === from) ?? latest;
	const after = rec.versions.find((v) => v.version === to) ?? latest;
	return {
		assembly,
		rec,
		shown: {
			...shown,
			bodyHtml: renderMarkdown(shown.body_md),
			rationaleHtml: renderMarkdown(shown.rationale_md)
		},
		latest,
		paragraphs: paragraphsOf(latest.body_md),
		compare:
			rec.versions.length > 1
				? {
						from,
						to,
						title: diffText(before.title, after.title),
						body: diffText(before.body_md, after.body_md)
					}
				: null,
		amendmentDiffs: Object.fromEntries(
			rec.amendments.map((a) => [a.id, diffText(a.original_text, a.proposed_text)])
		)
	};
}) satisfies PageServerLoad;

const idOnly = (name: string) => z.object({ [name]: z.uuid('field_choice') });

export const actions = mapRefusals({
	save: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...WORKERS]);
		const formData = await request.formData();
		const parsed = parseVersionForm(saveVersionSchema, formData, 'save');
		if (!parsed.ok) return parsed.failure;
		try {
			await saveRecommendation(
				locals.supabase,
				params.recommendationId,
				parsed.data.based_on,
				parsed.fields
			);
		} catch (caught) {
			if (caught instanceof ApiError && caught.details === 'version_conflict') {
				// Keep their text, show them what changed in between, and let them save over it knowingly.
				const rec = await getRecommendation(locals.supabase, params.recommendationId);
				const latest = rec?.versions[0];
				if (!latest) error(404, { message: 'Not found' });
				const values = formValues(formData);
				values.welfare_area_ids = formData.getAll('welfare_area_ids').join(',');
				return fail(409, {
					form: 'save',
					values: { ...values, based_on: String(latest.version) },
					errors: { _form: m.rec_error_version_conflict() },
					conflict: {
						version: latest.version,
						author: latest.author ?? null,
						title: diffText(latest.title, parsed.fields.title),
						body: diffText(latest.body_md, parsed.fields.body_md)
					}
				});
			}
			return refusalFailure(caught, 'save', formValues(formData));
		}
		return { form: 'save', saved: true };
	},
	comment: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...WORKERS]);
		const formData = await request.formData();
		const name = `comment-${String(formData.get('parent_id') || 'new')}`;
		const parsed = parseForm(commentSchema, formData);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		try {
			await commentOnRecommendation(
				locals.supabase,
				params.recommendationId,
				parsed.data.body,
				parsed.data.parent_id
			);
		} catch (caught) {
			return refusalFailure(caught, name, formValues(formData), 'body');
		}
		return { form: name, saved: true };
	},
	propose: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const formData = await request.formData();
		const parsed = parseForm(amendmentSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'propose', ...parsed.failure.data });
		try {
			await proposeAmendment(locals.supabase, params.recommendationId, parsed.data);
		} catch (caught) {
			return refusalFailure(caught, 'propose', formValues(formData), 'proposed_text');
		}
		return { form: 'propose', saved: true };
	},
	decide: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...WORKERS]);
		const formData = await request.formData();
		const parsed = parseForm(decisionSchema, formData);
		if (!parsed.ok) return parsed.failure;
		const name = `amendment-${parsed.data.amendment_id}`;
		try {
			await decideAmendment(locals.supabase, parsed.data.amendment_id, parsed.data.decision);
		} catch (caught) {
			return refusalFailure(caught, name, formValues(formData));
		}
		return { form: name, saved: true };
	},
	plenaryVote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const formData = await request.formData();
		const parsed = parseForm(plenaryVoteSchema, formData);
		if (!parsed.ok) return parsed.failure;
		const name = `amendment-${parsed.data.amendment_id}`;
		try {
			await voteOnAmendment(locals.supabase, parsed.data.amendment_id, parsed.data.choice);
		} catch (caught) {
			return refusalFailure(caught, name, formValues(formData));
		}
		return { form: name, saved: true };
	},
	closePlenary: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const formData = await request.formData();
		const parsed = parseForm(idOnly('amendment_id'), formData);
		if (!parsed.ok) return parsed.failure;
		const amendmentId = String(parsed.data.amendment_id);
		try {
			await closeAmendmentVote(locals.supabase, amendmentId);
		} catch (caught) {
			return refusalFailure(caught, `amendment-${amendmentId}`, formValues(formData));
		}
		return { form: `amendment-${amendmentId}`, saved: true };
	},
	openVote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const formData = await request.formData();
		const parsed = parseForm(openVoteSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'vote', ...parsed.failure.data });
		try {
			await openSupportVote(locals.supabase, params.recommendationId, parsed.data.session_id);
		} catch (caught) {
			return refusalFailure(caught, 'vote', formValues(formData), 'session_id');
		}
		return { form: 'vote', saved: true };
	},
	vote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const formData = await request.formData();
		const parsed = parseForm(supportVoteSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'vote', ...parsed.failure.data });
		try {
			await castSupportVote(locals.supabase, params.recommendationId, parsed.data.choice);
		} catch (caught) {
			return refusalFailure(caught, 'vote', formValues(formData), 'choice');
		}
		return { form: 'vote', saved: true, voted: true };
	},
	closeVote: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		try {
			await closeSupportVote(locals.supabase, params.recommendationId);
		} catch (caught) {
			return refusalFailure(caught, 'vote', {});
		}
		return { form: 'vote', saved: true };
	},
	statement: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const formData = await request.formData();
		const parsed = parseForm(statementSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'statement', ...parsed.failure.data });
		try {
			await addMinorityStatement(locals.supabase, params.recommendationId, parsed.data.body);
		} catch (caught) {
			return refusalFailure(caught, 'statement', formValues(formData), 'body');
		}
		return { form: 'statement', saved: true };
	},
	sign: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const formData = await request.formData();
		const parsed = parseForm(signSchema, formData);
		if (!parsed.ok) return parsed.failure;
		try {
			await signMinorityStatement(locals.supabase, parsed.data.statement_id, parsed.data.sign);
		} catch (caught) {
			return refusalFailure(caught, `statement-${parsed.data.statement_id}`, {});
		}
		return { form: `statement-${parsed.data.statement_id}`, saved: true };
	},
	freeze: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		try {
			await freezeRecommendation(locals.supabase, params.recommendationId);
		} catch (caught) {
			return refusalFailure(caught, 'freeze', {});
		}
		return { form: 'freeze', saved: true };
	}
} satisfies Actions);
