/**
 * Which panels are valid, and whether any exists. A panel is valid when it has exactly k people,
 * every quota row holds (min ≤ people with that feature ≤ max) and, with `onePerHousehold`, no two
 * people share a household. When no panel is valid, {@link checkFeasibility} names the quotas in
 * conflict and proposes the smallest change of min and max values that admits one.
 */
import { getHighs, quietOptions, runToOptimality, toModelData, type LinearProgram } from './solver';
import type { Instance, Quota } from './types';

/** The instance as index arrays: what every algorithm here works on. */
export interface CompiledInstance {
	n: number;
	k: number;
	quotas: Quota[];
	/** For each quota row, the pool indices of the people it counts. */
	members: number[][];
	/** For each person, the quota rows that count them. */
	quotasOf: number[][];
	/** Groups of two or more people of whom at most one may be selected (empty unless `onePerHousehold`). */
	households: number[][];
	/** For each person, the index of their group in `households`, or -1. */
	householdOf: Int32Array;
}

export function compileInstance(instance: Instance): CompiledInstance {
	const n = instance.pool.length;
	const members = instance.quotas.map(() => [] as number[]);
	const quotasOf = instance.pool.map(() => [] as number[]);
	const rowsByFeature = new Map<string, number[]>();
	instance.quotas.forEach((quota, row) => {
		const key = featureKey(quota.category, quota.feature);
		rowsByFeature.set(key, [...(rowsByFeature.get(key) ?? []), row]);
	});
	const categories = [...new Set(instance.quotas.map((quota) => quota.category))];
	instance.pool.forEach((person, i) => {
		for (const category of categories) {
			const value = person.features[category];
			if (value === undefined) continue;
			for (const row of rowsByFeature.get(featureKey(category, value)) ?? []) {
				members[row]?.push(i);
				quotasOf[i]?.push(row);
			}
		}
	});
	const householdOf = new Int32Array(n).fill(-1);
	const households: number[][] = [];
	if (instance.onePerHousehold) {
		const byKey = new Map<string, number[]>();
		instance.pool.forEach((person, i) => {
			if (person.household === undefined || person.household === '') return;
			byKey.set(person.household, [...(byKey.get(person.household) ?? []), i]);
		});
		for (const group of byKey.values()) {
			if (group.length < 2) continue;
			for (const i of group) householdOf[i] = households.length;
			households.push(group);
		}
	}
	return { n, k: instance.k, quotas: instance.quotas, members, quotasOf, households, householdOf };
}

function featureKey(category: string, feature: string): string {
	return JSON.stringify([category, feature]);
}

/**
 * The panel ILP without an objective: binary x_i, Σ x_i = k, each quota row, each household ≤ 1.
 * Row 0 is the size constraint, rows 1..quotas are the quotas in order, then the households.
 */
export function panelProgram(compiled: CompiledInstance, cost?: number[]): LinearProgram {
	const { n, k } = compiled;
	const all = Array.from({ length: n }, (_, i) => i);
	return {
		sense: 'maximize',
		cost: cost ?? new Array<number>(n).fill(0),
		lower: new Array<number>(n).fill(0),
		upper: new Array<number>(n).fill(1),
		integer: new Array<boolean>(n).fill(true),
		rows: [
			{ indices: all, values: all.map(() => 1), lower: k, upper: k },
			...compiled.quotas.map((quota, row) => {
				const people = compiled.members[row] ?? [];
				return { indices: people, values: people.map(() => 1), lower: quota.min, upper: quota.max };
			}),
			...compiled.households.map((group) => ({
				indices: group,
				values: group.map(() => 1),
				lower: 0,
				upper: 1
			}))
		]
	};
}

/** Why a panel breaks the rules, or null when it is valid. */
export function panelViolation(
	compiled: CompiledInstance,
	panel: readonly number[]
): string | null {
	if (panel.length !== compiled.k) return `has ${panel.length} people, not ${compiled.k}`;
	const seen = new Set<number>();
	const households = new Set<number>();
	const counts = new Array<number>(compiled.quotas.length).fill(0);
	for (const i of panel) {
		if (!Number.isInteger(i) || i < 0 || i >= compiled.n) return `has an unknown person ${i}`;
		if (seen.has(i)) return `has person ${i} twice`;
		seen.add(i);
		const household = compiled.householdOf[i] ?? -1;
		if (household >= 0) {
			if (households.has(household)) return `has two people from one household`;
			households.add(household);
		}
		for (const row of compiled.quotasOf[i] ?? []) counts[row] = (counts[row] ?? 0) + 1;
	}
	for (const [row, quota] of compiled.quotas.entries()) {
		const count = counts[row] ?? 0;
		if (count < quota.min || count > quota.max) {
			return `has ${count} × ${quota.category}=${quota.feature}, outside ${quota.min}..${quota.max}`;
		}
	}
	return null;
}

