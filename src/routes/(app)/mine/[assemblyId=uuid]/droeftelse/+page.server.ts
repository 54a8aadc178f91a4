import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { threadSchema } from '$lib/schemas/deliberation';
import {
	deliberationDigestEnabled,
	deliberationFieldError,
	deliberationThreads,
	openDeliberationThread,
	setDeliberationDigest
} from '$lib/server/deliberation';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const READERS = ['member', 'facilitator', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...READERS]);
	const isMember = assembly.my_roles.includes('member');
	const [threads, digestEnabled] = await Promise.all([
		deliberationThreads(locals.supabase, params.assemblyId),
		isMember ? deliberationDigestEnabled(locals.supabase, params.assemblyId) : false
	]);
	return {
		assembly,
		threads,
		digestEnabled,
		isMember,
		isOrganiser: assembly.my_roles.some((role) => role === 'facilitator' || role === 'admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	openThread: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['facilitator', 'admin']);
		const form = await request.formData();
		const parsed = parseForm(threadSchema, form);
		if (!parsed.ok) return fail(400, { form: 'thread', ...parsed.failure.data });
		try {
			await openDeliberationThread(locals.supabase, params.assemblyId, parsed.data);
		} catch (error) {
			const refusal = deliberationFieldError(error);
			if (refusal) {
				return fieldFailure('thread', formValues(form), refusal.field, refusal.message);
			}
			throw error;
		}
		return { form: 'thread', saved: true };
	},
	digest: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(
			z.object({ enabled: z.enum(['true', 'false'], 'field_choice') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		await setDeliberationDigest(locals.supabase, params.assemblyId, parsed.data.enabled === 'true');
		return { form: 'digest', saved: true };
	}
} satisfies Actions);
