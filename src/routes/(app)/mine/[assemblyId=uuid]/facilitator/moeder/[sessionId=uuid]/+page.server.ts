import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { agendaItemSchema, cancelSchema, sessionSchema } from '$lib/schemas/session';
import { requireRole } from '$lib/server/guards';
import {
	cancelSession,
	deleteAgendaItem,
	deleteCandidateSession,
	getSession,
	moveAgendaItem,
	reinstateSession,
	saveAgendaItem,
	saveSession,
	sessionFieldError
} from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';

const ORGANISERS = ['facilitator', 'admin'] as const;
const itemRef = z.object({ item_id: z.uuid('field_required') });
const moveRef = itemRef.extend({ direction: z.enum(['up', 'down'], 'field_choice') });

export const load = (async ({ params, locals, url }) => {
	const [assembly, session] = await Promise.all([
		requireRole(params.assemblyId, [...ORGANISERS]),
		getSession(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });
	return { assembly, session, created: url.searchParams.has('oprettet') };
}) satisfies PageServerLoad;

export const actions = {
	save: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(sessionSchema, form);
		if (!parsed.ok) return fail(400, { form: 'session', ...parsed.failure.data });
		try {
			await saveSession(locals.supabase, params.assemblyId, params.sessionId, parsed.data);
		} catch (error) {
			const refusal = sessionFieldError(error);
			if (refusal) return fieldFailure('session', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		return { form: 'session', saved: true };
	},
	cancel: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(cancelSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'cancel', ...parsed.failure.data });
		await cancelSession(locals.supabase, params.sessionId, parsed.data.reason);
		return { form: 'cancel', saved: true };
	},
	reinstate: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		await reinstateSession(locals.supabase, params.sessionId);
		return { form: 'cancel', reinstated: true };
	},
	remove: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		try {
			await deleteCandidateSession(locals.supabase, params.sessionId);
		} catch (error) {
			const refusal = sessionFieldError(error);
			if (refusal) return fieldFailure('remove', {}, refusal.field, refusal.message);
			throw error;
		}
		redirect(303, `/mine/${params.assemblyId}/facilitator/moeder`);
	},
	saveItem: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const itemId = String(form.get('item_id') ?? '') || null;
		const name = itemId ? `item-${itemId}` : 'new-item';
		const parsed = parseForm(agendaItemSchema, form);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		if (itemId && !z.uuid().safeParse(itemId).success) error(400, { message: 'Bad request' });
		await saveAgendaItem(locals.supabase, params.sessionId, itemId, parsed.data);
		return { form: name, saved: true };
	},
	moveItem: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(moveRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await moveAgendaItem(
			locals.supabase,
			parsed.data.item_id,
			parsed.data.direction === 'up' ? -1 : 1
		);
		return { form: 'move', saved: true };
	},
	deleteItem: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(itemRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await deleteAgendaItem(locals.supabase, parsed.data.item_id);
		return { form: 'delete-item', saved: true };
	}
} satisfies Actions;
