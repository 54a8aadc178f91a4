/**
 * LEXIMIN (Flanigan, Gölz, Gupta, Hennig, Procaccia, Nature 2021): the distribution over valid
 * panels that maximises the smallest selection probability, then the second smallest, and so on.
 *
 * People with the same features (and no household constraint) are interchangeable, and the
 * LEXIMIN probabilities are unique, so they get the same probability. The algorithm therefore works
 * on *types* of people and on panel *compositions* (how many of each type), which turns a pool of
 * thousands into a handful of LP rows, and expands compositions into panels at the end.
 *
 * Level by level, the restricted master LP over the compositions found so far
 *
 *     maximise z  s.t.  Σ_x λ_x·x_t ≥ c_t·z    for every type t not yet fixed (c_t people)
 *                       Σ_x λ_x·x_t ≥ c_t·f_t  for every fixed type t
 *                       Σ_x λ_x = 1,  λ ≥ 0
 *
 * is solved through its dual (one row per composition, so a new composition is a new row and the
 * dual simplex method resumes from the last basis):
 *
 *     minimise ŷ − Σ_{t fixed} c_t·f_t·y_t  s.t.  Σ_t x_t·y_t ≤ ŷ for every composition x,
 *                                                 Σ_{t unfixed} c_t·y_t = 1,  y ≥ 0
 *
 * Column generation: for the current y, find compositions with Σ_t x_t·y_t > ŷ (a local search
 * from the compositions in use, many at a time; the exact ILP when that finds none). When the ILP
 * finds none either, z is optimal over all panels. By complementary slackness every type with
 * y_t > 0 is held at z in every optimal distribution, so it is fixed at z and the next level raises
 * the rest. The λ are the duals of the composition rows.
 */
import {
	compileInstance,
	panelProgram,
	panelViolation,
	type CompiledInstance
} from './feasibility';
import { seededRandom, tryLegacy } from './legacy';
import {
	getHighs,
	InfeasibleError,
	quietOptions,
	runToOptimality,
	toModelData,
	type Highs,
	type Model
} from './solver';
import type { Distribution, Instance, RunOptions } from './types';

export interface LeximinOptions extends RunOptions {
	/** Seed of the LEGACY draws that provide the first compositions (runs are deterministic per seed). */
	seed?: number;
	/** How many LEGACY draws to try for initial compositions; default 200. */
	initialDraws?: number;
	/** Receives one line per master solve, for diagnosing slow runs. */
	trace?: (line: string) => void;
}

export interface LeximinResult {
	distribution: Distribution;
	/** Each person's LEXIMIN selection probability, as fixed level by level. */
	probabilities: number[];
	stats: {
		/** Distinct types of people (same features, not bound by a household). */
		types: number;
		levels: number;
		compositions: number;
		pricingRounds: number;
		exactPricings: number;
		seconds: number;
	};
}

/** A composition must beat the convexity dual by more than this to enter the master. */
const PRICING_TOLERANCE = 1e-9;
/** A dual above this marks a type as held at the level's minimum. */
const DUAL_SUPPORT = 1e-7;
/** Fixed probabilities enter later levels this much lower, so rounding cannot make them infeasible. */
const FIX_MARGIN = 1e-9;
/** Yield to the event loop (to notice an abort) at least this often, in milliseconds. */
const YIELD_EVERY_MS = 25;
/** New compositions the local search may add per round. */
/** At most this many new compositions from the local search per round. */
const ROUND_LIMIT = 100;
/** Compositions in use that the local search starts from per round. */
const SEARCH_STARTS = 50;
/** Prune idle compositions once there are more than this many per type (plus a round's worth)… */
const PRUNE_FACTOR = 3;
/** …that have carried no weight for this many rounds and are not binding. */
const PRUNE_AGE = 10;

/** LEXIMIN-optimal distribution over valid panels. Throws {@link InfeasibleError} when none exists. */
export async function leximin(
	instance: Instance,
	options: LeximinOptions = {}
): Promise<Distribution> {
	return (await leximinWithDetails(instance, options)).distribution;
}

