import { error } from '@sveltejs/kit';
import type { SupabaseClient } from '@supabase/supabase-js';
import QRCode from 'qrcode';
import { checkInUrl } from '$lib/attendance/code';
import { ApiError } from './api';
import { checkInCode, sessionLive, type CheckInCode, type SessionLive } from './attendance';
import {
	assemblyExercises,
	roundProgress,
	roundResults,
	shownRound,
	type Exercise,
	type RoundResult
} from './exercises';

export interface ScreenCode extends CheckInCode {
	/** The address the QR code carries, also shown as text for a camera that fails. */
	link: string;
	/** The QR code as SVG; null when the caller already has this code. */
	qr: string | null;
}

/** A round's aggregate result the facilitator shows on the projector. */
export interface ScreenReveal {
	round_id: string;
	title: string;
	number: number;
	options: Exercise['options'];
	result: RoundResult;
}

/** What the console and the projector show: the live state and the current check-in code. */
export interface ScreenState {
	live: SessionLive;
	/** Null when the session is cancelled or only a candidate date (no check-in). */
	code: ScreenCode | null;
	/** The result shown on the projector, or null. */
	reveal: ScreenReveal | null;
}

/**
 * Reads the live state and shows the current code (which keeps self check-in open for it). 404 for a
 * session that is missing or belongs to another assembly than the URL's.
 */
export async function screenState(
	supabase: SupabaseClient,
	assemblyId: string,
	sessionId: string,
	origin: string,
	have: string | null = null
): Promise<ScreenState> {
	let live: SessionLive;
	let code: CheckInCode | null;
	let shown: string | null;
	try {
		[live, code, shown] = await Promise.all([
			sessionLive(supabase, sessionId),
			checkInCode(supabase, sessionId).catch((caught: unknown) => {
				if (caught instanceof ApiError && caught.details === 'session_not_held') return null;
				throw caught;
			}),
			shownRound(supabase, sessionId)
		]);
	} catch (caught) {
		if (caught instanceof ApiError && caught.code === 'PT404') error(404, { message: 'Not found' });
		throw caught;
	}
	if (live.session.assembly_id !== assemblyId) error(404, { message: 'Not found' });
	const exercises = await assemblyExercises(supabase, assemblyId);
	const [voted, reveal] = await Promise.all([
		votedInSession(supabase, exercises, sessionId),
		revealOf(supabase, exercises, shown)
	]);
	live = { ...live, voted };
	if (!code) return { live, code: null, reveal };
	const link = checkInUrl(origin, code.code);
	const qr =
		have === code.code
			? null
			: await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
	return { live, code: { ...code, link, qr }, reveal };
}

/** The shown round's stored aggregates (already suppressed below five ballots), or null. */
async function revealOf(
	supabase: SupabaseClient,
	exercises: Exercise[],
	roundId: string | null
): Promise<ScreenReveal | null> {
	if (!roundId) return null;
	const exercise = exercises.find((candidate) => candidate.rounds.some((r) => r.id === roundId));
	const round = exercise?.rounds.find((r) => r.id === roundId);
	if (!exercise || !round) return null;
	const result = await roundResults(supabase, roundId);
	if (!result) return null;
	return {
		round_id: roundId,
		title: exercise.title,
		number: round.number,
		options: exercise.options,
		result
	};
}

/** How many have voted in the open round of this session's exercise (counts only), or null. */
async function votedInSession(
	supabase: SupabaseClient,
	exercises: Exercise[],
	sessionId: string
): Promise<number | null> {
	const round = exercises
		.filter((exercise) => exercise.session_id === sessionId)
		.flatMap((exercise) => exercise.rounds)
		.find((candidate) => candidate.status === 'open');
	return round ? (await roundProgress(supabase, round.id)).cast : null;
}
