/**
 * Table groups for a session: the members present split into tables whose sizes differ by at most
 * one, so that every table mirrors the mix of those present (gender, age, area, …) and people sit
 * with people they have not sat with before.
 *
 * Pure: no database, no SvelteKit. Ids are opaque strings (the DB's person or member ids).
 *
 * ## The objective
 *
 * For a table t of size s_t and a feature f (say "Kvinde" in category "Køn"), let p_f be the share
 * of f among the members present; the table's expected count is e_{t,f} = s_t · p_f. The best a
 * table can do is a count of ⌊e⌋ or ⌈e⌉ (with 18 women among 36 at tables of 6: exactly 3; with
 * 30 % from an area at a table of 8: 2 or 3). So
 *
 *     mix cost     = Σ_t Σ_categories Σ_{f in the category} (distance of c_{t,f} from [⌊e_{t,f}⌋, ⌈e_{t,f}⌉])²
 *     repeat cost  = Σ_t Σ_{pairs {i, j} at t} times(i, j)
 *     cost         = weights.mix · mix cost + weights.repeats · repeat cost
 *
 * where c_{t,f} is the number of members with f at t and times(i, j) how often i and j sat at the
 * same table before (the history). Mix cost 0 means every table mirrors the room in every
 * category as closely as whole people allow. A member without an answer in a category counts as a
 * feature of their own ("unknown"), so unknowns are spread too. Both weights are 1 by default: a
 * table with one person more (or fewer) of a feature than it can best have costs 1, as does a
 * pair who met once before sitting together again (a pair who met twice: 2). The two aims
 * compete: with 36 members at tables of 6, tables that mirror all four demo categories exactly
 * leave few ways to seat people, so more weight on the mix means more repeat pairings
 * (docs/benchmarks.md, "Table groups", shows both).
 *
 * ## The search
 *
 * A greedy start (members in random order, each to the open table where they add least cost), then
 * simulated annealing over two kinds of step: swap two members at different tables, or (when the
 * sizes differ) move a member from a larger table to a smaller one, which keeps the sizes within
 * one. The temperature falls geometrically over a fixed number of iterations, and the best
 * allocation seen is returned. All randomness comes from a small PRNG (xoshiro128**) seeded from a
 * hash of the seed string, and the members are sorted by id first, so the same input and seed give
 * the same tables in any input order. It uses no clock, so it is deterministic at the cost of a
 * fixed iteration budget (200 members: about 50 ms on a shared server core).
 *
 * Locked members (placed by hand by the facilitator) keep their table; the others are arranged
 * around them.
 */

/** A member's answer per category, e.g. `{ Køn: 'Kvinde', Alder: '30–49 år' }`. */
export type Features = Readonly<Record<string, string>>;

/** A member present at the session. */
export interface TableMember {
	readonly id: string;
	readonly features: Features;
}

/** Two members who sat at the same table `count` times in earlier sessions (order of a, b free). */
export interface PairCount {
	readonly a: string;
	readonly b: string;
	readonly count: number;
}

/** A pair of member ids, the smaller (by string order) first. */
export type Pair = readonly [string, string];

/** Either the largest table (as many tables as needed) or the number of tables. */
export type TableLayout =
	| { readonly tableSize: number; readonly tableCount?: undefined }
	| { readonly tableCount: number; readonly tableSize?: undefined };

export type AllocationInput = TableLayout & {
	/** The members present; each is placed exactly once. */
	readonly members: readonly TableMember[];
	/** Pairings of earlier sessions, e.g. {@link tallyPairs} of their {@link pairsOf}. */
	readonly history?: readonly PairCount[];
	/** Member id → table index (0-based): members the facilitator placed by hand stay there. */
	readonly locked?: Readonly<Record<string, number>>;
	/** Any string; the same input and seed give the same tables. */
	readonly seed: string;
	/** Weights of the two parts of the objective (see the module comment); both 1 by default. */
	readonly weights?: { readonly mix?: number; readonly repeats?: number };
	/** Annealing steps; by default 50 000 or 500 per member, whichever is more. */
	readonly iterations?: number;
};