/** {@link leximin} with the fixed probabilities and counters of the run. */
export async function leximinWithDetails(
	instance: Instance,
	options: LeximinOptions = {}
): Promise<LeximinResult> {
	const started = Date.now();
	const compiled = compileInstance(instance);
	if (options.signal?.aborted) throw abortError(options.signal);
	if (compiled.k < 0 || compiled.k > compiled.n) throw new InfeasibleError();
	const run = new LeximinRun(compiled, options, await getHighs());
	try {
		return await run.solve(started);
	} finally {
		run.dispose();
	}
}

/** The error a cancelled run rejects with. */
export function abortError(signal?: AbortSignal): Error {
	const reason: unknown = signal?.reason;
	if (reason instanceof Error && reason.name === 'AbortError') return reason;
	return new DOMException('The LEXIMIN run was cancelled', 'AbortError');
}

/** Interchangeable people: same quota rows, not in a household group. */
interface Types {
	/** Pool indices of each type. */
	members: number[][];
	typeOf: Int32Array;
	/** Quota rows of each type, sorted. */
	rowsOf: number[][];
	/** Household group of each type (a household member is a type of their own), or -1. */
	householdOf: Int32Array;
}

function groupTypes(compiled: CompiledInstance): Types {
	const byKey = new Map<string, number>();
	const members: number[][] = [];
	const rowsOf: number[][] = [];
	const household: number[] = [];
	const typeOf = new Int32Array(compiled.n);
	for (let i = 0; i < compiled.n; i++) {
		const rows = [...(compiled.quotasOf[i] ?? [])].sort((a, b) => a - b);
		const group = compiled.householdOf[i] ?? -1;
		const key = group >= 0 ? `person ${i}` : rows.join(',');
		let t = byKey.get(key);
		if (t === undefined) {
			t = members.length;
			byKey.set(key, t);
			members.push([]);
			rowsOf.push(rows);
			household.push(group);
		}
		members[t]?.push(i);
		typeOf[i] = t;
	}
	return { members, typeOf, rowsOf, householdOf: Int32Array.from(household) };
}

class LeximinRun {
	private readonly types: Types;
	private readonly size: Int32Array;
	/** 32-bit words per row mask. */
	private readonly words: number;
	/** rowMask[t · words + w]: bit r % 32 of word ⌊r / 32⌋ is set when type t counts in quota row r. */
	private readonly rowMask: Uint32Array;
	private readonly master: Model;
	private readonly pricing: Model;
	/** The pricing ILP without integrality: its bound proves convergence in most rounds. */
	private readonly relaxation: Model;
	private readonly compositions: Int32Array[] = [];
	private readonly known = new Set<string>();
	private readonly fixed: Float64Array;
	private readonly isFixed: Uint8Array;
	private fixedTypes = 0;
	private fixedPeople = 0;
	/** λ: the latest weight of each composition (the duals of its master row). */
	private weights = new Float64Array(0);
	/** The pricing round in which each composition last carried weight (or was added). */
	private lastUsed: number[] = [];
	private lastYield = Date.now();
	private lastFraction = 0;
	private levels = 0;
	private pricingRounds = 0;
	private exactPricings = 0;

	constructor(
		private readonly compiled: CompiledInstance,
		private readonly options: LeximinOptions,
		private readonly highs: Highs
	) {
		this.types = groupTypes(compiled);
		const count = this.types.members.length;
		this.size = Int32Array.from(this.types.members, (people) => people.length);
		const rows = compiled.quotas.length;
		this.words = Math.max(1, Math.ceil(rows / 32));
		this.rowMask = new Uint32Array(count * this.words);
		this.types.rowsOf.forEach((rowsOfType, t) => {
			for (const row of rowsOfType) {
				const at = t * this.words + (row >>> 5);
				this.rowMask[at] = (this.rowMask[at] ?? 0) | (1 << (row & 31));
			}
		});
		this.fixed = new Float64Array(count);
		this.isFixed = new Uint8Array(count);
		this.pricing = this.createPricing(true);
		this.relaxation = this.createPricing(false);
		this.master = this.createMaster();
	}

