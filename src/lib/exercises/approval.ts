/** Approval: a member marks every option they can support (any subset, within optional limits). */
import { validateOptionList } from './options';
import { standingsFromScores } from './stats';
import type { BallotIssue, ConfigIssue, OptionId, Standing } from './types';

export interface ApprovalConfig {
	kind: 'approval';
	options: OptionId[];
	/** Fewest options to approve (0 = an empty ballot is allowed, meaning "none of these"). */
	minApprovals: number;
	/** Most options to approve; null = no limit. */
	maxApprovals: number | null;
}

export interface ApprovalBallot {
	kind: 'approval';
	approved: OptionId[];
}

export function validateApprovalConfig(config: ApprovalConfig): ConfigIssue[] {
	const issues = validateOptionList(config.options);
	const { minApprovals: min, maxApprovals: max } = config;
	const n = config.options.length;
	if (
		!Number.isInteger(min) ||
		min < 0 ||
		min > n ||
		(max !== null && (!Number.isInteger(max) || max < Math.max(1, min) || max > n))
	) {
		issues.push({ key: 'config_approval_range', params: { max: n } });
	}
	return issues;
}

export function validateApprovalBallot(
	config: ApprovalConfig,
	ballot: ApprovalBallot
): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const known = new Set(config.options);
	const seen = new Set<OptionId>();
	const approved = Array.isArray(ballot.approved) ? ballot.approved : [];
	approved.forEach((optionId, index) => {
		if (!known.has(optionId)) issues.push({ key: 'approval_unknown_option', optionId, index });
		else if (seen.has(optionId)) issues.push({ key: 'approval_duplicate', optionId, index });
		seen.add(optionId);
	});
	const count = [...seen].filter((id) => known.has(id)).length;
	if (count < config.minApprovals) {
		issues.push({ key: 'approval_too_few', params: { min: config.minApprovals, given: count } });
	}
	if (config.maxApprovals !== null && count > config.maxApprovals) {
		issues.push({ key: 'approval_too_many', params: { max: config.maxApprovals, given: count } });
	}
	return issues;
}

export interface ApprovalOptionResult {
	optionId: OptionId;
	approvals: number;
	/** Share of ballots approving (0–1). */
	share: number;
}

export interface ApprovalTally {
	ballots: number;
	/** Mean number of options approved per ballot. */
	meanApproved: number;
	options: ApprovalOptionResult[];
	/** Most approvals first. */
	order: Standing[];
}

export function tallyApproval(
	config: ApprovalConfig,
	ballots: readonly ApprovalBallot[]
): ApprovalTally {
	const index = new Map(config.options.map((id, i) => [id, i]));
	const counts = config.options.map(() => 0);
	for (const ballot of ballots) {
		for (const optionId of new Set(ballot.approved)) {
			const i = index.get(optionId);
			if (i !== undefined) counts[i]! += 1;
		}
	}
	const approvals = counts.reduce((s, c) => s + c, 0);
	return {
		ballots: ballots.length,
		meanApproved: ballots.length ? approvals / ballots.length : NaN,
		options: config.options.map((optionId, i) => ({
			optionId,
			approvals: counts[i]!,
			share: ballots.length ? counts[i]! / ballots.length : NaN
		})),
		order: standingsFromScores(config.options, (_, i) => counts[i]!)
	};
}

/** 1 for approved, 0 otherwise: the per-person value for opinion shift. */
export function approvalValues(
	config: ApprovalConfig,
	ballot: ApprovalBallot
): Record<OptionId, number> {
	const approved = new Set(ballot.approved);
	return Object.fromEntries(config.options.map((id) => [id, approved.has(id) ? 1 : 0]));
}