/** A reason, found by counting alone, why no panel can exist. */
export type Conflict =
	| { kind: 'pool-too-small'; available: number; k: number }
	| { kind: 'min-above-max'; category: string; feature: string; min: number; max: number }
	| {
			kind: 'too-few-in-pool';
			category: string;
			feature: string;
			min: number;
			/** People (with one per household: households) in the pool with the feature. */
			available: number;
	  }
	| { kind: 'category-mins-above-k'; category: string; sumOfMins: number; k: number }
	| {
			kind: 'category-maxes-below-k';
			category: string;
			/** Σ over the category's features of min(max, available), plus people with unlisted values. */
			reachable: number;
			k: number;
	  }
	| {
			/** Each quota can be met on its own, but not together: these categories had to give way. */
			kind: 'combination';
			categories: string[];
	  };

/** A proposed new min/max for one quota row. */
export interface QuotaChange {
	category: string;
	feature: string;
	min: number;
	max: number;
	newMin: number;
	newMax: number;
}

export interface FeasibilityResult {
	feasible: boolean;
	conflicts: Conflict[];
	/** The smallest change (total of lowered mins and raised maxes) that admits a panel; empty when feasible. */
	relaxation: QuotaChange[];
	/** The quotas with the relaxation applied (equal to the input when feasible); null when none helps. */
	relaxedQuotas: Quota[] | null;
	/** One valid panel (pool indices, sorted) under the relaxed quotas; null when none exists. */
	examplePanel: number[] | null;
	/** People whose value in a quota category has no quota row: no quota counts them. */
	unlistedFeatures: { person: string; category: string; feature: string }[];
}

/**
 * Can any panel of size k meet every quota (and one-per-household if set)? If not, names the
 * conflicts that counting reveals and proposes the smallest relaxation of min/max values
 * (an ILP minimising the total change) under which a panel exists.
 */
export async function checkFeasibility(instance: Instance): Promise<FeasibilityResult> {
	const compiled = compileInstance(instance);
	const conflicts = countingConflicts(instance, compiled);
	const unlistedFeatures = findUnlisted(instance);
	const size = availableUnits(compiled, null);
	if (size < compiled.k) {
		return {
			feasible: false,
			conflicts,
			relaxation: [],
			relaxedQuotas: null,
			examplePanel: null,
			unlistedFeatures
		};
	}
	const relaxed = await smallestRelaxation(compiled);
	const feasible = relaxed.changes.length === 0;
	if (!feasible && conflicts.length === 0) {
		const categories = [...new Set(relaxed.changes.map((change) => change.category))];
		conflicts.push({ kind: 'combination', categories });
	}
	return {
		feasible,
		conflicts: feasible ? [] : conflicts,
		relaxation: relaxed.changes,
		relaxedQuotas: relaxed.quotas,
		examplePanel: relaxed.panel,
		unlistedFeatures
	};
}

/** People (or, with one per household, distinct households) among `people`, or the whole pool. */
function availableUnits(compiled: CompiledInstance, people: readonly number[] | null): number {
	const list = people ?? Array.from({ length: compiled.n }, (_, i) => i);
	const households = new Set<number>();
	let singles = 0;
	for (const i of list) {
		const household = compiled.householdOf[i] ?? -1;
		if (household >= 0) households.add(household);
		else singles++;
	}
	return singles + households.size;
}

function countingConflicts(instance: Instance, compiled: CompiledInstance): Conflict[] {
	const conflicts: Conflict[] = [];
	const { k } = compiled;
	const poolUnits = availableUnits(compiled, null);
	if (poolUnits < k) conflicts.push({ kind: 'pool-too-small', available: poolUnits, k });
	const available = compiled.members.map((people) => availableUnits(compiled, people));
	instance.quotas.forEach((quota, row) => {
		const { category, feature, min, max } = quota;
		if (min > max) conflicts.push({ kind: 'min-above-max', category, feature, min, max });
		const count = available[row] ?? 0;
		if (count < min)
			conflicts.push({ kind: 'too-few-in-pool', category, feature, min, available: count });
	});
	const categories = [...new Set(instance.quotas.map((quota) => quota.category))];
	for (const category of categories) {
		const rows = instance.quotas.flatMap((quota, row) =>
			quota.category === category ? [row] : []
		);
		const sumOfMins = rows.reduce((sum, row) => sum + (instance.quotas[row]?.min ?? 0), 0);
		if (sumOfMins > k) conflicts.push({ kind: 'category-mins-above-k', category, sumOfMins, k });
		const listed = new Set(rows.map((row) => instance.quotas[row]?.feature));
		const unlisted = instance.pool.filter((person) => {
			const value = person.features[category];
			return value === undefined || !listed.has(value);
		}).length;
		const reachable =
			unlisted +
			rows.reduce(
				(sum, row) => sum + Math.min(instance.quotas[row]?.max ?? 0, available[row] ?? 0),
				0
			);
		if (reachable < k) conflicts.push({ kind: 'category-maxes-below-k', category, reachable, k });
	}
	return conflicts;
}