export interface TableAllocation {
	/** Table i's member ids, sorted. Tables keep their index (locked members refer to it). */
	readonly tables: string[][];
	/** {@link mixDeviation} of these tables, in percentage points. */
	readonly mixDeviation: number;
	/** {@link repeatPairings} of these tables against the history. */
	readonly repeatPairings: number;
}

export type TableAllocationErrorKey =
	'tables_invalid_layout' | 'tables_locked_unknown_table' | 'tables_too_many_locked';

/** A request that cannot be met; `key` is a message key in messages/tables. */
export class TableAllocationError extends Error {
	constructor(
		readonly key: TableAllocationErrorKey,
		message: string
	) {
		super(message);
		this.name = 'TableAllocationError';
	}
}

/** The number of tables for `memberCount` members at tables of at most `tableSize`. */
export function tableCountFor(memberCount: number, tableSize: number): number {
	if (!Number.isInteger(tableSize) || tableSize < 1) {
		throw new TableAllocationError('tables_invalid_layout', `Table size ${tableSize}`);
	}
	return Math.ceil(memberCount / tableSize);
}

/** The sizes of `tableCount` balanced tables for `memberCount` members, larger ones first. */
export function tableSizes(memberCount: number, tableCount: number): number[] {
	if (!Number.isInteger(tableCount) || tableCount < 0 || (tableCount === 0 && memberCount > 0)) {
		throw new TableAllocationError('tables_invalid_layout', `Table count ${tableCount}`);
	}
	const base = Math.floor(memberCount / Math.max(tableCount, 1));
	const larger = memberCount - base * tableCount;
	return Array.from({ length: tableCount }, (_, t) => base + (t < larger ? 1 : 0));
}

/** Splits the members present into tables; see the module comment for the objective. */
export function allocateTables(input: AllocationInput): TableAllocation {
	const problem = compile(input);
	const random = seededRandom(input.seed);
	const state = initialState(problem, random, true);
	anneal(problem, state, random, input.iterations ?? Math.max(50_000, 500 * problem.n));
	return finish(problem, state.tableOf, input);
}

/**
 * The baseline: the same tables (sizes, locked members) filled in random order, ignoring the mix
 * and the history.
 */
export function randomAllocation(input: AllocationInput): TableAllocation {
	const problem = compile(input);
	const state = initialState(problem, seededRandom(input.seed), false);
	return finish(problem, state.tableOf, input);
}

/**
 * The largest deviation of any table from the mix of everyone seated, in percentage points:
 * max over tables t, categories and their features f of |c_{t,f} / s_t − p_f| · 100, where p_f is
 * the share of f among all members seated in `tables`. 0 when every table has exactly the room's
 * mix. Seated ids missing from `members` count as unknown in every category.
 */
export function mixDeviation(
	tables: readonly (readonly string[])[],
	members: readonly TableMember[]
): number {
	const byId = new Map(members.map((member) => [member.id, member.features]));
	const seated = tables.flat();
	const categories = categoriesOf(seated.map((id) => byId.get(id) ?? {}));
	let largest = 0;
	for (const category of categories) {
		const valueOf = (id: string) => byId.get(id)?.[category] ?? '';
		const overall = countValues(seated.map(valueOf));
		for (const table of tables) {
			if (table.length === 0) continue;
			const atTable = countValues(table.map(valueOf));
			for (const [value, count] of overall) {
				const deviation = Math.abs(
					(atTable.get(value) ?? 0) / table.length - count / seated.length
				);
				largest = Math.max(largest, deviation);
			}
		}
	}
	return largest * 100;
}

/** The number of pairs sitting at the same table who sat together before (each pair once). */
export function repeatPairings(
	tables: readonly (readonly string[])[],
	history: readonly PairCount[]
): number {
	const met = new Set<string>();
	for (const { a, b, count } of history) if (count > 0) met.add(pairKey(a, b));
	let repeats = 0;
	for (const [a, b] of pairsOf(tables)) if (met.has(pairKey(a, b))) repeats++;
	return repeats;
}

/** Every pair of members at the same table, each pair once with the smaller id first: a session's pairings. */
export function pairsOf(tables: readonly (readonly string[])[]): Pair[] {
	const pairs: Pair[] = [];
	for (const table of tables) {
		const ids = [...table].sort(compareIds);
		for (let i = 0; i < ids.length; i++) {
			for (let j = i + 1; j < ids.length; j++) pairs.push([ids[i] ?? '', ids[j] ?? '']);
		}
	}
	return pairs;
}

