/**
 * Rounding a distribution over panels to a uniform lottery over M tickets (default 1,000): panel i
 * gets c_i tickets, Σ c_i = M, and drawing one ticket uniformly at random picks the panel. A lottery
 * is easy to show and check in public (Flanigan, Kehne, Procaccia, "Fair sortition made
 * transparent", NeurIPS 2021); the price is a small change in each person's selection probability.
 *
 * Guarantee (proved below, tested in lottery.test.ts). Let w_i be the normalised weights, x_i = M·w_i,
 * k the largest panel size, π_j = Σ_{i ∋ j} w_i person j's probability under the distribution and
 * π'_j = Σ_{i ∋ j} c_i / M under the lottery. Then
 *   (1) Σ c_i = M exactly, and c_i ∈ {⌊x_i⌋, ⌈x_i⌉} for every panel;
 *   (2) |π'_j − π_j| < k / M for every person j (for k = 20, M = 1000: less than 0.02).
 * In practice the change is a few tickets at most (see the tests); (2) is the worst case.
 * Choose M ≥ k / min_j π_j to be sure that nobody with a positive probability drops to zero.
 *
 * Method: iterated rounding after Beck and Fiala. Write c_i = ⌊x_i⌋ + y_i and round the fractional
 * parts y ∈ [0,1]^f to 0/1. Repeat: call a person *tight* when more than k of the still-fractional
 * panels contain them. Move y along a direction d that keeps Σ y and the count of every tight
 * person fixed, until some y_i reaches 0 or 1. Such a d exists while f ≥ 2 fractional panels remain:
 * - if f ≥ k+2, the f fractional panels hold at most k·f memberships, so at most
 *   k·f/(k+1) < f−1 people are tight, and with the sum there are at most f−1 constraints;
 * - if 2 ≤ f ≤ k+1, a tight person is in all f fractional panels, so their constraint is the sum
 *   constraint and one constraint remains.
 * (f = 1 cannot happen: Σ y is an integer.) A person's count is kept exactly while they are
 * tight; from the moment they are not, at most k of their panels are still fractional and each
 * moves by less than 1, so their count changes by less than k in all. This gives (2); (1) holds
 * because Σ y never changes and each y_i only moves inside [0,1]. (The code works out the
 * directions for several steps at once and keeps a person's constraint until the next such
 * computation, which only keeps more counts exact; values within 1e-9 of 0 or 1 are snapped.)
 *
 * A local search then moves single tickets between panels rounded up and panels rounded down
 * while that lowers Σ_j (tickets_j − M·π_j)² without raising the largest deviation (`refine`), so
 * the guarantee stands and the typical deviation shrinks.
 *
 * The procedure is deterministic: panels are sorted canonically (lexicographically as index lists,
 * duplicates merged) before anything else, and every choice below follows that order.
 */
import type { Distribution } from './types';

export const DEFAULT_TICKETS = 1000;

export interface LotteryEntry {
	/** Sorted pool indices. */
	panel: number[];
	/** How many of the M tickets draw this panel (≥ 1). */
	tickets: number;
}

/** A uniform lottery: ticket t (0 ≤ t < m) draws the panel whose ticket range holds t. */
export interface Lottery {
	m: number;
	/** In canonical panel order; ticket ranges follow this order. */
	entries: LotteryEntry[];
}

/** Lexicographic order of sorted index lists (a proper prefix comes first). */
export function comparePanels(a: readonly number[], b: readonly number[]): number {
	const n = Math.min(a.length, b.length);
	for (let i = 0; i < n; i++) {
		const d = (a[i] ?? 0) - (b[i] ?? 0);
		if (d !== 0) return d;
	}
	return a.length - b.length;
}

function checkPanel(panel: readonly number[]): void {
	for (let i = 0; i < panel.length; i++) {
		const v = panel[i] ?? -1;
		if (!Number.isInteger(v) || v < 0) throw new Error(`Panel index ${v} is not a pool index`);
		if (i > 0 && v <= (panel[i - 1] ?? -1)) {
			throw new Error('A panel must list distinct pool indices in increasing order');
		}
	}
}

