/**
 * Bradley–Terry scores for pairwise comparisons (R. A. Bradley & M. E. Terry, Biometrika 39 (1952)
 * 324–345): each option i has a strength γ_i > 0 and P(i preferred to j) = γ_i / (γ_i + γ_j).
 *
 * Fit: the MM algorithm of D. R. Hunter, "MM algorithms for generalized Bradley–Terry models",
 * Annals of Statistics 32 (2004) 384–406, eq. (3):
 *     γ_i ← W_i / Σ_{j≠i} n_ij / (γ_i + γ_j)
 * with W_i the wins of i and n_ij the comparisons of i and j. A tie counts as half a win for each.
 *
 * Prior: every option also plays a virtual opponent of fixed strength 1 and wins `prior` and loses
 * `prior` of those virtual comparisons (default 1). The update becomes
 *     γ_i ← (W_i + a) / (Σ_j n_ij / (γ_i + γ_j) + 2a / (γ_i + 1)),
 * which is Hunter's MM for the augmented data. It keeps an option that never lost (or never won)
 * finite, makes the maximum unique even when the comparisons are not connected, and shrinks scores
 * based on few comparisons towards the middle; its weight fades as real comparisons accumulate.
 * With prior 0 this is the plain maximum-likelihood fit (which exists only when the comparison
 * graph is strongly connected, Hunter's Assumption 1).
 *
 * Uncertainty: standard errors from the inverse Fisher information of β = log γ (the prior's
 * virtual comparisons included), for β centred so that the geometric-mean option has β = 0. 95 %
 * intervals are β ± 1.96·SE (shown as exp(β), the strength relative to the geometric-mean option).
 * The chance of beating a random option, C_i = (1/(n−1)) Σ_{j≠i} P(i beats j), gets its standard
 * error by the delta method. These are large-sample (Wald) intervals and treat judgements as
 * independent; with few judgements per pair read them as indicative.
 */
import { invert } from './matrix';
import {
	pairCount,
	pairKey,
	type JudgedPair,
	type PairwiseBallot,
	type PairwiseConfig
} from './pairwise';
import { seededRandom } from './random';
import { standingsFromScores, zeros } from './stats';
import type { OptionId, Standing } from './types';

const Z95 = 1.959963984540054;

export interface BradleyTerryOptions {
	/** Virtual wins and losses against a strength-1 opponent per option; 0 for the plain MLE. Default 1. */
	prior?: number;
	maxIterations?: number;
	/** Stop when no log-strength moves more than this. */
	tolerance?: number;
}

export interface ComparisonCounts {
	/** wins[i][j]: times options[i] was preferred to options[j], ties counting ½ each. */
	wins: number[][];
	/** ties[i][j] = ties[j][i]: ties between them. */
	ties: number[][];
	/** comparisons[i][j] = comparisons[j][i] = wins[i][j] + wins[j][i]. */
	comparisons: number[][];
}

export function countComparisons(
	options: readonly OptionId[],
	ballots: readonly PairwiseBallot[]
): ComparisonCounts {
	const n = options.length;
	const index = new Map(options.map((id, i) => [id, i]));
	const wins = zeros(n);
	const ties = zeros(n);
	const comparisons = zeros(n);
	for (const ballot of ballots) {
		for (const { a, b, result } of ballot.judgements) {
			const i = index.get(a);
			const j = index.get(b);
			if (i === undefined || j === undefined || i === j) continue;
			comparisons[i]![j]! += 1;
			comparisons[j]![i]! += 1;
			if (result === 'a') wins[i]![j]! += 1;
			else if (result === 'b') wins[j]![i]! += 1;
			else {
				wins[i]![j]! += 0.5;
				wins[j]![i]! += 0.5;
				ties[i]![j]! += 1;
				ties[j]![i]! += 1;
			}
		}
	}
	return { wins, ties, comparisons };
}

export interface BradleyTerryFit {
	/** Centred log-strengths (mean 0), in the order of the wins matrix. */
	beta: number[];
	/** Covariance of the centred log-strengths. */
	covariance: number[][];
	iterations: number;
	converged: boolean;
}

