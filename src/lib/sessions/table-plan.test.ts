import { describe, expect, it } from 'vitest';
import {
	historyFrom,
	lockedFrom,
	makeTables,
	measure,
	seedFor,
	tableMix,
	tablesFromSeats
} from './table-plan';
import type { TableMember } from './tables';

const members: TableMember[] = Array.from({ length: 36 }, (_, i) => ({
	id: `m${String(i + 1).padStart(2, '0')}`,
	features: {
		Køn: i % 2 === 0 ? 'Kvinde' : 'Mand',
		Område: ['Nord', 'Syd', 'Øst'][i % 3] ?? ''
	}
}));
const everyone = members.map((member) => member.id);

describe('tablesFromSeats', () => {
	it('puts each seat at its table (1-based) and keeps empty tables', () => {
		const tables = tablesFromSeats(
			[
				{ person_id: 'b', table_number: 1, placed_by_hand: false },
				{ person_id: 'a', table_number: 1, placed_by_hand: false },
				{ person_id: 'c', table_number: 2, placed_by_hand: true }
			],
			3
		);
		expect(tables).toEqual([['a', 'b'], ['c'], []]);
	});
});

describe('historyFrom', () => {
	it('counts each pair once per earlier table they shared', () => {
		const history = historyFrom([['a', 'b', 'c'], ['d'], ['b', 'a']]);
		expect(history).toContainEqual({ a: 'a', b: 'b', count: 2 });
		expect(history).toContainEqual({ a: 'b', b: 'c', count: 1 });
		expect(history).toHaveLength(3);
	});
});

describe('lockedFrom', () => {
	it('keeps the seats placed by hand of people still present, 0-based', () => {
		const locked = lockedFrom(
			[
				{ person_id: 'a', table_number: 2, placed_by_hand: true },
				{ person_id: 'b', table_number: 1, placed_by_hand: false },
				{ person_id: 'c', table_number: 3, placed_by_hand: true }
			],
			new Set(['a', 'b'])
		);
		expect(locked).toEqual({ a: 1 });
	});
});

describe('tableMix', () => {
	it('counts each feature at the table, the most common features first', () => {
		const mix = tableMix(['m01', 'm02', 'm03'], members, ['Køn']);
		expect(mix).toEqual([
			{
				category: 'Køn',
				counts: [
					{ feature: 'Kvinde', count: 2 },
					{ feature: 'Mand', count: 1 }
				]
			}
		]);
	});
});

describe('makeTables and measure', () => {
	it('gives 6 tables of 6 for 36 at tables of 6, each with 3 women and 3 men', () => {
		const { tables } = makeTables({
			sessionId: 's',
			round: 1,
			members,
			present: everyone,
			tableSize: 6,
			history: []
		});
		expect(tables.map((table) => table.length)).toEqual([6, 6, 6, 6, 6, 6]);
		for (const table of tables) {
			expect(tableMix(table, members, ['Køn'])[0]?.counts.map((c) => c.count)).toEqual([3, 3]);
		}
	});

	it('gives a new arrangement in a new round, the same in the same round', () => {
		const input = { sessionId: 's', members, present: everyone, tableSize: 6, history: [] };
		const first = makeTables({ ...input, round: 1 }).tables;
		expect(makeTables({ ...input, round: 1 }).tables).toEqual(first);
		expect(makeTables({ ...input, round: 2 }).tables).not.toEqual(first);
	});

	it('seats only those present and keeps locked people at their table', () => {
		const present = everyone.slice(0, 20);
		const { tables } = makeTables({
			sessionId: 's',
			round: 3,
			members,
			present,
			tableSize: 5,
			history: [],
			locked: { m01: 3, m02: 3 }
		});
		expect(tables.flat().sort()).toEqual(present);
		expect(tables[3]).toEqual(expect.arrayContaining(['m01', 'm02']));
	});

	it('beats a random allocation on mix and repeat pairings when people met before', () => {
		const history = historyFrom(
			makeTables({
				sessionId: 'earlier',
				round: 1,
				members,
				present: everyone,
				tableSize: 6,
				history: []
			}).tables
		);
		const { tables } = makeTables({
			sessionId: 's',
			round: 1,
			members,
			present: everyone,
			tableSize: 6,
			history
		});
		const measures = measure(tables, members, history, seedFor('s', 1));
		expect(measures.mixDeviation).toBeLessThan(measures.random.mixDeviation);
		expect(measures.repeatPairings).toBeLessThan(measures.random.repeatPairings);
	});
});
