import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { parseForm } from '$lib/forms';
import { answerSchema, askSchema } from '$lib/schemas/session';
import { requireRole } from '$lib/server/guards';
import {
	answerInformationRequest,
	askForInformation,
	informationRequests,
	withdrawInformationRequest
} from '$lib/server/sessions';
import { ApiError } from '$lib/server/api';
import { m } from '$lib/paraglide/messages.js';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [
		'member',
		'facilitator',
		'admin',
		'evaluator'
	]);
	return {
		assembly,
		requests: await informationRequests(locals.supabase, params.assemblyId),
		isMember: assembly.my_roles.includes('member'),
		isOrganiser: assembly.my_roles.some((role) => role === 'facilitator' || role === 'admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	ask: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(askSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'ask', ...parsed.failure.data });
		await askForInformation(
			locals.supabase,
			params.assemblyId,
			parsed.data.kind,
			parsed.data.question
		);
		return { form: 'ask', saved: true };
	},
	answer: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['facilitator', 'admin']);
		const form = await request.formData();
		const parsed = parseForm(answerSchema, form);
		if (!parsed.ok) {
			return fail(400, {
				form: `answer-${String(form.get('request_id'))}`,
				...parsed.failure.data
			});
		}
		const { request_id, status, answer } = parsed.data;
		await answerInformationRequest(locals.supabase, request_id, status, answer);
		return { form: `answer-${request_id}`, saved: true };
	},
	withdraw: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(
			z.object({ request_id: z.uuid('field_required') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		try {
			await withdrawInformationRequest(locals.supabase, parsed.data.request_id);
		} catch (error) {
			// Someone else's, answered or unknown: the database refuses; say so, not a 500.
			if (error instanceof ApiError && error.status < 500)
				return fail(400, { form: 'withdraw', errors: { _form: m.error_not_found() } });
			throw error;
		}
		return { form: 'withdraw', saved: true };
	}
} satisfies Actions);