/** Panels sorted canonically, duplicates merged, zero weights dropped, weights summing to 1. */
export function canonicalDistribution(distribution: Distribution): Distribution {
	if (distribution.panels.length !== distribution.weights.length) {
		throw new Error('A distribution needs one weight per panel');
	}
	const items = distribution.panels.map((panel, i) => {
		checkPanel(panel);
		const weight = distribution.weights[i] ?? 0;
		if (!Number.isFinite(weight) || weight < 0) throw new Error(`Bad weight ${weight}`);
		return { panel: [...panel], weight };
	});
	items.sort((a, b) => comparePanels(a.panel, b.panel));
	const panels: number[][] = [];
	const weights: number[] = [];
	for (const item of items) {
		if (item.weight === 0) continue;
		const last = panels[panels.length - 1];
		if (last && comparePanels(last, item.panel) === 0) {
			weights[weights.length - 1] = (weights[weights.length - 1] ?? 0) + item.weight;
		} else {
			panels.push(item.panel);
			weights.push(item.weight);
		}
	}
	const total = weights.reduce((s, w) => s + w, 0);
	if (!(total > 0)) throw new Error('A distribution needs a positive total weight');
	return { panels, weights: weights.map((w) => w / total) };
}

/** Each person's selection probability under a distribution (indices 0..n−1). */
export function distributionMarginals(distribution: Distribution, n: number): number[] {
	const total = distribution.weights.reduce((s, w) => s + w, 0);
	const marginals = new Array<number>(n).fill(0);
	distribution.panels.forEach((panel, i) => {
		const w = (distribution.weights[i] ?? 0) / total;
		for (const j of panel) marginals[j] = (marginals[j] ?? 0) + w;
	});
	return marginals;
}

/** Each person's number of tickets in a lottery (their probability is tickets / m). */
export function lotteryTickets(lottery: Lottery, n: number): number[] {
	const tickets = new Array<number>(n).fill(0);
	for (const entry of lottery.entries) {
		for (const j of entry.panel) tickets[j] = (tickets[j] ?? 0) + entry.tickets;
	}
	return tickets;
}

/** The panel drawn by ticket t, 0 ≤ t < m. */
export function lotteryPanel(lottery: Lottery, ticket: number): number[] {
	let end = 0;
	for (const entry of lottery.entries) {
		end += entry.tickets;
		if (ticket < end) return entry.panel;
	}
	throw new RangeError(`Ticket ${ticket} is outside the lottery's ${lottery.m} tickets`);
}

/** The guaranteed bound on |π'_j − π_j|: strictly less than this. */
export function lotteryBound(panelSize: number, m: number): number {
	return panelSize / m;
}

const EPS = 1e-9;

/** y[cols] moves only along directions in `basis`; see the module comment. */
class IteratedRounding {
	readonly y: Float64Array;
	readonly #panels: number[][];
	readonly #width: number;
	#cols: number[] = [];
	#basis: Float64Array[] = [];

	constructor(y: Float64Array, panels: number[][], width: number) {
		this.y = y;
		this.#panels = panels;
		this.#width = width;
	}

