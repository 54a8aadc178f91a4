import type { SupabaseClient } from '@supabase/supabase-js';
import {
	allocationShares,
	approvalValues,
	bordaValues,
	guard,
	MIN_BALLOTS,
	opinionShift,
	pairsToShow,
	pointsShares,
	statementValues,
	tallyAllocation,
	tallyApproval,
	tallyBorda,
	tallyPairwise,
	tallyPoints,
	tallySchulze,
	tallyStatements,
	type Ballot,
	type ExerciseConfig,
	type ExerciseKind,
	type JudgedPair,
	type OptionId,
	type PairwiseBallot,
	type PairwiseConfig,
	type RoundBallot
} from '$lib/exercises';
import type { OptionText } from '$lib/exercise-setup';
import { api, unwrap } from './api';
import { runtime, supabaseFor } from './runtime';

/**
 * Typed calls to the exercises API (supabase/migrations/20261125210000_create_exercises.sql) and
 * the tally at close: the service role reads the closed round's ballots (no key leads to a person),
 * the tally library computes the aggregates, and only those are stored for people to read.
 */

export type RoundStatus = 'draft' | 'open' | 'closed' | 'published';

export interface Round {
	id: string;
	number: number;
	status: RoundStatus;
	opened_at: string | null;
	closed_at: string | null;
	published_at: string | null;
	i_voted: boolean;
}

export interface Exercise {
	id: string;
	session_id: string | null;
	title: string;
	question: string;
	kind: ExerciseKind;
	config: ExerciseConfig;
	options: OptionText[];
	only_checked_in: boolean;
	rounds: Round[];
}

export interface Receipt {
	receipt_code: string;
	cast_at: string;
	changed: boolean;
}

export interface RoundResult {
	ballot_count: number;
	result: StoredResult;
	receipt_codes: string[];
	computed_at: string;
}

/** The aggregates stored for a round: the method's tallies, and the shift from the round before. */
export interface StoredResult {
	kind: ExerciseKind;
	tallies: Record<string, unknown>;
	shift: unknown | null;
	paper: number;
}

export async function assemblyExercises(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<Exercise[]> {
	return unwrap(
		await api(supabase).rpc('assembly_exercises', { assembly_id: assemblyId }, { get: true })
	);
}

/**
 * The settings of exercises with an open round, remembered for a few seconds by the vote action:
 * its fast path parses and checks a ballot against them and casts it in one call, instead of
 * reading the assembly's exercises first on every post. An open round's settings cannot change (the
 * database freezes them), and `cast_ballot` checks again everything that decides (that the caller
 * is a member, that the round is still open, that the ballot fits the settings), so a stale entry
 * can only lead to a refusal, after which the action reads afresh. Filled only from a read the
 * caller's own RLS allowed; a refused or invalid ballot is answered after such a read, so nobody
 * learns an exercise's settings from it.
 */
const openRounds = new Map<string, { config: ExerciseConfig; roundId: string; until: number }>();
const OPEN_ROUND_MS = 10_000;
const OPEN_ROUNDS_MAX = 1000;

export function rememberOpenRound(assemblyId: string, exercise: Exercise): void {
	const key = `${assemblyId}:${exercise.id}`;
	const open = exercise.rounds.find((round) => round.status === 'open');
	if (!open) {
		openRounds.delete(key);
		return;
	}
	if (openRounds.size >= OPEN_ROUNDS_MAX) openRounds.delete(openRounds.keys().next().value!);
	openRounds.set(key, {
		config: exercise.config,
		roundId: open.id,
		until: Date.now() + OPEN_ROUND_MS
	});
}

export function rememberedOpenRound(
	assemblyId: string,
	exerciseId: string
): { config: ExerciseConfig; roundId: string } | null {
	const key = `${assemblyId}:${exerciseId}`;
	const known = openRounds.get(key);
	if (!known) return null;
	if (known.until > Date.now()) return known;
	openRounds.delete(key);
	return null;
}

export function forgetOpenRound(assemblyId: string, exerciseId: string): void {
	openRounds.delete(`${assemblyId}:${exerciseId}`);
}

export async function saveExercise(
	supabase: SupabaseClient,
	assemblyId: string,
	exerciseId: string | null,
	input: {
		session_id: string | null;
		title: string;
		question: string;
		kind: ExerciseKind;
		config: ExerciseConfig;
		options: OptionText[];
		only_checked_in: boolean;
	}
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('save_exercise', {
			assembly_id: assemblyId,
			exercise_id: exerciseId,
			...input
		})
	);
}

