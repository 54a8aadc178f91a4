import { error, fail } from '@sveltejs/kit';
import { validateBallot, type BallotIssue } from '$lib/exercises';
import { ballotFromForm, formFromBallot } from '$lib/exercise-form';
import { formValues } from '$lib/forms';
import { issueMessage } from '$lib/exercise-messages';
import { ApiError } from '$lib/server/api';
import { assemblyPeople } from '$lib/server/assemblies';
import {
	assemblyExercises,
	castBallot,
	castPaperBallot,
	forgetOpenRound,
	myBallot,
	pairsForMember,
	rememberedOpenRound,
	rememberOpenRound,
	roundProgress,
	roundResults
} from '$lib/server/exercises';
import { perRequest, requireRole, requireUser } from '$lib/server/guards';
import { kioskAssembly, kioskSignIn } from '$lib/server/kiosk';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/schemas/fields';
import { mapRefusals } from '$lib/server/actions';

const ROLES = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;

/** The exercise, read once per request (casting a ballot does not change its settings). */
async function exerciseFor(locals: App.Locals, assemblyId: string, exerciseId: string) {
	const exercises = await perRequest(`exercises:${assemblyId}`, () =>
		assemblyExercises(locals.supabase, assemblyId)
	);
	const exercise = exercises.find((candidate) => candidate.id === exerciseId);
	if (!exercise) error(404, { message: 'Not found' });
	rememberOpenRound(assemblyId, exercise);
	return exercise;
}

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...ROLES], { reuse: true });
	const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
	const open = exercise.rounds.find((round) => round.status === 'open') ?? null;
	const isMember = assembly.my_roles.includes('member');
	const isOrganiser = assembly.my_roles.some((role) => role === 'facilitator' || role === 'admin');
	const [mine, progress, results, people] = await Promise.all([
		open && isMember ? myBallot(locals.supabase, open.id) : null,
		open ? roundProgress(locals.supabase, open.id) : null,
		Promise.all(
			exercise.rounds
				.filter((round) => round.status === 'closed' || round.status === 'published')
				.map(async (round) => ({ round, result: await roundResults(locals.supabase, round.id) }))
		),
		open && isOrganiser ? assemblyPeople(locals.supabase, params.assemblyId) : []
	]);
	const config = exercise.config;
	// Pairwise: each member is shown their own pairs, chosen adaptively (pairsForMember).
	const pairs =
		open && isMember && config.kind === 'pairwise' && locals.session
			? await pairsForMember(
					{ ...exercise, config },
					open.id,
					locals.session.userId,
					mine?.content.kind === 'pairwise' ? mine.content : null
				)
			: [];
	return {
		assembly,
		exercise,
		open,
		isMember,
		// For a facilitator entering paper ballots: the members, by name only.
		members: people
			.filter((person) => person.roles.includes('member'))
			.map((person) => ({ id: person.person_id, name: person.full_name })),
		mine: mine ? { receipt_code: mine.receipt_code, cast_at: mine.cast_at } : null,
		values: formFromBallot(config, mine?.content ?? null, pairs),
		progress,
		results: results.filter((entry) => entry.result !== null),
		// A fresh key per form shown: a double submission, or a retry, is the same ballot.
		idempotencyKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

/** Reads, checks and casts a ballot from the form: the member's own, or a paper ballot for one. */
async function cast(
	locals: App.Locals,
	params: { assemblyId: string; exerciseId: string },
	request: Request,
	paper: boolean
) {
	const formName = paper ? 'paper' : 'vote';
	const form = await request.formData();
	const given = String(form.get('idempotency_key') ?? '');
	const key = isUuid(given) ? given : crypto.randomUUID();
	// A fresh key for the next ballot from this form (a changed vote, the next paper ballot).
	const nextKey = crypto.randomUUID();
	// The fast path: a valid ballot for an open round whose settings were read moments ago is cast in
	// one call; cast_ballot checks membership, the round and the ballot again. Anything else (a miss,
	// an invalid ballot, a refusal) takes the path below, which reads the exercise as this caller.
	const known = paper ? null : rememberedOpenRound(params.assemblyId, params.exerciseId);
	if (known) {
		const ballot = ballotFromForm(known.config, form);
		if (validateBallot(known.config, ballot).length === 0) {
			try {
				const receipt = await castBallot(locals.supabase, known.roundId, ballot, key);
				return { form: formName, receipt, nextKey };
			} catch (err) {
				if (!(err instanceof ApiError)) throw err;
				forgetOpenRound(params.assemblyId, params.exerciseId);
			}
		}
	}
	const exercise = await exerciseFor(locals, params.assemblyId, params.exerciseId);
	const open = exercise.rounds.find((round) => round.status === 'open');
	const values = formValues(form);
	const refuse = (errors: Record<string, string>) => fail(400, { form: formName, values, errors });
	if (!open) return refuse({ _form: issueMessage({ key: 'round_not_open' }) });
	const personId = String(form.get('person_id') ?? '');
	if (paper && !isUuid(personId)) {
		return refuse({ person_id: issueMessage({ key: 'paper_person_missing' }) });
	}
	const ballot = ballotFromForm(exercise.config, form);
	const issues: BallotIssue[] = validateBallot(exercise.config, ballot);
	if (issues.length > 0) {
		const errors: Record<string, string> = {};
		for (const issue of issues) errors[issue.optionId ?? '_form'] ??= issueMessage(issue);
		return refuse(errors);
	}
	try {
		const receipt = paper
			? await castPaperBallot(locals.supabase, open.id, personId, ballot, key)
			: await castBallot(locals.supabase, open.id, ballot, key);
		return paper
			? { form: formName, paper: receipt, nextKey }
			: { form: formName, receipt, nextKey };
	} catch (err) {
		if (err instanceof ApiError && (err.code === 'P0001' || err.code === '42501')) {
			return refuse({ _form: issueMessage({ key: err.details ?? 'round_not_open' }) });
		}
		throw err;
	}
}

export const actions = mapRefusals({
	vote: async ({ params, request, locals, cookies }) => {
		// Signed in; that the caller is a member of the assembly, cast_ballot decides (42501 below).
		requireUser();
		const result = await cast(locals, params, request, false);
		// On the shared tablet the member is signed out (on the server too) once the ballot is in.
		if (!('status' in result) && kioskAssembly(cookies) === params.assemblyId) {
			await locals.auth.signOut();
			return { ...result, signedOut: true, next: kioskSignIn(params.assemblyId) };
		}
		return result;
	},
	paper: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['facilitator', 'admin'], { reuse: true });
		return cast(locals, params, request, true);
	}
} satisfies Actions);
