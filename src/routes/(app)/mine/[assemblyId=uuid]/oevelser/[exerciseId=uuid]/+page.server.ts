import { error, fail } from '@sveltejs/kit';
import { validateBallot, type BallotIssue } from '$lib/exercises';
import { ballotFromForm, formFromBallot } from '$lib/exercise-form';
import { formValues } from '$lib/forms';
import { issueMessage } from '$lib/exercise-messages';
import { ApiError } from '$lib/server/api';
import {
	assemblyExercises,
	castBallot,
	myBallot,
	roundProgress,
	roundResults
} from '$lib/server/exercises';
import { requireRole } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

const ROLES = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;

async function exerciseFor(locals: App.Locals, assemblyId: string, exerciseId: string) {
	const exercise = (await assemblyExercises(locals.supabase, assemblyId)).find(
		(candidate) => candidate.id === exerciseId
	);
	if (!exercise) error(404, { message: 'Not found' });
	return exercise;
}

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...ROLES]);
	const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
	const open = exercise.rounds.find((round) => round.status === 'open') ?? null;
	const isMember = assembly.my_roles.includes('member');
	const [mine, progress, results] = await Promise.all([
		open && isMember ? myBallot(locals.supabase, open.id) : null,
		open ? roundProgress(locals.supabase, open.id) : null,
		Promise.all(
			exercise.rounds
				.filter((round) => round.status === 'closed' || round.status === 'published')
				.map(async (round) => ({ round, result: await roundResults(locals.supabase, round.id) }))
		)
	]);
	return {
		assembly,
		exercise,
		open,
		isMember,
		mine: mine ? { receipt_code: mine.receipt_code, cast_at: mine.cast_at } : null,
		values: formFromBallot(exercise.config, mine?.content ?? null),
		progress,
		results: results.filter((entry) => entry.result !== null),
		// A fresh key per form shown: a double submission, or a retry, is the same ballot.
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

export const actions = {
	vote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member']);
		const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
		const open = exercise.rounds.find((round) => round.status === 'open');
		const form = await request.formData();
		const values = formValues(form);
		if (!open)
			return fail(400, { values, errors: { _form: issueMessage({ key: 'round_not_open' }) } });
		const ballot = ballotFromForm(exercise.config, form);
		const issues: BallotIssue[] = validateBallot(exercise.config, ballot);
		if (issues.length > 0) {
			const errors: Record<string, string> = {};
			for (const issue of issues) {
				const field = issue.optionId ?? '_form';
				errors[field] ??= issueMessage(issue);
			}
			return fail(400, { values, errors });
		}
		const key = String(form.get('idempotency_key') ?? '');
		try {
			const receipt = await castBallot(
				locals.supabase,
				open.id,
				ballot,
				/^[0-9a-f-]{36}$/.test(key) ? key : crypto.randomUUID()
			);
			return { receipt };
		} catch (err) {
			if (err instanceof ApiError && (err.code === 'P0001' || err.code === '42501')) {
				return fail(400, {
					values,
					errors: { _form: issueMessage({ key: (err.details ?? 'round_not_open') as never }) }
				});
			}
			throw err;
		}
	}
} satisfies Actions;