	/** max Σ y_t·x_t over (integer) compositions x meeting the size, quotas and households. */
	private createPricing(integer: boolean): Model {
		const { highs, types, compiled } = this;
		const count = types.members.length;
		const rowTypes = compiled.quotas.map(() => [] as number[]);
		types.rowsOf.forEach((rows, t) => rows.forEach((row) => rowTypes[row]?.push(t)));
		const householdTypes = compiled.households.map(() => [] as number[]);
		types.householdOf.forEach((group, t) => {
			if (group >= 0) householdTypes[group]?.push(t);
		});
		const all = Array.from({ length: count }, (_, t) => t);
		const program = panelProgram(compiled);
		program.cost = new Array<number>(count).fill(0);
		program.lower = new Array<number>(count).fill(0);
		program.upper = Array.from(this.size);
		program.integer = new Array<boolean>(count).fill(integer);
		program.rows = [
			{ indices: all, values: all.map(() => 1), lower: compiled.k, upper: compiled.k },
			...compiled.quotas.map((quota, row) => ({
				indices: rowTypes[row] ?? [],
				values: (rowTypes[row] ?? []).map(() => 1),
				lower: quota.min,
				upper: quota.max
			})),
			...householdTypes.map((group) => ({
				indices: group,
				values: group.map(() => 1),
				lower: 0,
				upper: 1
			}))
		];
		const model = highs.createModel(toModelData(highs, program));
		model.options.set(
			integer
				? { ...quietOptions, mip_rel_gap: 1e-9, mip_abs_gap: 1e-9 }
				: {
						...quietOptions,
						solver: 'simplex',
						presolve: 'off',
						primal_feasibility_tolerance: 1e-9,
						dual_feasibility_tolerance: 1e-9
					}
		);
		return model;
	}

	/** Columns are y_t for each type, then ŷ (free); row 0 is Σ c_t·y_t = 1, one row per composition. */
	private createMaster(): Model {
		const { highs } = this;
		const count = this.size.length;
		const all = Array.from({ length: count }, (_, t) => t);
		const model = highs.createModel({
			numCols: count + 1,
			numRows: 1,
			sense: highs.constants.objectiveSense.minimize,
			colCost: [...new Array<number>(count).fill(0), 1],
			colLower: [...new Array<number>(count).fill(0), -highs.infinity],
			colUpper: new Array<number>(count + 1).fill(highs.infinity),
			rowLower: [1],
			rowUpper: [1],
			matrix: {
				format: 'csr',
				numRows: 1,
				numCols: count + 1,
				starts: [0, count],
				indices: all,
				values: Array.from(this.size)
			}
		});
		model.options.set({
			...quietOptions,
			solver: 'simplex',
			presolve: 'off',
			primal_feasibility_tolerance: 1e-9,
			dual_feasibility_tolerance: 1e-9
		});
		return model;
	}

	dispose(): void {
		this.master.dispose();
		this.pricing.dispose();
		this.relaxation.dispose();
	}

	async solve(started: number): Promise<LeximinResult> {
		const count = this.size.length;
		this.progress('initial panels', 0);
		await this.addInitialCompositions();
		this.progress('leximin', 0.05);
		while (this.fixedTypes < count) {
			const { z, duals, ceiling } = await this.maximiseMinimum();
			this.levels++;
			const unfixed: number[] = [];
			for (let t = 0; t < count; t++) if (!this.isFixed[t]) unfixed.push(t);
			// When the unfixed reach the ceiling (probabilities sum to k), they all sit at z.
			let toFix =
				z >= ceiling - 1e-7 ? unfixed : unfixed.filter((t) => (duals[t] ?? 0) > DUAL_SUPPORT);
			if (toFix.length === 0) {
				// Σ c_t·y_t over the unfixed is 1, so some type has a positive dual; take the largest.
				toFix = [unfixed.reduce((best, t) => ((duals[t] ?? 0) > (duals[best] ?? 0) ? t : best))];
			}
			this.fix(toFix, Math.max(0, z));
			this.progress('leximin', 0.05 + (0.9 * this.fixedPeople) / this.compiled.n, z);
		}
		await this.checkpoint();
		const distribution = this.expand();
		const probabilities = Array.from(this.types.typeOf, (t) => this.fixed[t] ?? 0);
		this.progress('done', 1);
		return {
			distribution,
			probabilities,
			stats: {
				types: count,
				levels: this.levels,
				compositions: this.compositions.length,
				pricingRounds: this.pricingRounds,
				exactPricings: this.exactPricings,
				seconds: (Date.now() - started) / 1000
			}
		};
	}