/** Fits strengths to a wins matrix (wins[i][j] = times i was preferred to j). */
export function fitBradleyTerry(
	wins: readonly (readonly number[])[],
	options: BradleyTerryOptions = {}
): BradleyTerryFit {
	const prior = options.prior ?? 1;
	const maxIterations = options.maxIterations ?? 10_000;
	const tolerance = options.tolerance ?? 1e-10;
	const n = wins.length;
	const count = (i: number, j: number) => wins[i]![j]! + wins[j]![i]!;
	const totalWins = wins.map((row) => row.reduce((s, w) => s + w, 0));
	let gamma = new Array<number>(n).fill(1);
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations && !converged) {
		iterations++;
		const next = gamma.map((g, i) => {
			let denominator = prior > 0 ? (2 * prior) / (g + 1) : 0;
			for (let j = 0; j < n; j++) {
				if (j !== i && count(i, j) > 0) denominator += count(i, j) / (g + gamma[j]!);
			}
			return denominator > 0 ? (totalWins[i]! + prior) / denominator : g;
		});
		if (prior === 0) {
			// Without the anchor the likelihood only fixes ratios; keep the geometric mean at 1.
			const logMean = next.reduce((s, g) => s + Math.log(g), 0) / n;
			for (let i = 0; i < n; i++) next[i] = next[i]! / Math.exp(logMean);
		}
		converged = next.every((g, i) => Math.abs(Math.log(g) - Math.log(gamma[i]!)) < tolerance);
		gamma = next;
	}
	const logGamma = gamma.map(Math.log);
	const logMean = logGamma.reduce((s, b) => s + b, 0) / n;
	const beta = logGamma.map((b) => b - logMean);

	// Fisher information of log γ (anchored at the virtual opponent when prior > 0).
	const info = zeros(n);
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			const p = gamma[i]! / (gamma[i]! + gamma[j]!);
			const v = count(i, j) * p * (1 - p);
			info[i]![i]! += v;
			info[j]![j]! += v;
			info[i]![j]! -= v;
			info[j]![i]! -= v;
		}
		if (prior > 0) {
			const q = gamma[i]! / (gamma[i]! + 1);
			info[i]![i]! += 2 * prior * q * (1 - q);
		}
	}
	let raw: number[][];
	if (prior > 0) raw = invert(info);
	else {
		// The information is singular along (1, …, 1); its pseudo-inverse is (I + J/n)⁻¹ − J/n.
		raw = invert(info.map((row) => row.map((v) => v + 1 / n))).map((row) =>
			row.map((v) => v - 1 / n)
		);
	}
	// Covariance of the centred β: C·Σ·C with C = I − J/n.
	const rowMeans = raw.map((row) => row.reduce((s, v) => s + v, 0) / n);
	const colMeans = raw[0]!.map((_, j) => raw.reduce((s, row) => s + row[j]!, 0) / n);
	const allMean = rowMeans.reduce((s, v) => s + v, 0) / n;
	const covariance = raw.map((row, i) =>
		row.map((v, j) => v - rowMeans[i]! - colMeans[j]! + allMean)
	);
	return { beta, covariance, iterations, converged };
}

export interface BradleyTerryOptionResult {
	optionId: OptionId;
	/** Centred log-strength β (0 = as strong as the geometric-mean option). */
	logStrength: number;
	standardError: number;
	/** exp(β): strength relative to the geometric-mean option, with its 95 % interval. */
	score: number;
	scoreLower95: number;
	scoreUpper95: number;
	/** γ_i / Σγ: strengths normalised to sum to 1. */
	share: number;
	/** Chance of being preferred to an option drawn at random from the others (0–1). */
	winChance: number;
	winChanceStandardError: number;
	winChanceLower95: number;
	winChanceUpper95: number;
	/** Observed counts: wins and losses exclude ties. */
	wins: number;
	losses: number;
	ties: number;
	comparisons: number;
}

export interface PairwiseTally {
	ballots: number;
	judgements: number;
	prior: number;
	/** In the order of `config.options`. */
	options: BradleyTerryOptionResult[];
	/** probability[i][j]: fitted P(options[i] preferred to options[j]); 0 on the diagonal. */
	probability: number[][];
	/** Covariance of the centred log-strengths, for pair selection. */
	covariance: number[][];
	counts: ComparisonCounts;
	iterations: number;
	converged: boolean;
	/** Highest strength first. */
	order: Standing[];
}

