/**
 * Types shared by every exercise method. Options are identified by opaque string ids (welfare area
 * ids or ids of options a facilitator wrote); every matrix a tally returns is indexed in the order
 * of `config.options`.
 */

export type OptionId = string;

/** One option's place in a method's outcome: rank 1 is best; tied options share a rank (1, 2, 2, 4). */
export interface Standing {
	optionId: OptionId;
	rank: number;
}

/** Every machine key `validateBallot` can return; the app translates them (see docs/tallies.md). */
export type BallotIssueKey =
	| 'ballot_wrong_kind'
	| 'allocation_unknown_option'
	| 'allocation_missing_option'
	| 'allocation_not_a_number'
	| 'allocation_off_step'
	| 'allocation_below_min'
	| 'allocation_above_max'
	| 'allocation_locked_changed'
	| 'allocation_not_balanced'
	| 'ranking_unknown_option'
	| 'ranking_duplicate'
	| 'ranking_incomplete'
	| 'ranking_too_long'
	| 'pair_unknown_option'
	| 'pair_same_option'
	| 'pair_duplicate'
	| 'pair_invalid_result'
	| 'pair_tie_not_allowed'
	| 'pairwise_empty'
	| 'pairwise_too_many'
	| 'points_unknown_option'
	| 'points_not_whole'
	| 'points_negative'
	| 'points_above_max'
	| 'points_over_budget'
	| 'points_not_all_spent'
	| 'approval_unknown_option'
	| 'approval_duplicate'
	| 'approval_too_few'
	| 'approval_too_many'
	| 'statement_unknown'
	| 'statement_out_of_scale'
	| 'statement_missing';

/**
 * One reason a ballot is refused. `optionId` is the option (or statement) the issue belongs to, so
 * the UI can show it beside that field; issues about the whole ballot have none. `index` is the
 * position in a ranking or in a list of judged pairs. `params` are the numbers the message needs
 * (e.g. `{ min: 5 }`, `{ total: 100, sum: 97.5, difference: -2.5 }`).
 */
export interface BallotIssue {
	key: BallotIssueKey;
	optionId?: OptionId;
	index?: number;
	params?: Record<string, number>;
}

/** Keys `validateConfig` can return, for the facilitator's settings form. */
export type ConfigIssueKey =
	| 'config_too_few_options'
	| 'config_duplicate_option'
	| 'config_not_a_number'
	| 'config_total_not_positive'
	| 'config_off_step'
	| 'config_min_above_max'
	| 'config_locked_above_max'
	| 'config_infeasible'
	| 'config_top_k_out_of_range'
	| 'config_budget_not_positive'
	| 'config_max_out_of_range'
	| 'config_approval_range'
	| 'config_max_pairs_out_of_range';

export interface ConfigIssue {
	key: ConfigIssueKey;
	optionId?: OptionId;
	params?: Record<string, number>;
}