	/** Cheap, diverse starting columns: LEGACY draws (no solver); one ILP composition if none works. */
	private async addInitialCompositions(): Promise<void> {
		const random = seededRandom(this.options.seed ?? 1);
		const draws = this.options.initialDraws ?? 200;
		for (let d = 0; d < draws; d++) {
			const panel = tryLegacy(this.compiled, random);
			if (panel && panelViolation(this.compiled, panel) === null) {
				const composition = new Int32Array(this.size.length);
				for (const i of panel) {
					const t = this.types.typeOf[i] ?? 0;
					composition[t] = (composition[t] ?? 0) + 1;
				}
				this.addComposition(composition);
			}
			if (d % 20 === 19) await this.checkpoint();
		}
		if (this.compositions.length === 0) {
			const composition = this.exactPricing(new Float64Array(this.size.length).fill(1));
			if (!composition) throw new InfeasibleError();
			this.addComposition(composition);
		}
	}

	/** Column generation for one level: the optimal z, the final duals and the level's ceiling. */
	private async maximiseMinimum(): Promise<{ z: number; duals: Float64Array; ceiling: number }> {
		const count = this.size.length;
		let unfixedPeople = 0;
		let fixedMass = 0;
		for (let t = 0; t < count; t++) {
			const size = this.size[t] ?? 0;
			if (this.isFixed[t]) fixedMass += size * Math.max(0, (this.fixed[t] ?? 0) - FIX_MARGIN);
			else unfixedPeople += size;
		}
		// Probabilities sum to k, so no distribution gives every unfixed person more than this.
		const ceiling = (this.compiled.k - fixedMass) / unfixedPeople;
		for (;;) {
			await this.checkpoint();
			const solveStart = Date.now();
			runToOptimality(this.master, { what: 'the LEXIMIN master LP' });
			const solution = this.master.getSolution();
			this.options.trace?.(
				`level ${this.levels + 1}: z ${this.master.getObjectiveValue().toFixed(9)}, ` +
					`${this.compositions.length} compositions, ` +
					`${String(this.master.info.get('simplex_iteration_count'))} iterations in ${Date.now() - solveStart} ms`
			);
			this.weights = Float64Array.from(solution.rowDual.subarray(1), (dual) => Math.max(0, -dual));
			const duals = Float64Array.from(solution.colValue.subarray(0, count));
			const cap = solution.colValue[count] ?? 0;
			const z = this.master.getObjectiveValue();
			if (z >= ceiling - PRICING_TOLERANCE) return { z, duals, ceiling };
			this.noteUse();
			if (this.compositions.length > PRUNE_FACTOR * count + ROUND_LIMIT) this.prune(duals, cap);
			this.pricingRounds++;
			// The LP relaxation of pricing bounds every composition's value: at or below the cap, the
			// level is solved. An integral optimum is the best composition itself.
			const relaxStart = Date.now();
			const relaxed = this.relaxedPricing(duals);
			const relaxMs = Date.now() - relaxStart;
			if (relaxed.bound <= cap + PRICING_TOLERANCE) {
				this.options.trace?.(`pricing relaxation: ${relaxMs} ms, bound reached`);
				return { z, duals, ceiling };
			}
			let added = 0;
			if (relaxed.integral) {
				// An integral optimum of the relaxation is the best composition: if it is not above the
				// cap, nothing is.
				if (value(relaxed.integral, duals) <= cap + PRICING_TOLERANCE) {
					this.options.trace?.(`pricing relaxation: ${relaxMs} ms, integral and not above the cap`);
					return { z, duals, ceiling };
				}
				if (this.addComposition(relaxed.integral)) added++;
			}
			// Neighbours of the compositions in use, many per round so that fewer rounds are needed.
			const searchStart = Date.now();
			added += this.localSearch(duals, cap);
			this.options.trace?.(
				`pricing relaxation: ${relaxMs} ms${relaxed.integral ? ' (integral)' : ''}, ` +
					`local search: ${Date.now() - searchStart} ms, ${added} new`
			);
			if (added > 0) continue;
			const composition = this.exactPricing(duals);
			if (!composition) throw new InfeasibleError();
			if (
				value(composition, duals) <= cap + PRICING_TOLERANCE ||
				!this.addComposition(composition)
			) {
				return { z, duals, ceiling };
			}
		}
	}

