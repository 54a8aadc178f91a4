import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import {
	addPersonSchema,
	assemblySchema,
	removeRoleSchema,
	welfareAreaSchema
} from '$lib/schemas/assembly';
import { ApiError } from '$lib/server/api';
import {
	addPersonWithRole,
	assemblyPeople,
	removeRole,
	updateAssembly,
	updateWelfareArea
} from '$lib/server/assemblies';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const [assembly, people] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		assemblyPeople(locals.supabase, params.assemblyId)
	]);
	return { assembly, people };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	saveAssembly: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(assemblySchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'assembly', ...parsed.failure.data });
		await updateAssembly(locals.supabase, params.assemblyId, parsed.data);
		return { form: 'assembly', saved: true };
	},
	saveArea: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const form = await request.formData();
		const parsed = parseForm(welfareAreaSchema, form);
		if (!parsed.ok)
			return fail(400, {
				form: `area-${parsed.failure.data.values.welfare_area_id}`,
				...parsed.failure.data
			});
		const { welfare_area_id, ...update } = parsed.data;
		try {
			await updateWelfareArea(locals.supabase, welfare_area_id, update);
		} catch (error) {
			if (error instanceof ApiError && error.code === '23505') {
				return fieldFailure(
					`area-${welfare_area_id}`,
					formValues(form),
					'name',
					m.duplicate_area()
				);
			}
			throw error;
		}
		return { form: `area-${welfare_area_id}`, saved: true };
	},
	addPerson: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const form = await request.formData();
		const parsed = parseForm(addPersonSchema, form);
		if (!parsed.ok) return fail(400, { form: 'person', ...parsed.failure.data });
		try {
			await addPersonWithRole(locals.supabase, params.assemblyId, parsed.data);
		} catch (error) {
			if (error instanceof ApiError && error.code === '23505') {
				return fieldFailure('person', formValues(form), 'role', m.duplicate_role());
			}
			throw error;
		}
		return { form: 'person', added: parsed.data.full_name };
	},
	removeRole: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(removeRoleSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		await removeRole(locals.supabase, params.assemblyId, parsed.data.person_id, parsed.data.role);
		return { form: 'remove', removed: true };
	}
} satisfies Actions);
