/**
 * Quotas from population shares: for a panel of k seats, a feature with share s targets s·k
 * seats; with a tolerance of t seats its quota is ⌊s·k − t⌋ … ⌈s·k + t⌉, clamped to 0 … k.
 * Because every min is at most its target and every max at least its target, the quotas of a
 * category whose shares sum to 1 always admit a panel of exactly k (Σmin ≤ k ≤ Σmax).
 */
export interface ShareInput {
	name: string;
	share: number;
}

export interface ComputedQuota {
	name: string;
	share: number;
	target: number;
	min: number;
	max: number;
}

export function quotasFromShares(
	features: ShareInput[],
	k: number,
	tolerance: number
): ComputedQuota[] {
	const total = features.reduce((sum, feature) => sum + feature.share, 0);
	return features.map(({ name, share }) => {
		// Shares given as percentages or not summing exactly to 1 are normalised.
		const normalised = total > 0 ? share / total : 0;
		const target = normalised * k;
		return {
			name,
			share: normalised,
			target,
			min: Math.max(0, Math.floor(target - tolerance + 1e-9)),
			max: Math.min(k, Math.ceil(target + tolerance - 1e-9))
		};
	});
}
