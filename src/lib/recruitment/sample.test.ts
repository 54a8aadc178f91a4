import { describe, expect, it } from 'vitest';
import { parseOversampling, weightedSample } from './sample';

function seeded(seed: number) {
	// A small deterministic generator (mulberry32) for repeatable tests.
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
	};
}

describe('weightedSample', () => {
	it('takes the asked number of distinct rows', () => {
		const rows = Array.from({ length: 100 }, (_, i) => i);
		const sample = weightedSample(rows, 30, () => 1, seeded(1));
		expect(sample).toHaveLength(30);
		expect(new Set(sample).size).toBe(30);
		expect(weightedSample(rows, 500, () => 1)).toHaveLength(100);
	});

	it('oversamples a group in proportion to its factor', () => {
		const rows = Array.from({ length: 2000 }, (_, i) => ({ district: i % 2 ? 'by' : 'land' }));
		const random = seeded(7);
		let land = 0;
		const runs = 200;
		for (let run = 0; run < runs; run++) {
			land += weightedSample(rows, 20, (row) => (row.district === 'land' ? 2 : 1), random).filter(
				(row) => row.district === 'land'
			).length;
		}
		// With weights 2:1 and a small sample, about two thirds come from the oversampled group.
		expect(land / (runs * 20)).toBeGreaterThan(0.62);
		expect(land / (runs * 20)).toBeLessThan(0.71);
	});
});

describe('parseOversampling', () => {
	it('reads factors per group and reports bad lines', () => {
		const { factors, bad } = parseOversampling(
			'Juelsminde;2\nTørring-Uldum = 1,5\n\nLøsning;nul\n'
		);
		expect(Object.fromEntries(factors)).toEqual({ juelsminde: 2, 'tørring-uldum': 1.5 });
		expect(bad).toEqual([4]);
	});
});
