import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import {
	agendaItemSchema,
	cancelSchema,
	materialSchema,
	sessionSchema
} from '$lib/schemas/session';
import { acceptedType, MAX_FILE_BYTES, storeFile } from '$lib/server/files';
import { dispatchMail } from '$lib/server/mail/outbox';
import { runtime } from '$lib/server/runtime';
import { requireRole } from '$lib/server/guards';
import {
	addMaterial,
	cancelSession,
	deleteAgendaItem,
	deleteCandidateSession,
	getSession,
	moveAgendaItem,
	publishMaterials,
	reinstateSession,
	removeMaterial,
	saveAgendaItem,
	saveSession,
	sessionFieldError,
	sessionMaterials
} from '$lib/server/sessions';
import { ApiError } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;
const itemRef = z.object({ item_id: z.uuid('field_required') });
const moveRef = itemRef.extend({ direction: z.enum(['up', 'down'], 'field_choice') });

export const load = (async ({ params, locals, url }) => {
	const [assembly, session, materials] = await Promise.all([
		requireRole(params.assemblyId, [...ORGANISERS]),
		getSession(locals.supabase, params.sessionId),
		sessionMaterials(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });
	return { assembly, session, materials, created: url.searchParams.has('oprettet') };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
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
		try {
			await cancelSession(locals.supabase, params.sessionId, parsed.data.reason);
		} catch (caught) {
			// Already cancelled (e.g. a second tab): the database refuses; say so, not a 500.
			if (caught instanceof ApiError && caught.status < 500)
				return fail(400, { form: 'cancel', errors: { reason: m.error_not_found() } });
			throw caught;
		}
		return { form: 'cancel', saved: true };
	},
	reinstate: async ({ params, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		try {
			await reinstateSession(locals.supabase, params.sessionId);
		} catch (caught) {
			// Not cancelled (any more): the database refuses; say so, not a 500.
			if (caught instanceof ApiError && caught.status < 500)
				return fail(400, { form: 'cancel', errors: { _form: m.error_not_found() } });
			throw caught;
		}
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
	addMaterial: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(materialSchema, form);
		if (!parsed.ok) return fail(400, { form: 'material', ...parsed.failure.data });
		const values = formValues(form);
		const upload = form.get('file');
		const file = upload instanceof File && upload.size > 0 ? upload : null;
		if (!file && !parsed.data.url) {
			return fieldFailure('material', values, 'file', m.material_file_or_link());
		}
		if (file && parsed.data.url) {
			return fieldFailure('material', values, 'url', m.material_not_both());
		}
		let stored: { name: string; type: string; size: number; sha256: string } | undefined;
		if (file) {
			const type = acceptedType(file.name);
			if (!type) return fieldFailure('material', values, 'file', m.material_file_type());
			if (file.size > MAX_FILE_BYTES) {
				return fieldFailure('material', values, 'file', m.material_file_size());
			}
			const sha256 = await storeFile(runtime().filesDir, new Uint8Array(await file.arrayBuffer()));
			stored = { name: file.name.slice(-200), type, size: file.size, sha256 };
		}
		await addMaterial(locals.supabase, params.sessionId, { ...parsed.data, file: stored });
		return { form: 'material', saved: true };
	},
	removeMaterial: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(
			z.object({ material_id: z.uuid('field_required') }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		try {
			await removeMaterial(locals.supabase, parsed.data.material_id);
		} catch (error) {
			const refusal = sessionFieldError(error);
			if (refusal) return fieldFailure('publish', {}, refusal.field, refusal.message);
			throw error;
		}
		return { form: 'material-removed', saved: true };
	},
	publish: async ({ params, locals, url }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		let published;
		try {
			published = await publishMaterials(locals.supabase, params.sessionId);
		} catch (error) {
			const refusal = sessionFieldError(error);
			if (refusal) return fieldFailure('publish', {}, refusal.field, refusal.message);
			throw error;
		}
		// The publication is committed; the digests go out now (and are retried if this fails).
		await dispatchMail(url.origin);
		return { form: 'publish', published };
	},
	deleteItem: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(itemRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await deleteAgendaItem(locals.supabase, parsed.data.item_id);
		return { form: 'delete-item', saved: true };
	}
} satisfies Actions);
