import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { hideSchema, postIdSchema, postSchema } from '$lib/schemas/deliberation';
import {
	deliberationFieldError,
	deliberationPosts,
	deliberationThreads,
	moderateDeliberationPost,
	setDeliberationThreadState,
	setMindChanged,
	writeDeliberationPost
} from '$lib/server/deliberation';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, ['member', 'facilitator', 'admin']);
	const [threads, posts] = await Promise.all([
		deliberationThreads(locals.supabase, params.assemblyId),
		deliberationPosts(locals.supabase, params.threadId)
	]);
	const thread = threads.find((candidate) => candidate.id === params.threadId);
	if (!thread) error(404, { message: 'Not found' });
	return {
		assembly,
		thread,
		posts,
		isMember: assembly.my_roles.includes('member'),
		isOrganiser: assembly.my_roles.some((role) => role === 'facilitator' || role === 'admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	post: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member', 'facilitator', 'admin']);
		const form = await request.formData();
		const name = form.get('parent_id') ? `reply-${String(form.get('parent_id'))}` : 'post';
		const parsed = parseForm(postSchema, form);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		try {
			await writeDeliberationPost(locals.supabase, params.threadId, parsed.data);
		} catch (failure) {
			const refusal = deliberationFieldError(failure);
			if (refusal) return fieldFailure(name, formValues(form), refusal.field, refusal.message);
			throw failure;
		}
		return { form: name, saved: true };
	},
	mind: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const parsed = parseForm(
			postIdSchema.extend({ changed: z.enum(['true', 'false'], 'field_choice') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		await setMindChanged(locals.supabase, parsed.data.post_id, parsed.data.changed === 'true');
		return { form: 'mind', saved: true };
	},
	hide: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(hideSchema, form);
		if (!parsed.ok) {
			return fail(400, { form: `hide-${String(form.get('post_id'))}`, ...parsed.failure.data });
		}
		await moderateDeliberationPost(locals.supabase, parsed.data.post_id, {
			hide: true,
			reason: parsed.data.reason,
			pin: null
		});
		return { form: `hide-${parsed.data.post_id}`, saved: true };
	},
	moderate: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(
			postIdSchema.extend({ change: z.enum(['unhide', 'pin', 'unpin'], 'field_choice') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		const { post_id, change } = parsed.data;
		await moderateDeliberationPost(locals.supabase, post_id, {
			hide: change === 'unhide' ? false : null,
			reason: null,
			pin: change === 'unhide' ? null : change === 'pin'
		});
		return { form: 'moderate', saved: true };
	},
	threadState: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(
			z.object({
				closed: z.enum(['true', 'false'], 'field_choice'),
				published: z.enum(['true', 'false'], 'field_choice')
			}),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		await setDeliberationThreadState(locals.supabase, params.threadId, {
			closed: parsed.data.closed === 'true',
			published: parsed.data.published === 'true'
		});
		return { form: 'state', saved: true };
	}
} satisfies Actions);
