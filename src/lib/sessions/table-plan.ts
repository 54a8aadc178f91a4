/**
 * From a session's saved seats to what the facilitator's table page shows and saves: the tables as
 * lists of ids, the history of who met whom, the seats placed by hand, the mix at each table and
 * the measures against a random allocation. Pure: no database, no SvelteKit.
 */
import {
	allocateTables,
	mixDeviation,
	pairsOf,
	randomAllocation,
	repeatPairings,
	tallyPairs,
	type PairCount,
	type TableAllocation,
	type TableMember
} from './tables';

export interface Seat {
	readonly person_id: string;
	/** 1-based, as the tables are numbered for people. */
	readonly table_number: number;
	readonly placed_by_hand: boolean;
}

/** The seed of round `round` of a session's tables: a new round gives a new arrangement. */
export const seedFor = (sessionId: string, round: number) => `${sessionId}:${round}`;

/** The saved seats as tables (index 0 is table 1), each sorted by `order` (e.g. by name). */
export function tablesFromSeats(
	seats: readonly Seat[],
	tableCount: number,
	order: (a: string, b: string) => number = (a, b) => (a < b ? -1 : a > b ? 1 : 0)
): string[][] {
	const count = Math.max(tableCount, ...seats.map((seat) => seat.table_number), 0);
	const tables = Array.from({ length: count }, () => new Array<string>());
	for (const seat of seats) tables[seat.table_number - 1]?.push(seat.person_id);
	return tables.map((table) => table.sort(order));
}

/** Earlier sessions' tables (each a list of ids) as how often each pair sat together. */
export function historyFrom(earlierTables: readonly (readonly string[])[]): PairCount[] {
	return tallyPairs(pairsOf(earlierTables));
}

/** The facilitator's own placements (swaps and moves), as `locked` for allocateTables (0-based). */
export function lockedFrom(seats: readonly Seat[], present: ReadonlySet<string>) {
	const locked: Record<string, number> = {};
	for (const seat of seats) {
		if (seat.placed_by_hand && present.has(seat.person_id)) {
			locked[seat.person_id] = seat.table_number - 1;
		}
	}
	return locked;
}

/** How many at a table have each feature of a category, e.g. Køn: Kvinde 3, Mand 3. */
export interface CategoryMix {
	category: string;
	counts: { feature: string; count: number }[];
}

/**
 * The mix at one table per category, features in the order of how common they are among everyone
 * seated (then by name), so the tables read alike. A missing answer is the feature ''.
 */
export function tableMix(
	table: readonly string[],
	members: readonly TableMember[],
	categories: readonly string[]
): CategoryMix[] {
	const byId = new Map(members.map((member) => [member.id, member.features]));
	return categories.map((category) => {
		const overall = new Map<string, number>();
		for (const member of members) {
			const feature = member.features[category] ?? '';
			overall.set(feature, (overall.get(feature) ?? 0) + 1);
		}
		const here = new Map<string, number>();
		for (const id of table) {
			const feature = byId.get(id)?.[category] ?? '';
			here.set(feature, (here.get(feature) ?? 0) + 1);
		}
		const features = [...overall.keys()].sort(
			(a, b) => (overall.get(b) ?? 0) - (overall.get(a) ?? 0) || a.localeCompare(b, 'da')
		);
		return {
			category,
			counts: features.map((feature) => ({ feature, count: here.get(feature) ?? 0 }))
		};
	});
}

export interface TableMeasures {
	/** Largest deviation of a table from the room's mix, in percentage points. */
	mixDeviation: number;
	/** Pairs at the same table who sat together at an earlier session. */
	repeatPairings: number;
	/** The same measures for a random allocation of the same people to as many tables. */
	random: { mixDeviation: number; repeatPairings: number };
}

/** The measures of the tables as they are now (after any swaps), against a random allocation. */
export function measure(
	tables: readonly (readonly string[])[],
	members: readonly TableMember[],
	history: readonly PairCount[],
	seed: string
): TableMeasures {
	const seated = new Set(tables.flat());
	const present = members.filter((member) => seated.has(member.id));
	const random = randomAllocation({
		members: present,
		tableCount: Math.max(1, tables.filter((table) => table.length > 0).length),
		history,
		seed
	});
	return {
		mixDeviation: mixDeviation(tables, present),
		repeatPairings: repeatPairings(tables, history),
		random: { mixDeviation: random.mixDeviation, repeatPairings: random.repeatPairings }
	};
}

/** Makes a session's tables for round `round`; see allocateTables. */
export function makeTables(input: {
	sessionId: string;
	round: number;
	members: readonly TableMember[];
	present: readonly string[];
	tableSize: number;
	history: readonly PairCount[];
	locked?: Readonly<Record<string, number>>;
}): TableAllocation {
	const present = new Set(input.present);
	return allocateTables({
		members: input.members.filter((member) => present.has(member.id)),
		tableSize: input.tableSize,
		history: input.history,
		locked: input.locked,
		seed: seedFor(input.sessionId, input.round)
	});
}