export async function moveRound(
	supabase: SupabaseClient,
	roundId: string,
	to: 'open' | 'closed' | 'published'
) {
	const fn = { open: 'open_round', closed: 'close_round', published: 'publish_round' }[to];
	unwrap(await api(supabase).rpc(fn, { round_id: roundId }));
}

export async function addRound(supabase: SupabaseClient, exerciseId: string): Promise<string> {
	return unwrap(await api(supabase).rpc('add_round', { exercise_id: exerciseId }));
}

export async function castBallot(
	supabase: SupabaseClient,
	roundId: string,
	ballot: Ballot,
	idempotencyKey: string
): Promise<Receipt> {
	return unwrap(
		await api(supabase).rpc('cast_ballot', {
			round_id: roundId,
			content: ballot,
			idempotency_key: idempotencyKey
		})
	);
}

export async function castPaperBallot(
	supabase: SupabaseClient,
	roundId: string,
	personId: string,
	ballot: Ballot,
	idempotencyKey: string
): Promise<Receipt> {
	return unwrap(
		await api(supabase).rpc('cast_paper_ballot', {
			round_id: roundId,
			person_id: personId,
			content: ballot,
			idempotency_key: idempotencyKey
		})
	);
}

export async function myBallot(
	supabase: SupabaseClient,
	roundId: string
): Promise<{ content: Ballot; receipt_code: string; cast_at: string } | null> {
	return unwrap(await api(supabase).rpc('my_ballot', { round_id: roundId }, { get: true }));
}

export async function roundProgress(
	supabase: SupabaseClient,
	roundId: string
): Promise<{ cast: number; paper: number; members: number }> {
	return unwrap(await api(supabase).rpc('round_progress', { round_id: roundId }, { get: true }));
}

/** Shows a closed round's result on the session's projector, or hides it (`roundId` null). */
export async function showRoundOnScreen(
	supabase: SupabaseClient,
	sessionId: string,
	roundId: string | null
): Promise<void> {
	unwrap(
		await api(supabase).rpc('show_round_on_screen', { session_id: sessionId, round_id: roundId })
	);
}

/** Which round's result the session's projector shows, or null. */
export async function shownRound(
	supabase: SupabaseClient,
	sessionId: string
): Promise<string | null> {
	return unwrap(await api(supabase).rpc('shown_round', { session_id: sessionId }, { get: true }));
}

export async function roundResults(
	supabase: SupabaseClient,
	roundId: string
): Promise<RoundResult | null> {
	return unwrap(await api(supabase).rpc('round_results', { round_id: roundId }, { get: true }));
}

/** The tallies of one method for a set of ballots (all of one kind). */
export function tallyRound(config: ExerciseConfig, ballots: Ballot[]): Record<string, unknown> {
	switch (config.kind) {
		case 'allocation':
			return { allocation: tallyAllocation(config, ballots as never) };
		case 'ranking':
			return {
				borda: tallyBorda(config, ballots as never),
				schulze: tallySchulze(config, ballots as never)
			};
		case 'pairwise':
			return { bradleyTerry: tallyPairwise(config, ballots as never) };
		case 'points':
			return { points: tallyPoints(config, ballots as never) };
		case 'approval':
			return { approval: tallyApproval(config, ballots as never) };
		case 'statements':
			return { statements: tallyStatements(config, ballots as never) };
	}
}