	/**
	 * Improves compositions in use (largest weight first) by the best single move of a seat from one
	 * type to another with a larger dual that keeps the quotas, repeated while it gains; adds those
	 * that end above the cap, at most {@link ROUND_LIMIT}. Returns how many were added.
	 */
	private localSearch(duals: Float64Array, cap: number): number {
		const { quotas, households } = this.compiled;
		const { rowsOf, householdOf } = this.types;
		const count = this.size.length;
		const order = Array.from({ length: count }, (_, t) => t).sort(
			(a, b) => (duals[b] ?? 0) - (duals[a] ?? 0)
		);
		const starts = this.compositions
			.map((composition, c) => ({ composition, weight: this.weights[c] ?? 0 }))
			.filter(({ weight }) => weight > 1e-12)
			.sort((a, b) => b.weight - a.weight)
			.slice(0, SEARCH_STARTS);
		const rowCount = new Int32Array(quotas.length);
		const householdCount = new Int32Array(households.length);
		const atMin = new Uint32Array(this.words);
		const atMax = new Uint32Array(this.words);
		const allRows = quotas.map((_, row) => row);
		let added = 0;
		for (const { composition } of starts) {
			if (added >= ROUND_LIMIT) break;
			const x = Int32Array.from(composition);
			rowCount.fill(0);
			householdCount.fill(0);
			const occupied: number[] = [];
			for (let t = 0; t < count; t++) {
				const seats = x[t] ?? 0;
				if (seats === 0) continue;
				occupied.push(t);
				for (const row of rowsOf[t] ?? []) rowCount[row] = (rowCount[row] ?? 0) + seats;
				const group = householdOf[t] ?? -1;
				if (group >= 0) householdCount[group] = (householdCount[group] ?? 0) + seats;
			}
			this.markBounds(allRows, rowCount, atMin, atMax);
			for (let moves = 0; moves < 4 * this.compiled.k; moves++) {
				let bestGain = PRICING_TOLERANCE;
				let bestFrom = -1;
				let bestTo = -1;
				for (const a of occupied) {
					if ((x[a] ?? 0) === 0) continue;
					const groupA = householdOf[a] ?? -1;
					for (const b of order) {
						const gain = (duals[b] ?? 0) - (duals[a] ?? 0);
						if (gain <= bestGain) break;
						if ((x[b] ?? 0) >= (this.size[b] ?? 0)) continue;
						const groupB = householdOf[b] ?? -1;
						if (groupB >= 0 && groupB !== groupA && (householdCount[groupB] ?? 0) >= 1) continue;
						if (!this.canMove(a, b, atMin, atMax)) continue;
						bestGain = gain;
						bestFrom = a;
						bestTo = b;
						break;
					}
				}
				if (bestFrom < 0) break;
				x[bestFrom] = (x[bestFrom] ?? 0) - 1;
				if ((x[bestTo] ?? 0) === 0) occupied.push(bestTo);
				x[bestTo] = (x[bestTo] ?? 0) + 1;
				for (const row of rowsOf[bestFrom] ?? []) rowCount[row] = (rowCount[row] ?? 0) - 1;
				for (const row of rowsOf[bestTo] ?? []) rowCount[row] = (rowCount[row] ?? 0) + 1;
				this.markBounds(rowsOf[bestFrom] ?? [], rowCount, atMin, atMax);
				this.markBounds(rowsOf[bestTo] ?? [], rowCount, atMin, atMax);
				const groupA = householdOf[bestFrom] ?? -1;
				const groupB = householdOf[bestTo] ?? -1;
				if (groupA >= 0) householdCount[groupA] = (householdCount[groupA] ?? 0) - 1;
				if (groupB >= 0) householdCount[groupB] = (householdCount[groupB] ?? 0) + 1;
			}
			if (value(x, duals) > cap + PRICING_TOLERANCE && this.addComposition(x)) added++;
		}
		return added;
	}

