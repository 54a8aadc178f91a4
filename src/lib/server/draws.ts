import type { SupabaseClient } from '@supabase/supabase-js';
import { createCommitment, type Commitment, type RandomSource } from '$lib/sortition/bundle';
import { runDraw, type Bundle, type RandomProblem } from '$lib/sortition/draw';
import { checkFeasibility, type FeasibilityResult } from '$lib/sortition/feasibility';
import type { Instance } from '$lib/sortition/types';
import { runInWorker } from '$lib/sortition/worker';
import { api, unwrap } from './api';
import { pool, recruitmentOverview } from './recruitment';

/** The version of the selection that the commitment names; bump when the algorithm changes. */
export const ALGORITHM = { name: 'LEXIMIN', version: 'samraad-1' } as const;

export type DrawStatus = 'computing' | 'committed' | 'drawn' | 'failed' | 'cancelled';

export interface DrawSummary {
	id: string;
	status: DrawStatus;
	progress: number;
	progress_message: string;
	failure: string | null;
	random_sources: RandomSource[];
	commitment_hash: string | null;
	seed: string | null;
	created_at: string;
	committed_at: string | null;
	drawn_at: string | null;
	entries: number;
	entered_by_me: boolean;
}

/**
 * The lottery's input from the database: everyone still in the pool (pseudonymous: the
 * registration number), their features by category name, their household, and the quotas.
 */
export async function instanceFor(supabase: SupabaseClient, assemblyId: string): Promise<Instance> {
	const [overview, entries] = await Promise.all([
		recruitmentOverview(supabase, assemblyId),
		pool(supabase, assemblyId)
	]);
	return {
		pool: entries
			.filter((entry) => entry.status === 'pool')
			.map((entry) => ({
				id: String(entry.registration_number),
				features: entry.answers,
				household: entry.household_key
			})),
		quotas: overview.categories.flatMap((category) =>
			category.features.map((feature) => ({
				category: category.name,
				feature: feature.name,
				min: feature.min,
				max: feature.max
			}))
		),
		k: overview.settings?.panel_size ?? 0,
		onePerHousehold: overview.settings?.one_per_household ?? true
	};
}

export async function assemblyDraws(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<DrawSummary[]> {
	return unwrap(
		await api(supabase).rpc('assembly_draws', { assembly_id: assemblyId }, { get: true })
	);
}

export async function drawDocument(
	supabase: SupabaseClient,
	drawId: string
): Promise<Commitment | Bundle | null> {
	return unwrap(await api(supabase).rpc('draw_document', { draw_id: drawId }, { get: true }));
}

/** Running computations by draw id, so an administrator can cancel one. Process-local by nature. */
const running = new Map<string, AbortController>();

/**
 * Checks that the pool can meet the quotas and, if so, starts computing the LEXIMIN distribution
 * in a worker thread. Progress goes to the draw's row; when done, the commitment is stored and
 * published. Returns the feasibility result when the quotas cannot be met (no draw is started).
 */
export async function startDraw(
	supabase: SupabaseClient,
	assemblyId: string,
	title: string,
	randomSources: RandomSource[]
): Promise<{ started: true; drawId: string } | { started: false; feasibility: FeasibilityResult }> {
	const instance = await instanceFor(supabase, assemblyId);
	const feasibility = await checkFeasibility(instance);
	if (!feasibility.feasible) return { started: false, feasibility };
	const drawId: string = unwrap(
		await api(supabase).rpc('start_draw', {
			assembly_id: assemblyId,
			random_sources: randomSources
		})
	);
	const controller = new AbortController();
	running.set(drawId, controller);
	let reported = 0;
	void (async () => {
		try {
			const result = await runInWorker(instance, {
				signal: controller.signal,
				onProgress: (progress) => {
					// At most two writes a second; the page polls.
					if (Date.now() - reported < 500) return;
					reported = Date.now();
					void api(supabase).rpc('draw_progress', {
						draw_id: drawId,
						progress: progress.fraction,
						message: progress.message ?? progress.phase
					});
				}
			});
			const commitment = await createCommitment({
				title,
				instance,
				distribution: result.distribution,
				algorithm: ALGORITHM,
				randomSources
			});
			unwrap(
				await api(supabase).rpc('finish_draw_computation', {
					draw_id: drawId,
					commitment,
					commitment_hash: commitment.hashes.commitment
				})
			);
		} catch (error) {
			const cancelled = controller.signal.aborted;
			await api(supabase).rpc('stop_draw', {
				draw_id: drawId,
				status: cancelled ? 'cancelled' : 'failed',
				failure: cancelled ? null : (error as Error).message.slice(0, 500)
			});
		} finally {
			running.delete(drawId);
		}
	})();
	return { started: true, drawId };
}

/** Stops a draw before its randomness is drawn: cancels a running computation, or withdraws a commitment. */
export async function cancelDraw(supabase: SupabaseClient, drawId: string): Promise<void> {
	const controller = running.get(drawId);
	if (controller) {
		controller.abort();
		return;
	}
	unwrap(await api(supabase).rpc('stop_draw', { draw_id: drawId, status: 'cancelled' }));
}

/** One organiser's entry of the public random values, one per named source. */
export async function enterRandomValues(
	supabase: SupabaseClient,
	drawId: string,
	values: string[]
): Promise<void> {
	unwrap(
		await api(supabase).rpc('enter_random_values', { draw_id: drawId, entered_values: values })
	);
}

/**
 * Draws the panel from the two entries of the public randomness: the seed, the ticket, the panel
 * and the ranked reserves, recorded with every pool member's new status in one transaction.
 */
export async function completeDraw(
	supabase: SupabaseClient,
	drawId: string
): Promise<{ ok: true; bundle: Bundle } | { ok: false; problems: RandomProblem[] }> {
	const [document, entries] = await Promise.all([
		drawDocument(supabase, drawId),
		api(supabase)
			.rpc('draw_entries', { draw_id: drawId }, { get: true })
			.then((result) => unwrap<{ person_id: string; entered_values: string[] }[]>(result))
	]);
	if (!document || !('pool' in document))
		throw new Error('The draw has no commitment to draw from');
	const [first, second] = entries;
	if (!first || !second) {
		return { ok: false, problems: [{ source: '', message: 'two_entries_needed' }] };
	}
	const pairs = document.randomSources.map(
		(_, i) => [first.entered_values[i] ?? '', second.entered_values[i] ?? ''] as const
	);
	const result = await runDraw(document, pairs);
	if (!result.ok) return result;
	const { draw } = result.bundle;
	unwrap(
		await api(supabase).rpc('complete_draw', {
			draw_id: drawId,
			bundle: result.bundle,
			seed: draw.seed,
			selected: draw.panel.map(Number),
			reserves: draw.reserves.map(Number)
		})
	);
	return result;
}
