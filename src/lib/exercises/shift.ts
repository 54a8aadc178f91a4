/**
 * Opinion shift between two rounds of the same exercise, in aggregate only. Ballots are paired by
 * an opaque pseudonym the caller supplies (e.g. an HMAC of the member id with a per-exercise key);
 * only members with a ballot in both rounds count. Per option, `valueOf` turns a ballot into the
 * per-person number compared across rounds (allocationShares, pointsShares, approvalValues,
 * statementValues, bordaValues). Nothing per person is returned: counts of members who moved up,
 * down or stayed, the mean change and the quartiles of the change, never the minimum or maximum
 * (each of which is one member's change). Fewer than five pairs (per option, when a statement can
 * be skipped) are suppressed.
 */
import { mean, quantile } from './stats';
import { MIN_BALLOTS, type Guarded } from './suppression';
import type { OptionId } from './types';

export interface RoundBallot<B> {
	pseudonym: string;
	ballot: B;
}

export interface ShiftStats {
	/** Members with a value for this option in both rounds. */
	pairs: number;
	/** Means over those members, before and after. */
	meanBefore: number;
	meanAfter: number;
	/** meanAfter − meanBefore (e.g. −0.02 = two percentage points less of the budget). */
	meanChange: number;
	/** Members whose value rose, fell or stayed the same. */
	up: number;
	down: number;
	unchanged: number;
	/** Quartiles of the per-member change (type 7). */
	changeQ1: number;
	changeMedian: number;
	changeQ3: number;
}

export type ShiftOption = { optionId: OptionId } & Guarded<ShiftStats>;

export interface OpinionShift {
	/** Members with a ballot in both rounds. */
	pairs: number;
	/** Members who voted in only one of the rounds. */
	onlyBefore: number;
	onlyAfter: number;
	options: ShiftOption[];
}

const SAME = 1e-9;

function byPseudonym<B>(round: readonly RoundBallot<B>[], name: string): Map<string, B> {
	const map = new Map<string, B>();
	for (const { pseudonym, ballot } of round) {
		if (map.has(pseudonym)) throw new Error(`Two ballots for one pseudonym in round ${name}`);
		map.set(pseudonym, ballot);
	}
	return map;
}

export function opinionShift<B>(
	optionIds: readonly OptionId[],
	before: readonly RoundBallot<B>[],
	after: readonly RoundBallot<B>[],
	valueOf: (ballot: B) => Record<OptionId, number>,
	minimum = MIN_BALLOTS
): Guarded<OpinionShift> {
	const first = byPseudonym(before, 'before');
	const second = byPseudonym(after, 'after');
	const paired = [...first.keys()].filter((p) => second.has(p));
	if (paired.length < minimum) return { suppressed: true, reason: 'too_few_ballots', minimum };
	const values = paired.map((p) => [valueOf(first.get(p)!), valueOf(second.get(p)!)] as const);
	const options = optionIds.map((optionId): ShiftOption => {
		const pairs = values.filter(([a, b]) => a[optionId] !== undefined && b[optionId] !== undefined);
		if (pairs.length < minimum)
			return { optionId, suppressed: true, reason: 'too_few_ballots', minimum };
		const from = pairs.map(([a]) => a[optionId]!);
		const to = pairs.map(([, b]) => b[optionId]!);
		const change = to.map((v, k) => v - from[k]!);
		return {
			optionId,
			suppressed: false,
			ballots: pairs.length,
			result: {
				pairs: pairs.length,
				meanBefore: mean(from),
				meanAfter: mean(to),
				meanChange: mean(change),
				up: change.filter((c) => c > SAME).length,
				down: change.filter((c) => c < -SAME).length,
				unchanged: change.filter((c) => Math.abs(c) <= SAME).length,
				changeQ1: quantile(change, 0.25),
				changeMedian: quantile(change, 0.5),
				changeQ3: quantile(change, 0.75)
			}
		};
	});
	return {
		suppressed: false,
		ballots: paired.length,
		result: {
			pairs: paired.length,
			onlyBefore: first.size - paired.length,
			onlyAfter: second.size - paired.length,
			options
		}
	};
}