	/**
	 * Whether moving one seat from type a to type b keeps every quota row within its bounds: no row
	 * at its minimum loses a seat, no row at its maximum gains one.
	 */
	private canMove(a: number, b: number, atMin: Uint32Array, atMax: Uint32Array): boolean {
		const { words, rowMask } = this;
		for (let w = 0; w < words; w++) {
			const maskA = rowMask[a * words + w] ?? 0;
			const maskB = rowMask[b * words + w] ?? 0;
			if (((atMin[w] ?? 0) & maskA & ~maskB) !== 0) return false;
			if (((atMax[w] ?? 0) & maskB & ~maskA) !== 0) return false;
		}
		return true;
	}

	/** Updates the at-minimum and at-maximum bits of `rows` from their counts. */
	private markBounds(
		rows: readonly number[],
		rowCount: Int32Array,
		atMin: Uint32Array,
		atMax: Uint32Array
	): void {
		const { quotas } = this.compiled;
		for (const row of rows) {
			const w = row >>> 5;
			const bit = 1 << (row & 31);
			const count = rowCount[row] ?? 0;
			atMin[w] = count <= (quotas[row]?.min ?? 0) ? (atMin[w] ?? 0) | bit : (atMin[w] ?? 0) & ~bit;
			atMax[w] = count >= (quotas[row]?.max ?? 0) ? (atMax[w] ?? 0) | bit : (atMax[w] ?? 0) & ~bit;
		}
	}

	/**
	 * The pricing LP relaxation: an upper bound on Σ duals·x over valid compositions (in the duals'
	 * units), and the optimum itself when it happens to be integral.
	 */
	private relaxedPricing(duals: Float64Array): { bound: number; integral: Int32Array | null } {
		const count = this.size.length;
		const scale = this.setCosts(this.relaxation, duals);
		const outcome = runToOptimality(this.relaxation, {
			what: 'the LEXIMIN pricing relaxation',
			allowInfeasible: true
		});
		if (outcome === 'infeasible') throw new InfeasibleError();
		// The simplex optimum is exact up to its tolerances; keep the bound on the safe side.
		const bound = (this.relaxation.getObjectiveValue() + 1e-9 * (count + this.compiled.k)) / scale;
		const values = this.relaxation.getSolution().colValue;
		let integral: Int32Array | null = Int32Array.from(values, (seats) => Math.round(seats));
		for (let t = 0; t < count; t++) {
			if (Math.abs((values[t] ?? 0) - (integral[t] ?? 0)) > 1e-7) {
				integral = null;
				break;
			}
		}
		return { bound, integral };
	}

	/** Sets a pricing model's costs to the duals scaled to a largest value of 1; returns the scale. */
	private setCosts(model: Model, weights: ArrayLike<number>): number {
		const count = this.size.length;
		let largest = 0;
		for (let t = 0; t < count; t++) largest = Math.max(largest, weights[t] ?? 0);
		const scale = largest > 0 ? 1 / largest : 1;
		const costs = new Float64Array(count);
		for (let t = 0; t < count; t++) costs[t] = Math.max(0, weights[t] ?? 0) * scale;
		model.changeColsCost({ kind: 'range', from: 0, to: count - 1 }, costs);
		return scale;
	}

	/** The valid composition maximising Σ weights·x (the pricing ILP), or null when none exists. */
	private exactPricing(weights: ArrayLike<number>): Int32Array | null {
		this.exactPricings++;
		const started = Date.now();
		try {
			return this.exactPricingUntimed(weights);
		} finally {
			this.options.trace?.(
				`pricing ILP: ${Date.now() - started} ms, ${String(this.pricing.info.get('mip_node_count'))} nodes`
			);
		}
	}

	private exactPricingUntimed(weights: ArrayLike<number>): Int32Array | null {
		this.setCosts(this.pricing, weights);
		const outcome = runToOptimality(this.pricing, {
			what: 'the LEXIMIN pricing ILP',
			mip: true,
			allowInfeasible: true
		});
		if (outcome === 'infeasible') return null;
		return Int32Array.from(this.pricing.getSolution().colValue, (seats) => Math.round(seats));
	}

