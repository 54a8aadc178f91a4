import type { SupabaseClient } from '@supabase/supabase-js';
import { compareMethods, type MethodComparison, type Standing } from '$lib/exercises';
import { assemblyExercises, roundResults, type Exercise } from './exercises';

/** One column of the comparison: a method's order in the latest published round of an exercise. */
export interface ComparedMethod {
	exerciseId: string;
	exerciseTitle: string;
	roundNumber: number;
	/** The tally's key: allocation, borda, schulze, bradleyTerry, points, approval. */
	method: string;
}

export interface AssemblyComparison {
	/** The options ranked by at least one method, with their labels (welfare areas by their id). */
	options: { id: string; label: string }[];
	methods: ComparedMethod[];
	comparison: MethodComparison;
	/** Published rounds left out because they had fewer than five ballots. */
	suppressed: number;
}

type Guarded = { suppressed: true } | { suppressed: false; result: Record<string, unknown> };

/**
 * The outcomes of every method in the assembly's published rounds side by side: for each exercise
 * over the welfare areas (statements are not an order of areas), the latest published round, every
 * method its tally holds. Aggregates only, from the stored results; a round hidden below five
 * ballots stays hidden here.
 */
export async function compareAssemblyMethods(
	supabase: SupabaseClient,
	assemblyId: string
): Promise<AssemblyComparison> {
	const exercises = (await assemblyExercises(supabase, assemblyId)).filter(
		(exercise) => exercise.kind !== 'statements'
	);
	const latest = exercises
		.map((exercise) => ({
			exercise,
			round: exercise.rounds.filter((round) => round.status === 'published').at(-1) ?? null
		}))
		.filter((entry): entry is { exercise: Exercise; round: Exercise['rounds'][number] } =>
			Boolean(entry.round)
		);
	const results = await Promise.all(
		latest.map(async (entry) => ({
			...entry,
			result: await roundResults(supabase, entry.round.id)
		}))
	);
	const labels = new Map<string, string>();
	const methods: ComparedMethod[] = [];
	const orders: { method: string; order: Standing[] }[] = [];
	let suppressed = 0;
	for (const { exercise, round, result } of results) {
		if (!result) continue;
		const tallies = result.result.tallies as unknown as Guarded;
		if (tallies.suppressed) {
			suppressed += 1;
			continue;
		}
		for (const option of exercise.options)
			if (!labels.has(option.id)) labels.set(option.id, option.label);
		for (const [method, tally] of Object.entries(tallies.result)) {
			const order = (tally as { order?: Standing[] }).order;
			if (!Array.isArray(order)) continue;
			methods.push({
				exerciseId: exercise.id,
				exerciseTitle: exercise.title,
				roundNumber: round.number,
				method
			});
			orders.push({ method: `${exercise.id}:${method}`, order });
		}
	}
	const options = [...labels].map(([id, label]) => ({ id, label }));
	return {
		options,
		methods,
		comparison: compareMethods(
			options.map((option) => option.id),
			orders
		),
		suppressed
	};
}
