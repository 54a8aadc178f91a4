import { describe, expect, it } from 'vitest';
import { adoptionBase, isAdopted, shareInFavour } from './adoption';

describe('the adoption rule', () => {
	it('adopts at exactly 75 % of the votes cast', () => {
		expect(isAdopted({ support: 3, accept: 0, oppose: 1 })).toBe(true);
		expect(isAdopted({ support: 2, accept: 1, oppose: 1 })).toBe(true);
	});

	it('does not adopt just below 75 %, even when the display rounds to 75,0 %', () => {
		const counts = { support: 1499, accept: 0, oppose: 501 };
		expect(shareInFavour(counts, 'cast')!.toFixed(1)).toBe('75.0');
		expect(isAdopted(counts)).toBe(false);
	});

	it('does not adopt with no votes, and has no share to show', () => {
		expect(isAdopted({ support: 0, accept: 0, oppose: 0 })).toBe(false);
		expect(shareInFavour({ support: 0, accept: 0, oppose: 0 }, 'cast')).toBeNull();
	});

	it('counts Kan leve med in favour', () => {
		expect(isAdopted({ support: 0, accept: 3, oppose: 1 })).toBe(true);
	});

	it('with the members present as the base, those who did not vote count against', () => {
		const counts = { support: 3, accept: 0, oppose: 0, present: 5 };
		expect(isAdopted(counts, { thresholdPct: 75, base: 'present' })).toBe(false);
		expect(isAdopted(counts, { thresholdPct: 60, base: 'present' })).toBe(true);
		expect(adoptionBase(counts, 'present')).toBe(5);
	});

	it('never takes fewer present than votes cast as the base', () => {
		const counts = { support: 3, accept: 1, oppose: 0, present: 2 };
		expect(adoptionBase(counts, 'present')).toBe(4);
		expect(isAdopted(counts, { thresholdPct: 75, base: 'present' })).toBe(true);
	});

	it('with the present as base and no one present or voting, does not adopt', () => {
		expect(
			isAdopted(
				{ support: 0, accept: 0, oppose: 0, present: 0 },
				{ thresholdPct: 75, base: 'present' }
			)
		).toBe(false);
	});

	it('follows a stricter threshold', () => {
		expect(
			isAdopted({ support: 4, accept: 0, oppose: 1 }, { thresholdPct: 80, base: 'cast' })
		).toBe(true);
		expect(
			isAdopted({ support: 3, accept: 0, oppose: 1 }, { thresholdPct: 80, base: 'cast' })
		).toBe(false);
	});
});