	/** Adds a composition as a master row Σ x_t·y_t − ŷ ≤ 0; false when it is already there. */
	private addComposition(composition: Int32Array): boolean {
		const key = composition.join(',');
		if (this.known.has(key)) return false;
		this.known.add(key);
		this.compositions.push(composition);
		const indices: number[] = [];
		const values: number[] = [];
		composition.forEach((seats, t) => {
			if (seats > 0) {
				indices.push(t);
				values.push(seats);
			}
		});
		indices.push(this.size.length);
		values.push(-1);
		this.master.addRow(-this.highs.infinity, 0, { indices, values });
		return true;
	}

	/** Records which compositions carry weight in the current solution. */
	private noteUse(): void {
		this.compositions.forEach((_, c) => {
			if ((this.weights[c] ?? 0) > 1e-12 || this.lastUsed[c] === undefined) {
				this.lastUsed[c] = this.pricingRounds;
			}
		});
	}

	/**
	 * Deletes the rows of compositions that carry no weight and are clearly not binding, so the
	 * master stays small; its optimum and basis are unchanged. They can come back if priced again.
	 */
	private prune(duals: Float64Array, cap: number): void {
		const keep: number[] = [];
		const drop: number[] = [];
		this.compositions.forEach((composition, c) => {
			const slack = cap - value(composition, duals);
			const idle = this.pricingRounds - (this.lastUsed[c] ?? 0);
			if (idle >= PRUNE_AGE && slack > 1e-7 * Math.max(1, cap)) drop.push(c);
			else keep.push(c);
		});
		if (drop.length === 0) return;
		this.master.deleteRows({ kind: 'set', indices: drop.map((c) => c + 1) });
		for (const c of drop) this.known.delete((this.compositions[c] ?? []).join(','));
		const compositions = keep.map((c) => this.compositions[c] ?? new Int32Array(0));
		this.weights = Float64Array.from(keep, (c) => this.weights[c] ?? 0);
		this.lastUsed = keep.map((c) => this.lastUsed[c] ?? 0);
		this.compositions.length = 0;
		this.compositions.push(...compositions);
	}

	/** Moves types from the normalisation row into the objective, with their probability fixed. */
	private fix(types: number[], z: number): void {
		for (const t of types) {
			const size = this.size[t] ?? 0;
			this.fixed[t] = z;
			this.isFixed[t] = 1;
			this.master.changeCoefficient(0, t, 0);
			this.master.changeColCost(t, -size * Math.max(0, z - FIX_MARGIN));
			this.fixedPeople += size;
		}
		this.fixedTypes += types.length;
	}

	/**
	 * Turns the weighted compositions into weighted panels. Within a composition each type's seats
	 * are spread evenly over its members by {@link evenSubsets}; the types' lists are then laid side
	 * by side on [0, 1) and cut wherever any of them changes, so every member of type t is selected
	 * with exactly the composition's share x_t / c_t.
	 */
	private expand(): Distribution {
		const byKey = new Map<string, { panel: number[]; weight: number }>();
		let total = 0;
		this.compositions.forEach((composition, c) => {
			const lambda = this.weights[c] ?? 0;
			if (lambda <= 1e-12) return;
			total += lambda;
			const lists: { size: number; steps: { people: number[]; width: number }[] }[] = [];
			composition.forEach((seats, t) => {
				if (seats === 0) return;
				const people = this.types.members[t] ?? [];
				const steps = evenSubsets(people.length, seats).map((step) => ({
					people: step.chosen.map((position) => people[position] ?? -1),
					width: step.width
				}));
				lists.push({ size: people.length, steps });
			});
			// Walk the lists together. A list's position is (widths passed) / size, compared exactly.
			const at = lists.map(() => 0);
			const passed = lists.map(() => 0);
			let previous = 0;
			while (lists.length > 0) {
				let best = 0;
				for (let l = 1; l < lists.length; l++) {
					const endL = stepEnd(lists, at, passed, l);
					const endBest = stepEnd(lists, at, passed, best);
					if (endL * (lists[best]?.size ?? 1) < endBest * (lists[l]?.size ?? 1)) best = l;
				}
				const bestSize = lists[best]?.size ?? 1;
				const bestEnd = stepEnd(lists, at, passed, best);
				const position = bestEnd / bestSize;
				const width = position - previous;
				if (width > 0) {
					const panel = lists
						.flatMap((list, l) => list.steps[at[l] ?? 0]?.people ?? [])
						.sort((a, b) => a - b);
					const key = panel.join(',');
					const entry = byKey.get(key);
					if (entry) entry.weight += lambda * width;
					else byKey.set(key, { panel, weight: lambda * width });
				}
				previous = position;
				let finished = false;
				lists.forEach((list, l) => {
					const end = stepEnd(lists, at, passed, l);
					if (end * bestSize === bestEnd * list.size) {
						passed[l] = end;
						at[l] = (at[l] ?? 0) + 1;
						if ((at[l] ?? 0) >= list.steps.length) finished = true;
					}
				});
				if (finished) break;
			}
			if (lists.length === 0) {
				const entry = byKey.get('');
				if (entry) entry.weight += lambda;
				else byKey.set('', { panel: [], weight: lambda });
			}
		});
		const entries = [...byKey.values()];
		return {
			panels: entries.map((entry) => entry.panel),
			weights: entries.map((entry) => entry.weight / total)
		};
	}

