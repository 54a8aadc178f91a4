/**
 * Ranking: a member orders the options, best first — all of them, or only their top k.
 * Tallied with Borda (borda.ts) and Schulze (schulze.ts).
 */
import type { BallotIssue, ConfigIssue, OptionId } from './types';
import { validateOptionList } from './options';

export interface RankingConfig {
	kind: 'ranking';
	options: OptionId[];
	/** null: every option must be ranked. k: exactly min(k, n) options, the rest stay unranked. */
	topK: number | null;
}

export interface RankingBallot {
	kind: 'ranking';
	/** Option ids, best first. */
	ranking: OptionId[];
}

/** How many options a ballot must rank. */
export function requiredRankCount(config: RankingConfig): number {
	return config.topK === null
		? config.options.length
		: Math.min(config.topK, config.options.length);
}

export function validateRankingConfig(config: RankingConfig): ConfigIssue[] {
	const issues = validateOptionList(config.options);
	if (config.topK !== null && (!Number.isInteger(config.topK) || config.topK < 1)) {
		issues.push({ key: 'config_top_k_out_of_range', params: { max: config.options.length } });
	}
	return issues;
}

export function validateRankingBallot(config: RankingConfig, ballot: RankingBallot): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const known = new Set(config.options);
	const seen = new Set<OptionId>();
	const ranking = Array.isArray(ballot.ranking) ? ballot.ranking : [];
	ranking.forEach((optionId, index) => {
		if (!known.has(optionId)) issues.push({ key: 'ranking_unknown_option', optionId, index });
		else if (seen.has(optionId)) issues.push({ key: 'ranking_duplicate', optionId, index });
		seen.add(optionId);
	});
	const required = requiredRankCount(config);
	const given = [...seen].filter((id) => known.has(id)).length;
	if (ranking.length > required) {
		issues.push({ key: 'ranking_too_long', params: { required, given: ranking.length } });
	} else if (given < required) {
		issues.push({ key: 'ranking_incomplete', params: { required, given } });
		// Name each unranked option when every option must be ranked, so the UI can mark them.
		if (config.topK === null) {
			for (const optionId of config.options) {
				if (!seen.has(optionId)) issues.push({ key: 'ranking_incomplete', optionId });
			}
		}
	}
	return issues;
}

/**
 * Position of every option on a ballot (0 = best); unranked options get null. Unknown and repeated
 * ids are ignored (the first mention counts), so tallies never throw on a stored ballot.
 */
export function positions(
	options: readonly OptionId[],
	ranking: readonly OptionId[]
): (number | null)[] {
	const index = new Map(options.map((id, i) => [id, i]));
	const result: (number | null)[] = options.map(() => null);
	let position = 0;
	for (const optionId of ranking) {
		const i = index.get(optionId);
		if (i === undefined || result[i] !== null) continue;
		result[i] = position++;
	}
	return result;
}
