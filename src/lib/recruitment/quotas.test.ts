import { describe, expect, it } from 'vitest';
import { quotasFromShares } from './quotas';

describe('quotasFromShares', () => {
	it('gives each feature its share of the panel ± the tolerance', () => {
		const quotas = quotasFromShares(
			[
				{ name: 'Kvinde', share: 0.503 },
				{ name: 'Mand', share: 0.497 }
			],
			36,
			1
		);
		expect(quotas.map((q) => [q.name, q.min, q.max])).toEqual([
			['Kvinde', 17, 20],
			['Mand', 16, 19]
		]);
	});

	it('normalises percentages and always admits a panel of exactly k', () => {
		for (let run = 0; run < 200; run++) {
			const shares = Array.from({ length: 2 + (run % 5) }, (_, i) => ({
				name: `f${i}`,
				share: Math.random() * 100
			}));
			const k = 5 + (run % 40);
			const quotas = quotasFromShares(shares, k, run % 3);
			expect(quotas.reduce((s, q) => s + q.min, 0)).toBeLessThanOrEqual(k);
			expect(quotas.reduce((s, q) => s + q.max, 0)).toBeGreaterThanOrEqual(k);
			for (const q of quotas) expect(q.min).toBeLessThanOrEqual(q.max);
		}
	});

	it('with no tolerance, whole targets are exact', () => {
		const quotas = quotasFromShares(
			[
				{ name: 'a', share: 25 },
				{ name: 'b', share: 75 }
			],
			20,
			0
		);
		expect(quotas.map((q) => [q.min, q.max])).toEqual([
			[5, 5],
			[15, 15]
		]);
	});
});
