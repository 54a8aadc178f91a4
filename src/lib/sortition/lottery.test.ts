import { describe, expect, it } from 'vitest';
import {
	canonicalDistribution,
	distributionMarginals,
	lotteryBound,
	lotteryPanel,
	lotteryTickets,
	roundToLottery
} from './lottery';
import type { Distribution } from './types';

/** mulberry32: a small seeded generator, so every random case here is reproducible. */
function generator(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function randomDistribution(
	random: () => number,
	n: number,
	k: number,
	support: number
): Distribution {
	const panels: number[][] = [];
	const weights: number[] = [];
	for (let i = 0; i < support; i++) {
		const chosen = new Set<number>();
		while (chosen.size < k) chosen.add(Math.floor(random() * n));
		panels.push([...chosen].sort((a, b) => a - b));
		// Skewed weights: many tiny ones, as column generation leaves behind.
		weights.push(random() ** 3);
	}
	return { panels, weights };
}

function checkGuarantee(distribution: Distribution, n: number, k: number, m: number): number {
	const lottery = roundToLottery(distribution, m);
	expect(lottery.entries.reduce((s, e) => s + e.tickets, 0)).toBe(m);
	const canonical = canonicalDistribution(distribution);
	const tickets = new Map(lottery.entries.map((e) => [e.panel.join(','), e.tickets]));
	canonical.panels.forEach((panel, i) => {
		const x = (canonical.weights[i] ?? 0) * m;
		const c = tickets.get(panel.join(',')) ?? 0;
		expect(c === Math.floor(x) || c === Math.ceil(x) || Math.abs(c - x) < 1e-9).toBe(true);
	});
	const before = distributionMarginals(distribution, n);
	const after = lotteryTickets(lottery, n).map((t) => t / m);
	let worst = 0;
	for (let j = 0; j < n; j++) worst = Math.max(worst, Math.abs((after[j] ?? 0) - (before[j] ?? 0)));
	expect(worst).toBeLessThan(lotteryBound(k, m) + 1e-9);
	return worst * m;
}

describe('roundToLottery', () => {
	it('keeps every marginal within k/M on random distributions', () => {
		const random = generator(20250101);
		let worstTickets = 0;
		for (let trial = 0; trial < 150; trial++) {
			const n = 8 + Math.floor(random() * 60);
			const k = 1 + Math.floor(random() * Math.min(12, n - 1));
			const support = 1 + Math.floor(random() * 90);
			const m = [1000, 100, 37][trial % 3] ?? 1000;
			const distribution = randomDistribution(random, n, k, support);
			worstTickets = Math.max(worstTickets, checkGuarantee(distribution, n, k, m));
		}
		// The proven bound is k tickets; the procedure does much better in practice.
		expect(worstTickets).toBeLessThan(3);
	});

	it('meets the bound when panels are few and share members (the f ≤ k+1 case)', () => {
		const distribution: Distribution = {
			panels: [
				[0, 1, 2, 3],
				[0, 1, 2, 4],
				[0, 1, 3, 4],
				[0, 2, 3, 4],
				[1, 2, 3, 4]
			],
			weights: [0.2003, 0.1999, 0.2001, 0.1998, 0.1999]
		};
		checkGuarantee(distribution, 5, 4, 7);
		checkGuarantee(distribution, 5, 4, 1000);
	});

	it('handles a pool and support of realistic size quickly', () => {
		const random = generator(7);
		const distribution = randomDistribution(random, 360, 30, 360);
		const started = performance.now();
		checkGuarantee(distribution, 360, 30, 1000);
		expect(performance.now() - started).toBeLessThan(10_000);
	});

	it('is deterministic: panel order and duplicates do not matter', () => {
		const random = generator(99);
		const distribution = randomDistribution(random, 30, 5, 40);
		const reversed: Distribution = {
			panels: [...distribution.panels].reverse(),
			weights: [...distribution.weights].reverse()
		};
		const first = distribution.panels[0] ?? [];
		const split: Distribution = {
			panels: [...distribution.panels, first],
			weights: [
				...distribution.weights.slice(0, 1).map((w) => w / 2),
				...distribution.weights.slice(1),
				(distribution.weights[0] ?? 0) / 2
			]
		};
		const lottery = roundToLottery(distribution);
		expect(roundToLottery(reversed)).toEqual(lottery);
		expect(roundToLottery(split)).toEqual(lottery);
		for (let i = 1; i < lottery.entries.length; i++) {
			expect((lottery.entries[i - 1]?.panel.join(',') ?? '') < '~').toBe(true);
		}
	});

	it('gives exact lotteries for weights that are multiples of 1/M', () => {
		const lottery = roundToLottery(
			{
				panels: [
					[2, 3],
					[0, 1]
				],
				weights: [0.25, 0.75]
			},
			4
		);
		expect(lottery).toEqual({
			m: 4,
			entries: [
				{ panel: [0, 1], tickets: 3 },
				{ panel: [2, 3], tickets: 1 }
			]
		});
		expect(lotteryPanel(lottery, 0)).toEqual([0, 1]);
		expect(lotteryPanel(lottery, 2)).toEqual([0, 1]);
		expect(lotteryPanel(lottery, 3)).toEqual([2, 3]);
		expect(() => lotteryPanel(lottery, 4)).toThrow(RangeError);
	});

	it('refuses malformed distributions', () => {
		expect(() => roundToLottery({ panels: [[1, 0]], weights: [1] })).toThrow(/increasing/);
		expect(() => roundToLottery({ panels: [[0, 1]], weights: [0] })).toThrow(/positive/);
		expect(() => roundToLottery({ panels: [[0, 1]], weights: [] })).toThrow(/one weight/);
	});
});
