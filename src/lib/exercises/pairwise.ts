/**
 * Pairwise comparison: a member is shown two options at a time and says which should be
 * prioritised (or, when the exercise allows it, that they weigh the same). A ballot is the list of
 * pairs the member judged; the member can stop at any time. Tallied with Bradley–Terry
 * (bradley-terry.ts), which also picks the next pair to show.
 */
import { validateOptionList } from './options';
import type { BallotIssue, ConfigIssue, OptionId } from './types';

export interface PairwiseConfig {
	kind: 'pairwise';
	options: OptionId[];
	/** Whether "they weigh the same" is an answer. */
	allowTies: boolean;
	/** Most pairs one member judges; null = up to every pair, n(n−1)/2. */
	maxPairs: number | null;
}

/** 'a': a was preferred to b; 'b': b to a; 'tie': neither. */
export type PairResult = 'a' | 'b' | 'tie';

export interface JudgedPair {
	a: OptionId;
	b: OptionId;
	result: PairResult;
}

export interface PairwiseBallot {
	kind: 'pairwise';
	judgements: JudgedPair[];
}

/** Number of distinct pairs among n options. */
export function pairCount(n: number): number {
	return (n * (n - 1)) / 2;
}

/** An order-free key for the pair {a, b}. */
export function pairKey(a: OptionId, b: OptionId): string {
	return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function validatePairwiseConfig(config: PairwiseConfig): ConfigIssue[] {
	const issues = validateOptionList(config.options);
	if (config.maxPairs !== null && (!Number.isInteger(config.maxPairs) || config.maxPairs < 1)) {
		issues.push({
			key: 'config_max_pairs_out_of_range',
			params: { max: pairCount(config.options.length) }
		});
	}
	return issues;
}

export function validatePairwiseBallot(
	config: PairwiseConfig,
	ballot: PairwiseBallot
): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const judgements = Array.isArray(ballot.judgements) ? ballot.judgements : [];
	if (judgements.length === 0) return [{ key: 'pairwise_empty' }];
	const known = new Set(config.options);
	const seen = new Set<string>();
	judgements.forEach((pair, index) => {
		if (!pair || typeof pair !== 'object') {
			issues.push({ key: 'pair_invalid_result', index });
			return;
		}
		const unknown = [pair.a, pair.b].filter((id) => !known.has(id));
		if (unknown.length > 0) {
			for (const optionId of unknown) issues.push({ key: 'pair_unknown_option', optionId, index });
			return;
		}
		if (pair.a === pair.b) {
			issues.push({ key: 'pair_same_option', optionId: pair.a, index });
			return;
		}
		if (pair.result !== 'a' && pair.result !== 'b' && pair.result !== 'tie') {
			issues.push({ key: 'pair_invalid_result', index });
		} else if (pair.result === 'tie' && !config.allowTies) {
			issues.push({ key: 'pair_tie_not_allowed', index });
		}
		const key = pairKey(pair.a, pair.b);
		if (seen.has(key)) issues.push({ key: 'pair_duplicate', optionId: pair.a, index });
		seen.add(key);
	});
	const max = config.maxPairs ?? pairCount(config.options.length);
	if (judgements.length > max) {
		issues.push({ key: 'pairwise_too_many', params: { max, given: judgements.length } });
	}
	return issues;
}
