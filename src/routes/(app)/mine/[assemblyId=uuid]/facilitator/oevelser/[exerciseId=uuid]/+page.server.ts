import { error, fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { validateConfig, type ConfigIssue } from '$lib/exercises';
import { formValues, parseForm } from '$lib/forms';
import { allocationSettingsSchema } from '$lib/schemas/exercise';
import { ApiError } from '$lib/server/api';
import { ORGANISERS } from '$lib/server/attendance-guards';
import { assemblyExercises, saveExercise } from '$lib/server/exercises';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

async function exerciseFor(locals: App.Locals, assemblyId: string, exerciseId: string) {
	const exercise = (await assemblyExercises(locals.supabase, assemblyId)).find(
		(candidate) => candidate.id === exerciseId
	);
	if (!exercise) error(404, { message: 'Not found' });
	return exercise;
}

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...ORGANISERS]);
	const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
	return {
		assembly,
		exercise,
		// The database refuses any change once a round has opened; the page says so up front.
		frozen: exercise.rounds.some((round) => round.status !== 'draft')
	};
}) satisfies PageServerLoad;

/** A settings problem the tally library found, as a message beside the field it concerns. */
function issueField(issue: ConfigIssue): [string, string] {
	const id = issue.optionId ?? '';
	switch (issue.key) {
		case 'config_min_above_max':
			return [`min_${id}`, m.settings_min_above_max()];
		case 'config_locked_above_max':
			return [`locked_${id}`, m.settings_locked_above_max()];
		case 'config_off_step':
			return id ? [`min_${id}`, m.field_whole_number()] : ['_form', m.exercise_error_config()];
		case 'config_infeasible':
			return [
				'_form',
				m.settings_infeasible({
					total: issue.params?.total ?? 0,
					floors: issue.params?.floors ?? 0,
					ceilings: issue.params?.ceilings ?? 0
				})
			];
		default:
			return [id ? `min_${id}` : '_form', m.exercise_error_config()];
	}
}

export const actions = mapRefusals({
	save: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
		if (exercise.config.kind !== 'allocation') error(404, { message: 'Not found' });
		const form = await request.formData();
		const ids = exercise.config.options.map((option) => option.optionId);
		const parsed = parseForm(allocationSettingsSchema(ids), form);
		if (!parsed.ok) return parsed.failure;
		const data = parsed.data;
		const config = {
			...exercise.config,
			options: exercise.config.options.map((option) => ({
				optionId: option.optionId,
				min: Number(data[`min_${option.optionId}`]),
				max: Number(data[`max_${option.optionId}`]),
				locked: Number(data[`locked_${option.optionId}`])
			}))
		};
		const issues = validateConfig(config);
		if (issues.length > 0) {
			const errors: Record<string, string> = {};
			for (const issue of issues) {
				const [field, message] = issueField(issue);
				errors[field] ??= message;
			}
			return fail(400, { values: formValues(form), errors });
		}
		const options = exercise.options.map((option) => ({
			...option,
			more: String(data[`more_${option.id}`] ?? '') || undefined,
			less: String(data[`less_${option.id}`] ?? '') || undefined
		}));
		try {
			await saveExercise(locals.supabase, params.assemblyId, exercise.id, {
				session_id: exercise.session_id,
				title: exercise.title,
				question: exercise.question,
				kind: exercise.kind,
				config,
				options,
				only_checked_in: exercise.only_checked_in
			});
		} catch (caught) {
			if (caught instanceof ApiError && caught.details === 'exercise_frozen') {
				return fail(400, { values: formValues(form), errors: { _form: m.settings_frozen() } });
			}
			throw caught;
		}
		return { saved: true };
	}
} satisfies Actions);