export function tallyPairwise(
	config: PairwiseConfig,
	ballots: readonly PairwiseBallot[],
	options: BradleyTerryOptions = {}
): PairwiseTally {
	const ids = config.options;
	const n = ids.length;
	const counts = countComparisons(ids, ballots);
	const fit = fitBradleyTerry(counts.wins, options);
	const gamma = fit.beta.map(Math.exp);
	const gammaSum = gamma.reduce((s, g) => s + g, 0);
	const probability = ids.map((_, i) =>
		ids.map((_, j) => (i === j ? 0 : gamma[i]! / (gamma[i]! + gamma[j]!)))
	);
	const results = ids.map((optionId, i): BradleyTerryOptionResult => {
		const se = Math.sqrt(Math.max(0, fit.covariance[i]![i]!));
		// Delta method: gradient of C_i with respect to β.
		const gradient = ids.map(() => 0);
		let winChance = 0;
		for (let j = 0; j < n; j++) {
			if (j === i) continue;
			const p = probability[i]![j]!;
			winChance += p / (n - 1);
			gradient[i]! += (p * (1 - p)) / (n - 1);
			gradient[j]! -= (p * (1 - p)) / (n - 1);
		}
		let variance = 0;
		for (let a = 0; a < n; a++) {
			for (let b = 0; b < n; b++) variance += gradient[a]! * fit.covariance[a]![b]! * gradient[b]!;
		}
		const winSe = Math.sqrt(Math.max(0, variance));
		let wins = 0;
		let losses = 0;
		let ties = 0;
		let comparisons = 0;
		for (let j = 0; j < n; j++) {
			const t = counts.ties[i]![j]!;
			ties += t;
			wins += counts.wins[i]![j]! - t / 2;
			losses += counts.wins[j]![i]! - t / 2;
			comparisons += counts.comparisons[i]![j]!;
		}
		const beta = fit.beta[i]!;
		return {
			optionId,
			logStrength: beta,
			standardError: se,
			score: Math.exp(beta),
			scoreLower95: Math.exp(beta - Z95 * se),
			scoreUpper95: Math.exp(beta + Z95 * se),
			share: gamma[i]! / gammaSum,
			winChance,
			winChanceStandardError: winSe,
			winChanceLower95: Math.max(0, winChance - Z95 * winSe),
			winChanceUpper95: Math.min(1, winChance + Z95 * winSe),
			wins,
			losses,
			ties,
			comparisons
		};
	});
	return {
		ballots: ballots.length,
		judgements: ballots.reduce((s, b) => s + b.judgements.length, 0),
		prior: options.prior ?? 1,
		options: results,
		probability,
		covariance: fit.covariance,
		counts,
		iterations: fit.iterations,
		converged: fit.converged,
		order: standingsFromScores(ids, (_, i) => fit.beta[i]!)
	};
}

/** The next pair to show a member; `a` is shown first (left or top). */
export interface NextPair {
	a: OptionId;
	b: OptionId;
}

/**
 * Adaptive pair selection. Among the pairs this member has not judged yet, pick the one whose
 * outcome is least settled by everyone's judgements so far: the highest
 *     P(i beats j)·(1 − P(i beats j)) · √Var(β_i − β_j)
 * — close scores (a near coin toss) and an uncertain difference (few comparisons). Pairs within
 * 1e−9 of the best are equally good; one of them is drawn with `seed`, as is which option is shown
 * first, so the choice is deterministic given the seed (e.g. the member's pseudonym and how many
 * pairs they have judged) but spreads members over different pairs. Returns null when the member
 * has judged every pair or reached `config.maxPairs`.
 */
export function nextPair(
	config: PairwiseConfig,
	tally: PairwiseTally,
	judged: readonly Pick<JudgedPair, 'a' | 'b'>[],
	seed: string
): NextPair | null {
	const ids = config.options;
	const done = new Set(judged.map((pair) => pairKey(pair.a, pair.b)));
	if (config.maxPairs !== null && done.size >= config.maxPairs) return null;
	const candidates: { i: number; j: number; priority: number }[] = [];
	for (let i = 0; i < ids.length; i++) {
		for (let j = i + 1; j < ids.length; j++) {
			if (done.has(pairKey(ids[i]!, ids[j]!))) continue;
			const p = tally.probability[i]?.[j] ?? 0.5;
			const c = tally.covariance;
			const variance = c[i]![i]! + c[j]![j]! - 2 * c[i]![j]!;
			candidates.push({ i, j, priority: p * (1 - p) * Math.sqrt(Math.max(0, variance)) });
		}
	}
	if (candidates.length === 0) return null;
	const best = Math.max(...candidates.map((c) => c.priority));
	const top = candidates.filter((c) => c.priority >= best - 1e-9 * Math.max(1, best));
	const random = seededRandom(seed);
	const chosen = top[Math.floor(random() * top.length)]!;
	const [a, b] = random() < 0.5 ? [chosen.i, chosen.j] : [chosen.j, chosen.i];
	return { a: ids[a]!, b: ids[b]! };
}

/**
 * The pairs one member's ballot form shows: the pairs they have judged already (so they can change
 * their answers), then, until `config.maxPairs` (or every pair), the pairs `nextPair` ranks as least
 * settled by the tally, each drawn with `seed` among equals. With an uninformative tally (no
 * ballots yet) this is a seeded random order, so members with a small maxPairs cover different
 * pairs instead of all judging the first few.
 */
export function pairsToShow(
	config: PairwiseConfig,
	tally: PairwiseTally,
	judged: readonly Pick<JudgedPair, 'a' | 'b'>[],
	seed: string
): [OptionId, OptionId][] {
	const pairs: [OptionId, OptionId][] = judged.map((pair) => [pair.a, pair.b]);
	const limit = config.maxPairs ?? pairCount(config.options.length);
	const open = { ...config, maxPairs: null };
	while (pairs.length < limit) {
		const next = nextPair(
			open,
			tally,
			pairs.map(([a, b]) => ({ a, b })),
			`${seed}:${pairs.length}`
		);
		if (!next) break;
		pairs.push([next.a, next.b]);
	}
	return pairs;
}