function findUnlisted(instance: Instance): FeasibilityResult['unlistedFeatures'] {
	const listed = new Set(instance.quotas.map((quota) => featureKey(quota.category, quota.feature)));
	const categories = [...new Set(instance.quotas.map((quota) => quota.category))];
	const result: FeasibilityResult['unlistedFeatures'] = [];
	for (const person of instance.pool) {
		for (const category of categories) {
			const feature = person.features[category] ?? '';
			if (!listed.has(featureKey(category, feature))) {
				result.push({ person: person.id, category, feature });
			}
		}
	}
	return result;
}

/**
 * The ILP: binary x_i; integer l_r ∈ [0, min_r] lowers row r's min, u_r ≥ 0 raises its max;
 * min_r − l_r ≤ Σ_{i∈r} x_i ≤ max_r + u_r; minimise Σ (l_r + u_r). A min above its max is first
 * resolved by lowering the min to the max (counted in the total), so the ILP always has a panel
 * whenever the pool has k people (or households).
 */
async function smallestRelaxation(compiled: CompiledInstance): Promise<{
	changes: QuotaChange[];
	quotas: Quota[];
	panel: number[] | null;
}> {
	const highs = await getHighs();
	const base = panelProgram(compiled);
	const { n } = compiled;
	const program: LinearProgram = {
		sense: 'minimize',
		cost: [...new Array<number>(n).fill(0)],
		lower: [...base.lower],
		upper: [...base.upper],
		integer: [...new Array<boolean>(n).fill(true)],
		rows: base.rows.map((row) => ({ ...row, indices: [...row.indices], values: [...row.values] }))
	};
	const lowerBy: number[] = [];
	const raiseBy: number[] = [];
	compiled.quotas.forEach((quota, r) => {
		const row = program.rows[1 + r];
		if (!row) return;
		const max = Math.max(0, quota.max);
		const min = Math.min(Math.max(0, quota.min), max);
		// Σ x − … ≥ min − l  ⇔  Σ x + l ≥ min;   Σ x ≤ max + u  ⇔  Σ x − u ≤ max: two rows.
		lowerBy.push(program.cost.length);
		program.cost.push(1);
		program.lower.push(0);
		program.upper.push(min);
		program.integer?.push(true);
		raiseBy.push(program.cost.length);
		program.cost.push(1);
		program.lower.push(0);
		program.upper.push(Infinity);
		program.integer?.push(true);
		row.lower = min;
		row.upper = Infinity;
		row.indices.push(lowerBy[r] ?? 0);
		row.values.push(1);
		program.rows.push({
			indices: [...(compiled.members[r] ?? []), raiseBy[r] ?? 0],
			values: [...(compiled.members[r] ?? []).map(() => 1), -1],
			lower: -Infinity,
			upper: max
		});
	});
	const model = highs.createModel(toModelData(highs, program));
	try {
		model.options.set({ ...quietOptions, mip_rel_gap: 0 });
		const outcome = runToOptimality(model, {
			what: 'the quota relaxation',
			mip: true,
			allowInfeasible: true
		});
		if (outcome === 'infeasible') return { changes: [], quotas: compiled.quotas, panel: null };
		const values = model.getSolution().colValue;
		const panel: number[] = [];
		for (let i = 0; i < n; i++) if ((values[i] ?? 0) > 0.5) panel.push(i);
		const changes: QuotaChange[] = [];
		const quotas = compiled.quotas.map((quota, r) => {
			const max = Math.max(0, quota.max);
			const min = Math.min(Math.max(0, quota.min), max);
			const newMin = min - Math.round(values[lowerBy[r] ?? 0] ?? 0);
			const newMax = max + Math.round(values[raiseBy[r] ?? 0] ?? 0);
			if (newMin !== quota.min || newMax !== quota.max) {
				changes.push({ ...quota, newMin, newMax });
			}
			return { ...quota, min: newMin, max: newMax };
		});
		return { changes, quotas, panel };
	} finally {
		model.dispose();
	}
}
