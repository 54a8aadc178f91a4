import { fail } from '@sveltejs/kit';
import { validateConfig } from '$lib/exercises';
import { buildExercise } from '$lib/exercise-setup';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { exerciseSchema, roundActionSchema } from '$lib/schemas/exercise';
import { ApiError } from '$lib/server/api';
import {
	addRound,
	assemblyExercises,
	computeResults,
	moveRound,
	roundProgress,
	saveExercise
} from '$lib/server/exercises';
import { requireRole } from '$lib/server/guards';
import { sessionPlan } from '$lib/server/sessions';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const [assembly, exercises, plan] = await Promise.all([
		requireRole(params.assemblyId, [...ORGANISERS]),
		assemblyExercises(locals.supabase, params.assemblyId),
		sessionPlan(locals.supabase, params.assemblyId)
	]);
	const open = exercises.flatMap((exercise) =>
		exercise.rounds.filter((round) => round.status === 'open')
	);
	const progress = Object.fromEntries(
		await Promise.all(
			open.map(async (round) => [round.id, await roundProgress(locals.supabase, round.id)] as const)
		)
	);
	return {
		assembly,
		exercises,
		progress,
		sessions: plan.sessions
			.filter((session) => !session.is_candidate && !session.cancelled_at)
			.map(({ id, title, starts_at }) => ({ id, title, starts_at }))
	};
}) satisfies PageServerLoad;

/** The refusal the database gave a lifecycle step, as a message for the exercise it concerns. */
function roundRefusal(error: unknown, exerciseId: string) {
	if (!(error instanceof ApiError)) throw error;
	// An exercise that is not (or no longer) this assembly's: no form to show the error beside.
	if (error.code === 'PT404')
		return fail(404, { form: 'exercises', errors: { _form: m.field_choice() } });
	if (error.code !== 'P0001') throw error;
	const messages: Record<string, () => string> = {
		round_already_open: m.exercise_error_round_open,
		round_not_closed: m.exercise_error_round_not_closed,
		results_missing: m.exercise_error_results_missing,
		round_status_move: m.exercise_error_status
	};
	return fail(400, {
		form: `exercise-${exerciseId}`,
		errors: { _form: (messages[error.details ?? ''] ?? m.exercise_error_status)() }
	});
}

export const actions = mapRefusals({
	create: async ({ params, request, locals }) => {
		const assembly = await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(exerciseSchema, form);
		if (!parsed.ok) return fail(400, { form: 'create', ...parsed.failure.data });
		const { kind, total, statements, only_checked_in, ...rest } = parsed.data;
		const setup = buildExercise(kind, assembly.welfare_areas, total, statements);
		if (validateConfig(setup.config).length > 0) {
			return fieldFailure('create', formValues(form), 'total', m.exercise_error_config());
		}
		await saveExercise(locals.supabase, params.assemblyId, null, {
			...rest,
			kind,
			...setup,
			only_checked_in
		});
		return { form: 'create', saved: true };
	},
	open: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(roundActionSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await moveRound(locals.supabase, parsed.data.round_id, 'open');
		} catch (error) {
			return roundRefusal(error, parsed.data.exercise_id);
		}
		return { form: `exercise-${parsed.data.exercise_id}`, saved: true };
	},
	close: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(roundActionSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await moveRound(locals.supabase, parsed.data.round_id, 'closed');
		} catch (error) {
			return roundRefusal(error, parsed.data.exercise_id);
		}
		// Counted at once: the closed round's ballots become aggregates (hidden below five).
		const exercise = (await assemblyExercises(locals.supabase, params.assemblyId)).find(
			(candidate) => candidate.id === parsed.data.exercise_id
		);
		if (exercise) await computeResults(exercise, parsed.data.round_id);
		return { form: `exercise-${parsed.data.exercise_id}`, saved: true };
	},
	publish: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(roundActionSchema, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await moveRound(locals.supabase, parsed.data.round_id, 'published');
		} catch (error) {
			return roundRefusal(error, parsed.data.exercise_id);
		}
		return { form: `exercise-${parsed.data.exercise_id}`, saved: true };
	},
	addRound: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(
			roundActionSchema.pick({ exercise_id: true }),
			await request.formData()
		);
		if (!parsed.ok) return parsed.failure;
		try {
			await addRound(locals.supabase, parsed.data.exercise_id);
		} catch (error) {
			return roundRefusal(error, parsed.data.exercise_id);
		}
		return { form: `exercise-${parsed.data.exercise_id}`, saved: true };
	}
} satisfies Actions);
