/**
 * Points (dots): a member has a budget of whole points to place on options, with a cap per option.
 * Unlike an allocation the budget need not be spent unless the exercise says so.
 */
import { validateOptionList } from './options';
import { mean, standingsFromScores } from './stats';
import type { BallotIssue, ConfigIssue, OptionId, Standing } from './types';

export interface PointsConfig {
	kind: 'points';
	options: OptionId[];
	/** Points each member has. */
	budget: number;
	/** Most points on one option; null = up to the whole budget. */
	maxPerOption: number | null;
	/** Whether every point must be placed before the ballot counts. */
	mustSpendAll: boolean;
}

export interface PointsBallot {
	kind: 'points';
	/** Points per option; options left out have 0. */
	points: Record<OptionId, number>;
}

export function validatePointsConfig(config: PointsConfig): ConfigIssue[] {
	const issues = validateOptionList(config.options);
	if (!Number.isInteger(config.budget) || config.budget < 1) {
		issues.push({ key: 'config_budget_not_positive' });
	}
	const max = config.maxPerOption;
	if (max !== null && (!Number.isInteger(max) || max < 1 || max > config.budget)) {
		issues.push({ key: 'config_max_out_of_range', params: { max: config.budget } });
	}
	return issues;
}

export function validatePointsBallot(config: PointsConfig, ballot: PointsBallot): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const known = new Set(config.options);
	let sum = 0;
	for (const [optionId, value] of Object.entries(
		ballot.points && typeof ballot.points === 'object' ? ballot.points : {}
	)) {
		if (!known.has(optionId)) {
			issues.push({ key: 'points_unknown_option', optionId });
		} else if (typeof value !== 'number' || !Number.isInteger(value)) {
			issues.push({ key: 'points_not_whole', optionId });
		} else if (value < 0) {
			issues.push({ key: 'points_negative', optionId });
		} else {
			if (config.maxPerOption !== null && value > config.maxPerOption) {
				issues.push({ key: 'points_above_max', optionId, params: { max: config.maxPerOption } });
			}
			sum += value;
		}
	}
	if (sum > config.budget) {
		issues.push({ key: 'points_over_budget', params: { budget: config.budget, given: sum } });
	} else if (config.mustSpendAll && sum < config.budget && issues.length === 0) {
		issues.push({ key: 'points_not_all_spent', params: { budget: config.budget, given: sum } });
	}
	return issues;
}

export interface PointsOptionResult {
	optionId: OptionId;
	total: number;
	/** Points per ballot. */
	mean: number;
	/** total / all points placed (0–1). */
	shareOfPoints: number;
	/** Share of ballots giving it at least one point (0–1). */
	shareOfVoters: number;
	voters: number;
}

export interface PointsTally {
	ballots: number;
	/** Points placed on all ballots together. */
	pointsPlaced: number;
	options: PointsOptionResult[];
	/** Most points first. */
	order: Standing[];
}

export function tallyPoints(config: PointsConfig, ballots: readonly PointsBallot[]): PointsTally {
	const perOption = config.options.map((id) => ballots.map((b) => b.points[id] ?? 0));
	const totals = perOption.map((values) => values.reduce((s, v) => s + v, 0));
	const placed = totals.reduce((s, v) => s + v, 0);
	const options = config.options.map((optionId, i): PointsOptionResult => {
		const voters = perOption[i]!.filter((v) => v > 0).length;
		return {
			optionId,
			total: totals[i]!,
			mean: mean(perOption[i]!),
			shareOfPoints: placed > 0 ? totals[i]! / placed : 0,
			shareOfVoters: ballots.length ? voters / ballots.length : NaN,
			voters
		};
	});
	return {
		ballots: ballots.length,
		pointsPlaced: placed,
		options,
		order: standingsFromScores(config.options, (_, i) => totals[i]!)
	};
}

/** Each option's share of the budget on one ballot (0–1): the per-person value for opinion shift. */
export function pointsShares(config: PointsConfig, ballot: PointsBallot): Record<OptionId, number> {
	return Object.fromEntries(
		config.options.map((id) => [id, (ballot.points[id] ?? 0) / config.budget])
	);
}