	#fractional(): number[] {
		const cols: number[] = [];
		for (let i = 0; i < this.y.length; i++) {
			const v = this.y[i] ?? 0;
			if (v > EPS && v < 1 - EPS) cols.push(i);
		}
		return cols;
	}

	/** A basis of the directions that keep the sum and every tight person's count. */
	#recompute(cols: number[]): void {
		const f = cols.length;
		const memberships = new Map<number, number[]>();
		cols.forEach((col, position) => {
			for (const person of this.#panels[col] ?? []) {
				const list = memberships.get(person) ?? [];
				list.push(position);
				memberships.set(person, list);
			}
		});
		const rows: Float64Array[] = [new Float64Array(f).fill(1)];
		const tight = [...memberships.entries()]
			.filter(([, positions]) => positions.length > this.#width)
			.sort(([a], [b]) => a - b);
		for (const [, positions] of tight) {
			const row = new Float64Array(f);
			for (const p of positions) row[p] = 1;
			rows.push(row);
		}
		this.#cols = cols;
		this.#basis = nullSpace(rows, f);
		if (this.#basis.length === 0) {
			throw new Error('Lottery rounding found no direction to move in (numerical trouble)');
		}
	}

	run(): void {
		for (;;) {
			if (this.#basis.length === 0) {
				const cols = this.#fractional();
				if (cols.length === 0) return;
				if (cols.length === 1) {
					// Only reachable through rounding error: Σ y is an integer.
					const col = cols[0] ?? 0;
					this.y[col] = Math.round(this.y[col] ?? 0);
					return;
				}
				this.#recompute(cols);
			}
			this.#step();
		}
	}

	#step(): void {
		const d = this.#basis[0];
		if (!d) return;
		const cols = this.#cols;
		let up = Infinity;
		let down = Infinity;
		let upAt = -1;
		let downAt = -1;
		for (let p = 0; p < d.length; p++) {
			const dp = d[p] ?? 0;
			if (Math.abs(dp) < 1e-12) continue;
			const v = this.y[cols[p] ?? 0] ?? 0;
			const toUpper = (1 - v) / Math.abs(dp);
			const toLower = v / Math.abs(dp);
			const forward = dp > 0 ? toUpper : toLower;
			const backward = dp > 0 ? toLower : toUpper;
			if (forward < up) [up, upAt] = [forward, p];
			if (backward < down) [down, downAt] = [backward, p];
		}
		if (upAt < 0) {
			this.#basis.shift();
			return;
		}
		// The shorter of the two moves, forward on a tie.
		const sign = up <= down ? 1 : -1;
		const t = sign > 0 ? up : down;
		const hit = sign > 0 ? upAt : downAt;
		const newlyIntegral: number[] = [];
		for (let p = 0; p < d.length; p++) {
			const dp = d[p] ?? 0;
			if (dp === 0) continue;
			const col = cols[p] ?? 0;
			let v = (this.y[col] ?? 0) + sign * t * dp;
			if (p === hit) v = Math.round(v);
			if (v <= EPS) v = 0;
			else if (v >= 1 - EPS) v = 1;
			this.y[col] = v;
			if (v === 0 || v === 1) newlyIntegral.push(p);
		}
		for (const p of newlyIntegral) this.#fix(p);
	}

	/** Drops coordinate p from every direction, keeping them a basis of what remains. */
	#fix(p: number): void {
		let pivotIndex = -1;
		let best = 1e-12;
		this.#basis.forEach((b, i) => {
			if (Math.abs(b[p] ?? 0) > best) [best, pivotIndex] = [Math.abs(b[p] ?? 0), i];
		});
		const pivot = pivotIndex >= 0 ? this.#basis[pivotIndex] : undefined;
		const next: Float64Array[] = [];
		for (const b of this.#basis) {
			if (b === pivot) continue;
			const factor = pivot ? (b[p] ?? 0) / (pivot[p] ?? 1) : 0;
			if (factor !== 0 && pivot)
				for (let q = 0; q < b.length; q++) b[q] = (b[q] ?? 0) - factor * (pivot[q] ?? 0);
			b[p] = 0;
			let scale = 0;
			for (const v of b) scale = Math.max(scale, Math.abs(v));
			if (scale < 1e-9) continue;
			for (let q = 0; q < b.length; q++) b[q] = (b[q] ?? 0) / scale;
			next.push(b);
		}
		this.#basis = next;
	}
}

/** A basis of {d : row·d = 0 for every row}, by Gauss–Jordan elimination with partial pivoting. */
function nullSpace(input: Float64Array[], width: number): Float64Array[] {
	const rows = input.map((r) => Float64Array.from(r));
	const pivotColumns: number[] = [];
	let rank = 0;
	for (let col = 0; col < width && rank < rows.length; col++) {
		let best = rank;
		for (let r = rank + 1; r < rows.length; r++) {
			if (Math.abs(rows[r]?.[col] ?? 0) > Math.abs(rows[best]?.[col] ?? 0)) best = r;
		}
		const pivotRow = rows[best];
		if (!pivotRow || Math.abs(pivotRow[col] ?? 0) < 1e-9) continue;
		[rows[rank], rows[best]] = [pivotRow, rows[rank] ?? pivotRow];
		const scale = pivotRow[col] ?? 1;
		for (let c = col; c < width; c++) pivotRow[c] = (pivotRow[c] ?? 0) / scale;
		for (let r = 0; r < rows.length; r++) {
			const row = rows[r];
			if (!row || r === rank) continue;
			const factor = row[col] ?? 0;
			if (factor === 0) continue;
			for (let c = col; c < width; c++) row[c] = (row[c] ?? 0) - factor * (pivotRow[c] ?? 0);
		}
		pivotColumns.push(col);
		rank++;
	}
	const isPivot = new Set(pivotColumns);
	const basis: Float64Array[] = [];
	for (let free = 0; free < width; free++) {
		if (isPivot.has(free)) continue;
		const v = new Float64Array(width);
		v[free] = 1;
		pivotColumns.forEach((col, r) => {
			v[col] = -(rows[r]?.[free] ?? 0);
		});
		basis.push(v);
	}
	return basis;
}

