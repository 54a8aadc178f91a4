/**
 * The methods' outcomes side by side: each method's order of the same options, a row per option
 * with its rank under every method, and how much each two methods agree (Kendall's τ-b, 1 = same
 * order, −1 = reversed, ties allowed).
 */
import type { OptionId, Standing } from './types';

export interface MethodOrder {
	/** A key for the method, e.g. 'allocation', 'borda', 'schulze', 'bradley_terry', 'points', 'approval'. */
	method: string;
	order: readonly Standing[];
}

export interface ComparisonRow {
	optionId: OptionId;
	/** Rank under each method, in the order of `methods`; null when the method did not rank it. */
	ranks: (number | null)[];
}

export interface MethodComparison {
	methods: string[];
	/** Each method's order, best first (ties share a rank). */
	columns: { method: string; order: Standing[] }[];
	/** One row per option, sorted by mean rank over the methods (then by `options` order). */
	rows: ComparisonRow[];
	/** agreement[m][k]: Kendall's τ-b between methods m and k over options both ranked; null if undefined. */
	agreement: (number | null)[][];
}

/** Kendall's τ-b of two rankings (lower rank = better) over the options both contain. */
export function kendallTauB(x: readonly Standing[], y: readonly Standing[]): number | null {
	const ry = new Map(y.map((s) => [s.optionId, s.rank]));
	const common = x
		.filter((s) => ry.has(s.optionId))
		.map((s) => [s.rank, ry.get(s.optionId)!] as const);
	let concordant = 0;
	let discordant = 0;
	let tiesX = 0;
	let tiesY = 0;
	for (let i = 0; i < common.length; i++) {
		for (let j = i + 1; j < common.length; j++) {
			const dx = Math.sign(common[i]![0] - common[j]![0]);
			const dy = Math.sign(common[i]![1] - common[j]![1]);
			if (dx === 0 && dy === 0) continue;
			if (dx === 0) tiesX++;
			else if (dy === 0) tiesY++;
			else if (dx === dy) concordant++;
			else discordant++;
		}
	}
	const denominator = Math.sqrt(
		(concordant + discordant + tiesX) * (concordant + discordant + tiesY)
	);
	return denominator > 0 ? (concordant - discordant) / denominator : null;
}

export function compareMethods(
	options: readonly OptionId[],
	methods: readonly MethodOrder[]
): MethodComparison {
	const lookups = methods.map((m) => new Map(m.order.map((s) => [s.optionId, s.rank])));
	const rows = options.map((optionId, index) => {
		const ranks = lookups.map((lookup) => lookup.get(optionId) ?? null);
		const given = ranks.filter((r): r is number => r !== null);
		const meanRank = given.length ? given.reduce((s, r) => s + r, 0) / given.length : Infinity;
		return { optionId, ranks, meanRank, index };
	});
	rows.sort((a, b) => a.meanRank - b.meanRank || a.index - b.index);
	return {
		methods: methods.map((m) => m.method),
		columns: methods.map((m) => ({
			method: m.method,
			order: [...m.order].sort((a, b) => a.rank - b.rank)
		})),
		rows: rows.map(({ optionId, ranks }) => ({ optionId, ranks })),
		agreement: methods.map((m) => methods.map((k) => kendallTauB(m.order, k.order)))
	};
}