/** Per-ballot values the opinion shift compares, per kind (pairwise has none per ballot). */
function valuesOf(config: ExerciseConfig): ((ballot: Ballot) => Record<string, number>) | null {
	switch (config.kind) {
		case 'allocation':
			return (ballot) => allocationShares(config, ballot as never);
		case 'ranking':
			return (ballot) => bordaValues(config, ballot as never);
		case 'points':
			return (ballot) => pointsShares(config, ballot as never);
		case 'approval':
			return (ballot) => approvalValues(config, ballot as never);
		case 'statements':
			return (ballot) => statementValues(config, ballot as never);
		default:
			return null;
	}
}

const optionIds = (config: ExerciseConfig): string[] =>
	config.kind === 'allocation'
		? config.options.map((option) => option.optionId)
		: config.kind === 'statements'
			? config.statements
			: config.options;

/** An exercise's ballots as the tally reads them: no key in them leads to a person. */
interface TallyRow {
	round_id: string;
	round_number: number;
	pair_key: string;
	channel: 'device' | 'paper';
	content: Ballot;
}

/** Every round's ballots of an exercise, read with the service role (only aggregates leave). */
async function ballotsForTally(exerciseId: string): Promise<TallyRow[]> {
	const service = supabaseFor(runtime().serviceKey, 'http://localhost');
	return unwrap(
		await api(service).rpc('ballots_for_tally', { exercise_id: exerciseId }, { get: true })
	);
}

/**
 * The pairs a member's pairwise ballot shows in an open round: their judged pairs, then the pairs
 * least settled by the round's ballots so far (the service role reads them; only the choice of
 * pairs leaves this function). Below five ballots the tally is not used, as for any result, and
 * the pairs come in a seeded random order. The seed is the round and the member's account, so a
 * reload shows the same pairs until others' ballots move the tally.
 */
export async function pairsForMember(
	exercise: Exercise & { config: PairwiseConfig },
	roundId: string,
	userId: string,
	mine: PairwiseBallot | null
): Promise<[OptionId, OptionId][]> {
	const ballots = (await ballotsForTally(exercise.id))
		.filter((row) => row.round_id === roundId && row.content.kind === 'pairwise')
		.map((row) => row.content as PairwiseBallot);
	const tally = tallyPairwise(exercise.config, ballots.length >= MIN_BALLOTS ? ballots : []);
	const judged: JudgedPair[] = mine?.judgements ?? [];
	return pairsToShow(exercise.config, tally, judged, `${roundId}:${userId}`);
}

/**
 * Computes and stores the result of a closed round with the service role: the tallies (hidden below
 * five ballots) and the opinion shift from the round before, from ballots paired by pseudonym.
 */
export async function computeResults(exercise: Exercise, roundId: string): Promise<void> {
	const service = supabaseFor(runtime().serviceKey, 'http://localhost');
	const rows = await ballotsForTally(exercise.id);
	const round = exercise.rounds.find((r) => r.id === roundId);
	if (!round) throw new Error('Round not in exercise');
	const these = rows.filter((row) => row.round_id === roundId);
	const ballots = these.map((row) => row.content);
	const tallies = guard(ballots, (b) => tallyRound(exercise.config, [...b]));
	const previous = rows.filter((row) => row.round_number === round.number - 1);
	const values = valuesOf(exercise.config);
	const toRound = (list: typeof rows): RoundBallot<Ballot>[] =>
		list.map((row) => ({ pseudonym: row.pair_key, ballot: row.content }));
	const shift =
		previous.length > 0 && values
			? opinionShift(optionIds(exercise.config), toRound(previous), toRound(these), values)
			: null;
	const result: StoredResult = {
		kind: exercise.kind,
		tallies: tallies as unknown as Record<string, unknown>,
		shift,
		paper: these.filter((row) => row.channel === 'paper').length
	};
	unwrap(
		await api(service).rpc('store_results', {
			round_id: roundId,
			ballot_count: ballots.length,
			result
		})
	);
}
