import { fail } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import { parseForm } from '$lib/forms';
import { randomValuesSchema, startDrawSchema } from '$lib/schemas/draw';
import { ApiError } from '$lib/server/api';
import {
	assemblyDraws,
	cancelDraw,
	completeDraw,
	enterRandomValues,
	instanceFor,
	startDraw
} from '$lib/server/draws';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/** The draw a form names by `draw_id`, if it is one of this assembly's (else null, not a 500). */
async function namedDraw(supabase: SupabaseClient, assemblyId: string, formData: FormData) {
	const drawId = formData.get('draw_id');
	return (await assemblyDraws(supabase, assemblyId)).find((d) => d.id === drawId) ?? null;
}

export const load = (async ({ params, locals, depends }) => {
	depends('app:draws');
	const [assembly, draws, instance] = await Promise.all([
		requireRole(params.assemblyId, ['admin', 'facilitator']),
		assemblyDraws(locals.supabase, params.assemblyId),
		instanceFor(locals.supabase, params.assemblyId).catch(() => null)
	]);
	return {
		assembly,
		draws,
		poolSize: instance?.pool.length ?? 0,
		k: instance?.k ?? 0,
		isAdmin: assembly.my_roles.includes('admin')
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	start: async ({ params, request, locals }) => {
		const assembly = await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(startDrawSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'start', ...parsed.failure.data });
		const result = await startDraw(locals.supabase, params.assemblyId, assembly.title, parsed.data);
		if (!result.started) return fail(400, { form: 'start', feasibility: result.feasibility });
		return { form: 'start', started: true };
	},
	cancel: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const draw = await namedDraw(locals.supabase, params.assemblyId, await request.formData());
		if (!draw) return fail(400, { form: 'cancel', problem: m.error_not_found() });
		try {
			await cancelDraw(locals.supabase, draw.id);
		} catch (error) {
			// A draw already finished or cancelled: the database refuses, the page says so.
			if (error instanceof ApiError && error.status < 500)
				return fail(400, { form: 'cancel', problem: m.error_not_found() });
			throw error;
		}
		return { form: 'cancel', saved: true };
	},
	enter: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin', 'facilitator']);
		const formData = await request.formData();
		const draw = await namedDraw(locals.supabase, params.assemblyId, formData);
		const drawId = draw?.id ?? '';
		if (!draw || draw.status !== 'committed')
			return fail(400, { form: 'enter', errors: { value_0: m.error_not_found() } });
		const parsed = parseForm(randomValuesSchema(draw.random_sources.length), formData);
		if (!parsed.ok) return fail(400, { form: 'enter', ...parsed.failure.data });
		try {
			await enterRandomValues(locals.supabase, drawId, parsed.data);
		} catch (error) {
			if (error instanceof ApiError && error.code === '23505') {
				return fail(400, { form: 'enter', errors: { value_0: m.draw_entered_by_me() } });
			}
			throw error;
		}
		return { form: 'enter', saved: true };
	},
	draw: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const draw = await namedDraw(locals.supabase, params.assemblyId, await request.formData());
		if (!draw || draw.status !== 'committed')
			return fail(400, { form: 'draw', problem: m.error_not_found() });
		const result = await completeDraw(locals.supabase, draw.id);
		if (!result.ok) {
			const details = result.problems
				.map((p) =>
					p.message === 'two_entries_needed' ? m.draw_two_needed() : `${p.source}: ${p.message}`
				)
				.join(' ');
			return fail(400, { form: 'draw', problem: details });
		}
		return { form: 'draw', saved: true };
	}
} satisfies Actions);