/** Counts how often each pair occurs in the pairings of several sessions (the history). */
export function tallyPairs(pairings: Iterable<readonly [string, string]>): PairCount[] {
	const counts = new Map<string, PairCount>();
	for (const [x, y] of pairings) {
		const [a, b] = compareIds(x, y) <= 0 ? [x, y] : [y, x];
		const key = pairKey(a, b);
		counts.set(key, { a, b, count: (counts.get(key)?.count ?? 0) + 1 });
	}
	return [...counts.values()];
}

/**
 * The facilitator's swap: `a` and `b` change places (a new array; the input is unchanged). Throws
 * when either is not seated.
 */
export function swap(tables: readonly (readonly string[])[], a: string, b: string): string[][] {
	const [ta, ia] = seatOf(tables, a);
	const [tb, ib] = seatOf(tables, b);
	const next = tables.map((table) => [...table]);
	(next[ta] ?? [])[ia] = b;
	(next[tb] ?? [])[ib] = a;
	return next;
}

/**
 * Moves one member to another table (a late arrival, or a facilitator's choice); unlike
 * {@link swap} this may leave the sizes more than one apart. Throws when the member is not seated
 * or the table does not exist.
 */
export function moveMember(
	tables: readonly (readonly string[])[],
	id: string,
	table: number
): string[][] {
	const [from] = seatOf(tables, id);
	if (!Number.isInteger(table) || table < 0 || table >= tables.length) {
		throw new TableAllocationError('tables_locked_unknown_table', `No table ${table}`);
	}
	const next = tables.map((seats) => [...seats]);
	next[from] = (next[from] ?? []).filter((seat) => seat !== id);
	(next[table] ?? []).push(id);
	return next;
}

// ---------------------------------------------------------------------------------------------
// Internals

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pairKey = (a: string, b: string) =>
	compareIds(a, b) <= 0 ? `${a}\u0000${b}` : `${b}\u0000${a}`;

function seatOf(tables: readonly (readonly string[])[], id: string): [number, number] {
	for (let t = 0; t < tables.length; t++) {
		const at = tables[t]?.indexOf(id) ?? -1;
		if (at >= 0) return [t, at];
	}
	throw new Error(`${id} is not seated`);
}

function categoriesOf(features: readonly Features[]): string[] {
	const categories = new Set<string>();
	for (const answers of features)
		for (const category of Object.keys(answers)) categories.add(category);
	return [...categories].sort(compareIds);
}