	private progress(phase: string, fraction: number, z?: number): void {
		this.lastFraction = Math.max(this.lastFraction, Math.min(1, fraction));
		this.options.onProgress?.({
			phase,
			fraction: this.lastFraction,
			message:
				z === undefined
					? undefined
					: `level ${this.levels}: ${this.fixedPeople} of ${this.compiled.n} fixed at ≥ ${z.toFixed(6)}`
		});
	}

	/** Throws if cancelled; now and then lets the event loop run so that an abort can arrive. */
	private async checkpoint(): Promise<void> {
		const { signal } = this.options;
		if (signal?.aborted) throw abortError(signal);
		if (Date.now() - this.lastYield >= YIELD_EVERY_MS) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			this.lastYield = Date.now();
			if (signal?.aborted) throw abortError(signal);
		}
	}
}

function stepEnd(
	lists: { size: number; steps: { width: number }[] }[],
	at: number[],
	passed: number[],
	l: number
): number {
	return (passed[l] ?? 0) + (lists[l]?.steps[at[l] ?? 0]?.width ?? 0);
}

function value(composition: Int32Array, duals: ArrayLike<number>): number {
	let sum = 0;
	composition.forEach((seats, t) => {
		sum += seats * (duals[t] ?? 0);
	});
	return sum;
}

const evenSubsetsCache = new Map<string, { chosen: number[]; width: number }[]>();

/**
 * Subsets of `seats` out of `size` positions with integer widths summing to `size`, such that each
 * position is covered by total width exactly `seats`: choosing a subset with probability
 * width / size selects everyone with probability seats / size. Greedy on the remaining need: take
 * the `seats` positions with the largest need, for as long as no other position's need would
 * exceed what remains. Each step empties a chosen position or saturates another, so there are few.
 */
export function evenSubsets(size: number, seats: number): { chosen: number[]; width: number }[] {
	const key = `${size}/${seats}`;
	const cached = evenSubsetsCache.get(key);
	if (cached) return cached;
	const need = new Array<number>(size).fill(seats);
	const order = Array.from({ length: size }, (_, i) => i);
	const steps: { chosen: number[]; width: number }[] = [];
	let remaining = size;
	while (remaining > 0) {
		order.sort((a, b) => (need[b] ?? 0) - (need[a] ?? 0) || a - b);
		const chosen = order.slice(0, seats);
		const smallestChosen = seats > 0 ? (need[chosen[seats - 1] ?? 0] ?? 0) : remaining;
		const largestOther = seats < size ? (need[order[seats] ?? 0] ?? 0) : 0;
		const width = Math.min(smallestChosen, remaining - largestOther);
		for (const position of chosen) need[position] = (need[position] ?? 0) - width;
		steps.push({ chosen: [...chosen].sort((a, b) => a - b), width });
		remaining -= width;
	}
	evenSubsetsCache.set(key, steps);
	return steps;
}
