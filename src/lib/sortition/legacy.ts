/**
 * LEGACY: the Sortition Foundation's greedy draw, kept for comparison with LEXIMIN. One person at a
 * time: take the most urgent feature by (min − selected) / (still in the pool), pick a random
 * remaining person with it, then drop everyone who can no longer be selected (their household,
 * and everyone with a feature whose max is reached). A draw that runs into a dead end starts over.
 * Its selection probabilities are whatever this process yields; they are estimated by repetition.
 */
import { compileInstance, type CompiledInstance } from './feasibility';
import { InfeasibleError } from './solver';
import type { Instance } from './types';

/** A source of uniform numbers in [0, 1), such as `Math.random` or {@link seededRandom}. */
export type RandomSource = () => number;

/**
 * A small deterministic generator (mulberry32) for reproducible benchmarks and initial panels.
 * Not for the public draw, which has its own documented procedure.
 */
export function seededRandom(seed: number): RandomSource {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * The state of one draw: for each quota row, the people still in the pool with that feature, kept
 * in an array with swap-removal so that picking one at random costs O(1).
 */
class Draw {
	readonly selected = new Array<number>();
	private readonly alive: Uint8Array;
	private readonly remaining: Int32Array[];
	private readonly remainingCount: Int32Array;
	/** position[i][j]: where person i sits in the remaining list of their j-th quota row. */
	private readonly position: Int32Array[];
	private readonly selectedCount: Int32Array;
	private poolSize: number;

	constructor(private readonly compiled: CompiledInstance) {
		const { n, members, quotasOf } = compiled;
		this.alive = new Uint8Array(n).fill(1);
		this.poolSize = n;
		this.remaining = members.map((people) => Int32Array.from(people));
		this.remainingCount = Int32Array.from(members, (people) => people.length);
		this.selectedCount = new Int32Array(members.length);
		this.position = quotasOf.map((rows) => new Int32Array(rows.length));
		members.forEach((people, row) => {
			people.forEach((i, at) => {
				const slot = (quotasOf[i] ?? []).indexOf(row);
				const positions = this.position[i];
				if (positions) positions[slot] = at;
			});
		});
	}

	/** Runs the draw; false when it reached a dead end. */
	run(random: RandomSource): boolean {
		const { k, quotas } = this.compiled;
		// A feature nobody may have (max 0) rules its people out from the start.
		for (let row = 0; row < quotas.length; row++) {
			if ((quotas[row]?.max ?? 0) > 0) continue;
			const list = this.remaining[row];
			while (list && (this.remainingCount[row] ?? 0) > 0) {
				if (!this.remove(list[0] ?? -1)) return false;
			}
		}
		while (this.selected.length < k) {
			if (this.poolSize === 0) return false;
			let best = -1;
			let bestRatio = -Infinity;
			for (let row = 0; row < quotas.length; row++) {
				const quota = quotas[row];
				if (!quota) continue;
				const left = this.remainingCount[row] ?? 0;
				const needed = quota.min - (this.selectedCount[row] ?? 0);
				if (left < needed) return false;
				if (left === 0 || quota.max === 0) continue;
				const ratio = needed / left;
				if (ratio > bestRatio) {
					bestRatio = ratio;
					best = row;
				}
			}
			if (best < 0) return false;
			const list = this.remaining[best];
			const count = this.remainingCount[best] ?? 0;
			if (!list || count === 0) return false;
			const person = list[Math.min(count - 1, Math.floor(random() * count))] ?? -1;
			if (!this.select(person)) return false;
		}
		return quotas.every((quota, row) => {
			const count = this.selectedCount[row] ?? 0;
			return count >= quota.min && count <= quota.max;
		});
	}

	private select(person: number): boolean {
		const { compiled } = this;
		this.selected.push(person);
		for (const row of compiled.quotasOf[person] ?? []) {
			this.selectedCount[row] = (this.selectedCount[row] ?? 0) + 1;
		}
		if (!this.remove(person)) return false;
		const household = compiled.householdOf[person] ?? -1;
		if (household >= 0) {
			for (const other of compiled.households[household] ?? []) {
				if (this.alive[other] && !this.remove(other)) return false;
			}
		}
		for (const row of compiled.quotasOf[person] ?? []) {
			const quota = compiled.quotas[row];
			if (!quota || (this.selectedCount[row] ?? 0) < quota.max) continue;
			const list = this.remaining[row];
			while (list && (this.remainingCount[row] ?? 0) > 0) {
				if (!this.remove(list[0] ?? -1)) return false;
			}
		}
		return true;
	}

	/** Takes a person out of the pool; false when that leaves a feature unable to reach its min. */
	private remove(person: number): boolean {
		const { compiled } = this;
		this.alive[person] = 0;
		this.poolSize--;
		const rows = compiled.quotasOf[person] ?? [];
		const positions = this.position[person];
		let ok = true;
		rows.forEach((row, slot) => {
			const list = this.remaining[row];
			const count = (this.remainingCount[row] ?? 0) - 1;
			const at = positions?.[slot] ?? 0;
			if (list) {
				const last = list[count] ?? person;
				list[at] = last;
				list[count] = person;
				const lastSlot = (compiled.quotasOf[last] ?? []).indexOf(row);
				const lastPositions = this.position[last];
				if (lastPositions) lastPositions[lastSlot] = at;
			}
			this.remainingCount[row] = count;
			const quota = compiled.quotas[row];
			if (quota && count + (this.selectedCount[row] ?? 0) < quota.min) ok = false;
		});
		return ok;
	}
}

export interface LegacyOptions {
	/** Draws to try before giving up (the foundation's app retries too). Default 1000. */
	maxAttempts?: number;
}

/**
 * One LEGACY panel: sorted pool indices. Throws {@link InfeasibleError} when every attempt ends in
 * a dead end (the quotas may still be feasible: the greedy draw is not complete).
 */
export function legacyPanel(
	instance: Instance | CompiledInstance,
	random: RandomSource,
	options: LegacyOptions = {}
): number[] {
	const compiled = 'pool' in instance ? compileInstance(instance) : instance;
	const panel = tryLegacy(compiled, random, options.maxAttempts ?? 1000);
	if (!panel) {
		throw new InfeasibleError('The LEGACY draw found no panel that meets every quota');
	}
	return panel;
}

/** Up to `attempts` draws; the first that succeeds, or null. */
export function tryLegacy(
	compiled: CompiledInstance,
	random: RandomSource,
	attempts = 1
): number[] | null {
	for (let attempt = 0; attempt < attempts; attempt++) {
		const draw = new Draw(compiled);
		if (draw.run(random)) return draw.selected.sort((a, b) => a - b);
	}
	return null;
}

export interface LegacyEstimate {
	/** Per person: the share of successful draws that selected them. */
	probabilities: number[];
	/** Successful draws counted. */
	runs: number;
	/** Draws that hit a dead end and were retried. */
	failures: number;
	/** Different panels among the successful draws. */
	distinctPanels: number;
}

/** Estimates LEGACY's selection probabilities from `runs` successful draws. */
export function estimateLegacyProbabilities(
	instance: Instance,
	runs: number,
	random: RandomSource,
	options: LegacyOptions = {}
): LegacyEstimate {
	const compiled = compileInstance(instance);
	const counts = new Float64Array(compiled.n);
	const maxAttempts = options.maxAttempts ?? 1000;
	let failures = 0;
	const seen = new Set<string>();
	for (let run = 0; run < runs; run++) {
		let panel: number[] | null = null;
		for (let attempt = 0; attempt < maxAttempts && !panel; attempt++) {
			panel = tryLegacy(compiled, random);
			if (!panel) failures++;
		}
		if (!panel) throw new InfeasibleError('The LEGACY draw found no panel that meets every quota');
		for (const i of panel) counts[i] = (counts[i] ?? 0) + 1;
		seen.add(panel.join(','));
	}
	return {
		probabilities: Array.from(counts, (count) => count / runs),
		runs,
		failures,
		distinctPanels: seen.size
	};
}
