/**
 * One entry point per concern for every exercise kind: `validateConfig` for the facilitator's
 * settings, `validateBallot` for a member's ballot (the server calls it before the RPC; the
 * database mirrors the same rules). Both return plain lists of issues with machine keys; an empty
 * list means valid.
 */
import {
	validateAllocationBallot,
	validateAllocationConfig,
	type AllocationBallot,
	type AllocationConfig
} from './allocation';
import {
	validateApprovalBallot,
	validateApprovalConfig,
	type ApprovalBallot,
	type ApprovalConfig
} from './approval';
import {
	validatePairwiseBallot,
	validatePairwiseConfig,
	type PairwiseBallot,
	type PairwiseConfig
} from './pairwise';
import {
	validatePointsBallot,
	validatePointsConfig,
	type PointsBallot,
	type PointsConfig
} from './points';
import {
	validateRankingBallot,
	validateRankingConfig,
	type RankingBallot,
	type RankingConfig
} from './ranking';
import {
	validateStatementsBallot,
	validateStatementsConfig,
	type StatementsBallot,
	type StatementsConfig
} from './statements';
import { validateOptionList } from './options';
import type { BallotIssue, ConfigIssue, OptionId } from './types';

export type ExerciseConfig =
	| AllocationConfig
	| RankingConfig
	| PairwiseConfig
	| PointsConfig
	| ApprovalConfig
	| StatementsConfig;

export type Ballot =
	| AllocationBallot
	| RankingBallot
	| PairwiseBallot
	| PointsBallot
	| ApprovalBallot
	| StatementsBallot;

export type ExerciseKind = ExerciseConfig['kind'];

/** The ballot type that belongs to a config type. */
export type BallotFor<C extends ExerciseConfig> = Extract<Ballot, { kind: C['kind'] }>;

/** The option (or statement) ids of any exercise, in their configured order. */
export function optionIdsOf(config: ExerciseConfig): OptionId[] {
	switch (config.kind) {
		case 'allocation':
			return config.options.map((o) => o.optionId);
		case 'statements':
			return [...config.statements];
		default:
			return [...config.options];
	}
}

export function validateConfig(config: ExerciseConfig): ConfigIssue[] {
	switch (config.kind) {
		case 'allocation':
			return [...validateOptionList(optionIdsOf(config)), ...validateAllocationConfig(config)];
		case 'ranking':
			return validateRankingConfig(config);
		case 'pairwise':
			return validatePairwiseConfig(config);
		case 'points':
			return validatePointsConfig(config);
		case 'approval':
			return validateApprovalConfig(config);
		case 'statements':
			return validateStatementsConfig(config);
	}
}

/**
 * The issues that keep `ballot` from counting under `config`; [] when it is valid. Robust to
 * ballots parsed from untrusted JSON: wrong shapes come back as issues, never as exceptions.
 */
export function validateBallot(config: ExerciseConfig, ballot: Ballot): BallotIssue[] {
	if (!ballot || typeof ballot !== 'object' || ballot.kind !== config.kind) {
		return [{ key: 'ballot_wrong_kind' }];
	}
	switch (config.kind) {
		case 'allocation':
			return validateAllocationBallot(config, ballot as AllocationBallot);
		case 'ranking':
			return validateRankingBallot(config, ballot as RankingBallot);
		case 'pairwise':
			return validatePairwiseBallot(config, ballot as PairwiseBallot);
		case 'points':
			return validatePointsBallot(config, ballot as PointsBallot);
		case 'approval':
			return validateApprovalBallot(config, ballot as ApprovalBallot);
		case 'statements':
			return validateStatementsBallot(config, ballot as StatementsBallot);
	}
}
