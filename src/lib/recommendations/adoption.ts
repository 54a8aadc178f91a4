/**
 * The adoption rule of the support vote, the same as the database's private.support_adopted: a
 * recommendation is adopted when Støtter and Kan leve med together are at least `thresholdPct` % of
 * the base. The base is the votes cast, or the members present at the voting session (never fewer
 * than the votes cast). Compared exactly in integers: 74.95 % is not 75 %, whatever a rounded
 * display shows.
 */
export type AdoptionBase = 'cast' | 'present';

export interface SupportCounts {
	support: number;
	accept: number;
	oppose: number;
	/** Members present at the voting session; only used when the base is 'present'. */
	present?: number | null;
}

export interface AdoptionRule {
	thresholdPct: number;
	base: AdoptionBase;
}

export const DEFAULT_RULE: AdoptionRule = { thresholdPct: 75, base: 'cast' };

/** The number the share is taken of. */
export function adoptionBase(counts: SupportCounts, base: AdoptionBase): number {
	const cast = counts.support + counts.accept + counts.oppose;
	return base === 'present' ? Math.max(counts.present ?? 0, cast) : cast;
}

/** Whether the counts adopt the recommendation under the rule. */
export function isAdopted(counts: SupportCounts, rule: AdoptionRule = DEFAULT_RULE): boolean {
	const n = adoptionBase(counts, rule.base);
	return n > 0 && (counts.support + counts.accept) * 100 >= rule.thresholdPct * n;
}

/** The share in favour (Støtter + Kan leve med) in %, for display only; null without a base. */
export function shareInFavour(counts: SupportCounts, base: AdoptionBase): number | null {
	const n = adoptionBase(counts, base);
	return n === 0 ? null : ((counts.support + counts.accept) * 100) / n;
}