/** Upper limit on the local search's work (person-steps), so that big lotteries stay quick. */
const REFINE_WORK = 30_000_000;

/**
 * Local search after the rounding: move one ticket from a panel that was rounded up to one that
 * was rounded down (so c_i stays in {⌊x_i⌋, ⌈x_i⌉}), taking the move that lowers
 * Σ_j (tickets_j − M·π_j)² the most without raising the largest |tickets_j − M·π_j|, until no move
 * helps. The largest deviation never grows, so the guarantee of the rounding stands.
 */
function refine(counts: number[], x: number[], panels: number[][]): void {
	const n = Math.max(0, ...panels.map((p) => (p.length ? (p[p.length - 1] ?? 0) + 1 : 0)));
	const err = new Float64Array(n);
	panels.forEach((panel, i) => {
		const d = (counts[i] ?? 0) - (x[i] ?? 0);
		for (const j of panel) err[j] = (err[j] ?? 0) + d;
	});
	let work = 0;
	while (work < REFINE_WORK) {
		let worst = 0;
		for (const e of err) worst = Math.max(worst, Math.abs(e));
		const limit = worst + 1e-12;
		const up: number[] = [];
		const down: number[] = [];
		counts.forEach((c, i) => {
			if (c - (x[i] ?? 0) > EPS) up.push(i);
			else if ((x[i] ?? 0) - c > EPS) down.push(i);
		});
		let best: [number, number] | null = null;
		let bestDelta = -1e-9;
		for (const a of up) {
			const pa = panels[a] ?? [];
			for (const b of down) {
				const pb = panels[b] ?? [];
				work += pa.length + pb.length;
				let delta = 0;
				let allowed = true;
				let i = 0;
				let j = 0;
				while (allowed && (i < pa.length || j < pb.length)) {
					const va = pa[i] ?? Infinity;
					const vb = pb[j] ?? Infinity;
					if (va === vb) {
						i++;
						j++;
					} else if (va < vb) {
						const e = err[va] ?? 0;
						delta += 1 - 2 * e;
						allowed = Math.abs(e - 1) <= limit;
						i++;
					} else {
						const e = err[vb] ?? 0;
						delta += 1 + 2 * e;
						allowed = Math.abs(e + 1) <= limit;
						j++;
					}
				}
				if (allowed && delta < bestDelta) [best, bestDelta] = [[a, b], delta];
			}
		}
		if (!best) return;
		const [a, b] = best;
		counts[a] = (counts[a] ?? 0) - 1;
		counts[b] = (counts[b] ?? 0) + 1;
		for (const j of panels[a] ?? []) err[j] = (err[j] ?? 0) - 1;
		for (const j of panels[b] ?? []) err[j] = (err[j] ?? 0) + 1;
	}
}

/**
 * The uniform lottery over m tickets for a distribution, with the guarantee in the module comment.
 * The same distribution (in any panel order) always gives the same lottery.
 */
export function roundToLottery(distribution: Distribution, m = DEFAULT_TICKETS): Lottery {
	if (!Number.isSafeInteger(m) || m < 1) throw new Error(`The number of tickets must be ≥ 1: ${m}`);
	const { panels, weights } = canonicalDistribution(distribution);
	const width = Math.max(...panels.map((p) => p.length));
	const base = new Array<number>(panels.length);
	const y = new Float64Array(panels.length);
	weights.forEach((w, i) => {
		const x = w * m;
		let floor = Math.floor(x);
		let frac = x - floor;
		if (frac > 1 - EPS) [floor, frac] = [floor + 1, 0];
		else if (frac < EPS) frac = 0;
		base[i] = floor;
		y[i] = frac;
	});
	new IteratedRounding(y, panels, width).run();
	const counts = base.map((b, i) => b + Math.round(y[i] ?? 0));
	const total = counts.reduce((s, c) => s + c, 0);
	if (total !== m) {
		throw new Error(`Lottery rounding gave ${total} tickets instead of ${m} (numerical trouble)`);
	}
	refine(
		counts,
		weights.map((w) => w * m),
		panels
	);
	const entries: LotteryEntry[] = [];
	panels.forEach((panel, i) => {
		const tickets = counts[i] ?? 0;
		if (tickets > 0) entries.push({ panel, tickets });
	});
	return { m, entries };
}