function countValues(values: readonly string[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
	return counts;
}

type Random = () => number;

/** xoshiro128** seeded with cyrb128 of the seed string: fast, small and good enough for a search. */
function seededRandom(seed: string): Random {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < seed.length; i++) {
		const k = seed.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	let a = (h1 ^ h2 ^ h3 ^ h4) >>> 0;
	let b = (h2 ^ h1) >>> 0;
	let c = (h3 ^ h1) >>> 0;
	let d = (h4 ^ h1) >>> 0;
	if ((a | b | c | d) === 0) a = 1;
	return () => {
		const result = Math.imul(rotl(Math.imul(b, 5), 7), 9);
		const t = b << 9;
		c ^= a;
		d ^= b;
		b ^= c;
		a ^= d;
		c ^= t;
		d = rotl(d, 11);
		return (result >>> 0) / 4294967296;
	};
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

const randomInt = (random: Random, n: number) => Math.min(n - 1, Math.floor(random() * n));

/** The input as numbers: members by index (sorted by id), features by global index. */
interface Problem {
	n: number;
	ids: string[];
	/** Number of categories. */
	c: number;
	/** Number of features over all categories. */
	f: number;
	/** featureOf[i * c + k]: member i's feature in category k. */
	featureOf: Int32Array;
	/** share[f]: share of feature f among those present. */
	share: Float64Array;
	/** history[i * n + j]: how often i and j sat together before (symmetric). */
	history: Float64Array;
	hasHistory: boolean;
	/** Table of each member, or −1 when free to move. */
	lockedTable: Int32Array;
	/** Size of each table (the larger sizes where the most members are locked). */
	capacity: Int32Array;
	tableCount: number;
	mixWeight: number;
	repeatWeight: number;
}

function compile(input: AllocationInput): Problem {
	const members = [...input.members].sort((x, y) => compareIds(x.id, y.id));
	const n = members.length;
	const ids = members.map((member) => member.id);
	const indexOf = new Map(ids.map((id, i) => [id, i]));
	if (indexOf.size !== n) throw new Error('A member is listed twice');

	let tableCount: number;
	if (input.tableSize !== undefined) tableCount = tableCountFor(n, input.tableSize);
	else if (
		Number.isInteger(input.tableCount) &&
		input.tableCount >= 1 &&
		input.tableCount <= Math.max(n, 1)
	) {
		tableCount = n === 0 ? 0 : input.tableCount;
	} else throw new TableAllocationError('tables_invalid_layout', `Table count ${input.tableCount}`);

	const categories = categoriesOf(members.map((member) => member.features));
	const c = categories.length;
	const featureOf = new Int32Array(n * c);
	const counts: number[] = [];
	let f = 0;
	categories.forEach((category, k) => {
		const index = new Map<string, number>();
		members.forEach((member, i) => {
			const value = member.features[category] ?? '';
			let feature = index.get(value);
			if (feature === undefined) {
				feature = f++;
				index.set(value, feature);
				counts.push(0);
			}
			featureOf[i * c + k] = feature;
			counts[feature] = (counts[feature] ?? 0) + 1;
		});
	});
	const share = Float64Array.from(counts, (count) => count / Math.max(n, 1));

	const history = new Float64Array(n * n);
	let hasHistory = false;
	for (const { a, b, count } of input.history ?? []) {
		const i = indexOf.get(a);
		const j = indexOf.get(b);
		if (i === undefined || j === undefined || i === j || !(count > 0)) continue;
		history[i * n + j] = (history[i * n + j] ?? 0) + count;
		history[j * n + i] = (history[j * n + i] ?? 0) + count;
		hasHistory = true;
	}

	const lockedTable = new Int32Array(n).fill(-1);
	const lockedCount = new Int32Array(tableCount);
	for (const [id, table] of Object.entries(input.locked ?? {})) {
		const i = indexOf.get(id);
		if (i === undefined) continue; // placed by hand but not present today
		if (!Number.isInteger(table) || table < 0 || table >= tableCount) {
			throw new TableAllocationError('tables_locked_unknown_table', `No table ${table} for ${id}`);
		}
		lockedTable[i] = table;
		lockedCount[table] = (lockedCount[table] ?? 0) + 1;
	}
	// The larger tables go where the most members are locked (ties: lower index first).
	const sizes = tableSizes(n, tableCount);
	const order = Array.from({ length: tableCount }, (_, t) => t).sort(
		(x, y) => (lockedCount[y] ?? 0) - (lockedCount[x] ?? 0) || x - y
	);
	const capacity = new Int32Array(tableCount);
	order.forEach((t, rank) => {
		capacity[t] = sizes[rank] ?? 0;
		if ((lockedCount[t] ?? 0) > (capacity[t] ?? 0)) {
			throw new TableAllocationError(
				'tables_too_many_locked',
				`${lockedCount[t]} members locked at table ${t}, which seats ${capacity[t]}`
			);
		}
	});

	const mixWeight = input.weights?.mix ?? 1;
	const repeatWeight = input.weights?.repeats ?? 1;
	if (!(mixWeight >= 0) || !(repeatWeight >= 0)) throw new Error('Weights must be ≥ 0');
	return {
		n,
		ids,
		c,
		f,
		featureOf,
		share,
		history,
		hasHistory,
		lockedTable,
		capacity,
		tableCount,
		mixWeight,
		repeatWeight
	};
}

/** An allocation being searched: seats per table, with O(1) lookups both ways. */
interface State {
	tableOf: Int32Array;
	/** seats[t]: the members at table t, first size[t] entries used. */
	seats: Int32Array[];
	/** Where member i sits in seats[tableOf[i]]. */
	seatOf: Int32Array;
	size: Int32Array;
	/** counts[t * f + feature]. */
	counts: Int32Array;
}

function emptyState(problem: Problem): State {
	const { n, tableCount, f, capacity } = problem;
	const largest = capacity.reduce((most, size) => Math.max(most, size), 0);
	return {
		tableOf: new Int32Array(n).fill(-1),
		seats: Array.from({ length: tableCount }, () => new Int32Array(largest + 1)),
		seatOf: new Int32Array(n),
		size: new Int32Array(tableCount),
		counts: new Int32Array(tableCount * f)
	};
}

function seat(problem: Problem, state: State, i: number, t: number): void {
	const { c, f, featureOf } = problem;
	const at = state.size[t] ?? 0;
	const seats = state.seats[t];
	if (seats) seats[at] = i;
	state.seatOf[i] = at;
	state.size[t] = at + 1;
	state.tableOf[i] = t;
	for (let k = 0; k < c; k++) {
		const index = t * f + (featureOf[i * c + k] ?? 0);
		state.counts[index] = (state.counts[index] ?? 0) + 1;
	}
}

function unseat(problem: Problem, state: State, i: number): void {
	const { c, f, featureOf } = problem;
	const t = state.tableOf[i] ?? 0;
	const seats = state.seats[t];
	const last = (state.size[t] ?? 1) - 1;
	if (seats) {
		const at = state.seatOf[i] ?? 0;
		const moved = seats[last] ?? 0;
		seats[at] = moved;
		state.seatOf[moved] = at;
	}
	state.size[t] = last;
	state.tableOf[i] = -1;
	for (let k = 0; k < c; k++) {
		const index = t * f + (featureOf[i * c + k] ?? 0);
		state.counts[index] = (state.counts[index] ?? 0) - 1;
	}
}

function shuffle(values: number[], random: Random): number[] {
	for (let i = values.length - 1; i > 0; i--) {
		const j = randomInt(random, i + 1);
		const value = values[i] ?? 0;
		values[i] = values[j] ?? 0;
		values[j] = value;
	}
	return values;
}

/**
 * Locked members first, then the others in random order: greedily to the open table where they
 * add least cost (`greedy`), or simply to the next open seat (the random baseline).
 */
function initialState(problem: Problem, random: Random, greedy: boolean): State {
	const { n, c, f, tableCount, capacity, featureOf, share, history, lockedTable } = problem;
	const state = emptyState(problem);
	for (let i = 0; i < n; i++) {
		const t = lockedTable[i] ?? -1;
		if (t >= 0) seat(problem, state, i, t);
	}
	const free = shuffle(
		Array.from({ length: n }, (_, i) => i).filter((i) => (lockedTable[i] ?? -1) < 0),
		random
	);
	const tables = shuffle(
		Array.from({ length: tableCount }, (_, t) => t),
		random
	);
	let next = 0;
	for (const i of free) {
		let best = -1;
		if (greedy) {
			let bestCost = Infinity;
			for (const t of tables) {
				const size = state.size[t] ?? 0;
				const room = capacity[t] ?? 0;
				if (size >= room) continue;
				let mix = 0;
				for (let k = 0; k < c; k++) {
					const feature = featureOf[i * c + k] ?? 0;
					const count = state.counts[t * f + feature] ?? 0;
					const expected = room * (share[feature] ?? 0);
					mix += bandCost(count + 1, expected) - bandCost(count, expected);
				}
				let repeats = 0;
				const seats = state.seats[t];
				if (problem.hasHistory && seats) {
					for (let s = 0; s < size; s++) repeats += history[i * n + (seats[s] ?? 0)] ?? 0;
				}
				const cost = problem.mixWeight * mix + problem.repeatWeight * repeats;
				if (cost < bestCost) {
					bestCost = cost;
					best = t;
				}
			}
		} else {
			while ((state.size[tables[next] ?? 0] ?? 0) >= (capacity[tables[next] ?? 0] ?? 0)) next++;
			best = tables[next] ?? 0;
		}
		seat(problem, state, i, best);
	}
	return state;
}

/**
 * How far a table's count of a feature lies outside [⌊expected⌋, ⌈expected⌉], squared: 0 for every
 * count a table of this size can best have.
 */
function bandCost(count: number, expected: number): number {
	const below = Math.floor(expected + 1e-9) - count;
	const above = count - Math.ceil(expected - 1e-9);
	const outside = below > 0 ? below : above > 0 ? above : 0;
	return outside * outside;
}

/** Mix cost of table t at size `size` (its expectations move with its size). */
function tableMixCost(problem: Problem, state: State, t: number, size: number): number {
	const { f, share } = problem;
	let cost = 0;
	for (let feature = 0; feature < f; feature++) {
		cost += bandCost(state.counts[t * f + feature] ?? 0, size * (share[feature] ?? 0));
	}
	return cost;
}

const TRIES = 3;

/** Whether member i adds to the cost where they sit. */
function inConflict(problem: Problem, state: State, i: number): boolean {
	const { c, f, featureOf, share } = problem;
	const t = state.tableOf[i] ?? 0;
	const size = state.size[t] ?? 0;
	for (let k = 0; k < c; k++) {
		const feature = featureOf[i * c + k] ?? 0;
		if (bandCost(state.counts[t * f + feature] ?? 0, size * (share[feature] ?? 0)) > 0) return true;
	}
	return problem.hasHistory && historyWith(problem, state, i, t, i) > 0;
}

/** Sum of history between i and everyone at table t except `skip`. */
function historyWith(problem: Problem, state: State, i: number, t: number, skip: number): number {
	const { n, history } = problem;
	const seats = state.seats[t];
	const size = state.size[t] ?? 0;
	let sum = 0;
	if (!seats) return sum;
	for (let s = 0; s < size; s++) {
		const j = seats[s] ?? 0;
		if (j !== skip) sum += history[i * n + j] ?? 0;
	}
	return sum;
}

function totalCost(problem: Problem, state: State): number {
	let mix = 0;
	let repeats = 0;
	for (let t = 0; t < problem.tableCount; t++) {
		mix += tableMixCost(problem, state, t, state.size[t] ?? 0);
		const seats = state.seats[t];
		for (let s = 0; seats && s < (state.size[t] ?? 0); s++) {
			repeats += historyWith(problem, state, seats[s] ?? 0, t, seats[s] ?? 0) / 2;
		}
	}
	return problem.mixWeight * mix + problem.repeatWeight * repeats;
}

/** Simulated annealing over swaps and size-keeping moves; leaves the best allocation in `state`. */
function anneal(problem: Problem, state: State, random: Random, iterations: number): void {
	const { n, c, f, featureOf, share, lockedTable, tableCount, mixWeight, repeatWeight } = problem;
	const free = Array.from({ length: n }, (_, i) => i).filter((i) => (lockedTable[i] ?? -1) < 0);
	if (free.length < 2 || tableCount < 2) return;
	const smallest = state.size.reduce((least, size) => Math.min(least, size), Infinity);
	const unequal = state.size.some((size) => size !== smallest);

	// Cost changes are whole numbers times the weights (a person off at a table, a pair meeting again).
	const scale = Math.max(mixWeight, repeatWeight, 1e-9);
	const hot = 2 * scale;
	const cold = 0.01 * scale;
	const cooling = Math.pow(cold / hot, 1 / iterations);
	let temperature = hot;
	let cost = totalCost(problem, state);
	let bestCost = cost;
	const best = Int32Array.from(state.tableOf);
	let bestStale = false;

	for (let step = 0; step < iterations; step++, temperature *= cooling) {
		// Most members sit well; look a few times for one who does not (a repeat at the table, or a
		// feature the table has too much or too little of) before settling for anyone.
		let x = free[randomInt(random, free.length)] ?? 0;
		for (let look = 0; look < TRIES && !inConflict(problem, state, x); look++) {
			x = free[randomInt(random, free.length)] ?? 0;
		}
		const t = state.tableOf[x] ?? 0;
		let delta: number;
		let y = -1;
		let u: number;
		if (unequal && (state.size[t] ?? 0) > smallest && random() < 0.2) {
			// Move x to a smaller table: both tables' expectations change with their sizes.
			u = randomInt(random, tableCount);
			if (u === t || (state.size[u] ?? 0) !== smallest) continue;
			const before =
				tableMixCost(problem, state, t, state.size[t] ?? 0) +
				tableMixCost(problem, state, u, state.size[u] ?? 0);
			let after = 0;
			for (let k = 0; k < c; k++) {
				const feature = featureOf[x * c + k] ?? 0;
				state.counts[t * f + feature] = (state.counts[t * f + feature] ?? 0) - 1;
				state.counts[u * f + feature] = (state.counts[u * f + feature] ?? 0) + 1;
			}
			after =
				tableMixCost(problem, state, t, (state.size[t] ?? 0) - 1) +
				tableMixCost(problem, state, u, (state.size[u] ?? 0) + 1);
			for (let k = 0; k < c; k++) {
				const feature = featureOf[x * c + k] ?? 0;
				state.counts[t * f + feature] = (state.counts[t * f + feature] ?? 0) + 1;
				state.counts[u * f + feature] = (state.counts[u * f + feature] ?? 0) - 1;
			}
			delta = mixWeight * (after - before);
			if (problem.hasHistory) {
				delta +=
					repeatWeight *
					(historyWith(problem, state, x, u, -1) - historyWith(problem, state, x, t, x));
			}
		} else {
			y = free[randomInt(random, free.length)] ?? 0;
			u = state.tableOf[y] ?? 0;
			if (u === t) continue;
			const sizeT = state.size[t] ?? 0;
			const sizeU = state.size[u] ?? 0;
			let mix = 0;
			for (let k = 0; k < c; k++) {
				const fx = featureOf[x * c + k] ?? 0;
				const fy = featureOf[y * c + k] ?? 0;
				if (fx === fy) continue;
				// Table t loses an fx and gains an fy; table u the other way round.
				const tx = state.counts[t * f + fx] ?? 0;
				const ty = state.counts[t * f + fy] ?? 0;
				const ux = state.counts[u * f + fx] ?? 0;
				const uy = state.counts[u * f + fy] ?? 0;
				const etx = sizeT * (share[fx] ?? 0);
				const ety = sizeT * (share[fy] ?? 0);
				const eux = sizeU * (share[fx] ?? 0);
				const euy = sizeU * (share[fy] ?? 0);
				mix +=
					bandCost(tx - 1, etx) -
					bandCost(tx, etx) +
					bandCost(ty + 1, ety) -
					bandCost(ty, ety) +
					bandCost(ux + 1, eux) -
					bandCost(ux, eux) +
					bandCost(uy - 1, euy) -
					bandCost(uy, euy);
			}
			delta = mixWeight * mix;
			if (problem.hasHistory) {
				delta +=
					repeatWeight *
					(historyWith(problem, state, x, u, y) -
						historyWith(problem, state, x, t, x) +
						historyWith(problem, state, y, t, x) -
						historyWith(problem, state, y, u, y));
			}
		}
		if (delta > 1e-9) {
			if (random() >= Math.exp(-delta / temperature)) continue;
			// Leaving the best allocation seen: keep a copy (O(n), so only when it is left).
			if (bestStale) {
				best.set(state.tableOf);
				bestStale = false;
			}
		}
		unseat(problem, state, x);
		if (y >= 0) {
			unseat(problem, state, y);
			seat(problem, state, y, t);
		}
		seat(problem, state, x, u);
		cost += delta;
		if (cost < bestCost - 1e-9) {
			bestCost = cost;
			bestStale = true;
		}
	}
	if (!bestStale && cost > bestCost + 1e-9) rebuild(problem, state, best);
}

function rebuild(problem: Problem, state: State, tableOf: Int32Array): void {
	for (let i = 0; i < problem.n; i++) if ((state.tableOf[i] ?? -1) >= 0) unseat(problem, state, i);
	for (let i = 0; i < problem.n; i++) seat(problem, state, i, tableOf[i] ?? 0);
}

function finish(problem: Problem, tableOf: Int32Array, input: AllocationInput): TableAllocation {
	const tables = Array.from({ length: problem.tableCount }, () => new Array<string>());
	for (let i = 0; i < problem.n; i++) tables[tableOf[i] ?? 0]?.push(problem.ids[i] ?? '');
	return {
		tables,
		mixDeviation: mixDeviation(tables, input.members),
		repeatPairings: repeatPairings(tables, input.history ?? [])
	};
}
