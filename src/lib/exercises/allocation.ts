/**
 * Budget allocation: a member distributes a fixed total (mio. kr. or 100 points) across the options.
 *
 * Amounts are whole numbers or multiples of 0.1 (`step`). All arithmetic is done in integer tenths
 * (`Math.round(x * 10)`), so 33.3 + 33.3 + 33.4 balances exactly against 100 and the database can
 * mirror the rule with `numeric(…, 1)`. Each option's amount is the option's whole amount, the
 * locked statutory part included: the locked part can never be moved away, so an amount below it is
 * refused ('allocation_locked_changed'); the member distributes only what lies above the locked parts.
 */
import { summarise, standingsFromScores, type Summary } from './stats';
import type { BallotIssue, ConfigIssue, OptionId, Standing } from './types';

export type AllocationStep = 1 | 0.1;

export interface AllocationOptionConfig {
	optionId: OptionId;
	/** Lowest amount allowed, in the exercise's unit. */
	min: number;
	/** Highest amount allowed. */
	max: number;
	/** The statutory part that cannot be reallocated; 0 when none. The effective floor is max(min, locked). */
	locked: number;
}

export interface AllocationConfig {
	kind: 'allocation';
	/** What the total is counted in: mio. kr. (the municipality's budget) or points (100). */
	unit: 'mio_kr' | 'points';
	total: number;
	/** 1 = whole units; 0.1 = one decimal (100.000 kr. when the unit is mio. kr.). */
	step: AllocationStep;
	options: AllocationOptionConfig[];
}

export interface AllocationBallot {
	kind: 'allocation';
	/** Amount per option, the locked part included; every option must be present. */
	amounts: Record<OptionId, number>;
}

/** A number in integer tenths, or null when it is not a multiple of 0.1. */
export function toTenths(value: number): number | null {
	if (!Number.isFinite(value)) return null;
	const tenths = Math.round(value * 10);
	return Math.abs(value * 10 - tenths) < 1e-6 ? tenths : null;
}

function onStep(tenths: number, step: AllocationStep): boolean {
	return step === 0.1 || tenths % 10 === 0;
}

export function validateAllocationConfig(config: AllocationConfig): ConfigIssue[] {
	const issues: ConfigIssue[] = [];
	const total = toTenths(config.total);
	if (total === null || total <= 0) issues.push({ key: 'config_total_not_positive' });
	else if (!onStep(total, config.step)) issues.push({ key: 'config_off_step' });
	let floors = 0;
	let ceilings = 0;
	for (const option of config.options) {
		const [min, max, locked] = [option.min, option.max, option.locked].map(toTenths);
		if (min == null || max == null || locked == null || min < 0 || locked < 0) {
			issues.push({ key: 'config_not_a_number', optionId: option.optionId });
			continue;
		}
		if (![min, max, locked].every((t) => onStep(t, config.step))) {
			issues.push({ key: 'config_off_step', optionId: option.optionId });
		}
		if (min > max) issues.push({ key: 'config_min_above_max', optionId: option.optionId });
		if (locked > max) issues.push({ key: 'config_locked_above_max', optionId: option.optionId });
		floors += Math.max(min, locked);
		ceilings += max;
	}
	if (total !== null && total > 0 && issues.length === 0 && (floors > total || ceilings < total)) {
		// No ballot could balance: the floors already exceed the total, or the ceilings cannot reach it.
		issues.push({
			key: 'config_infeasible',
			params: { total: config.total, floors: floors / 10, ceilings: ceilings / 10 }
		});
	}
	return issues;
}

export function validateAllocationBallot(
	config: AllocationConfig,
	ballot: AllocationBallot
): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const amounts: Record<OptionId, unknown> =
		ballot.amounts && typeof ballot.amounts === 'object' ? ballot.amounts : {};
	const known = new Set(config.options.map((o) => o.optionId));
	for (const optionId of Object.keys(amounts)) {
		if (!known.has(optionId)) issues.push({ key: 'allocation_unknown_option', optionId });
	}
	let sum = 0;
	let allNumbers = true;
	for (const option of config.options) {
		const { optionId } = option;
		if (!Object.hasOwn(amounts, optionId)) {
			issues.push({ key: 'allocation_missing_option', optionId });
			allNumbers = false;
			continue;
		}
		const raw = amounts[optionId];
		const tenths = typeof raw === 'number' ? toTenths(raw) : null;
		if (tenths === null) {
			issues.push({ key: 'allocation_not_a_number', optionId });
			allNumbers = false;
			continue;
		}
		sum += tenths;
		// One issue per field, the most fundamental first.
		if (!onStep(tenths, config.step)) {
			issues.push({ key: 'allocation_off_step', optionId, params: { step: config.step } });
		} else if (tenths < Math.round(option.locked * 10)) {
			issues.push({
				key: 'allocation_locked_changed',
				optionId,
				params: { locked: option.locked }
			});
		} else if (tenths < Math.round(option.min * 10)) {
			issues.push({ key: 'allocation_below_min', optionId, params: { min: option.min } });
		} else if (tenths > Math.round(option.max * 10)) {
			issues.push({ key: 'allocation_above_max', optionId, params: { max: option.max } });
		}
	}
	const total = Math.round(config.total * 10);
	if (allNumbers && sum !== total) {
		issues.push({
			key: 'allocation_not_balanced',
			params: { total: config.total, sum: sum / 10, difference: (sum - total) / 10 }
		});
	}
	return issues;
}

export interface AllocationOptionResult extends Summary {
	optionId: OptionId;
	/** Mean of amount / total over the ballots (0–1). */
	meanShare: number;
	/** The locked part, for drawing it apart in a chart. */
	locked: number;
}

export interface AllocationTally {
	ballots: number;
	total: number;
	unit: AllocationConfig['unit'];
	/** In the order of `config.options`. */
	options: AllocationOptionResult[];
	/** By mean amount, largest first. */
	order: Standing[];
}

/**
 * Per option: mean, quartiles (type 7), min/max of the amounts and the mean share of the total.
 * Expects validated ballots.
 */
export function tallyAllocation(
	config: AllocationConfig,
	ballots: readonly AllocationBallot[]
): AllocationTally {
	const options = config.options.map((option): AllocationOptionResult => {
		const amounts = ballots.map((b) => b.amounts[option.optionId] ?? 0);
		const summary = summarise(amounts);
		return {
			optionId: option.optionId,
			...summary,
			meanShare: summary.mean / config.total,
			locked: option.locked
		};
	});
	return {
		ballots: ballots.length,
		total: config.total,
		unit: config.unit,
		options,
		order: standingsFromScores(
			options.map((o) => o.optionId),
			(_, i) => options[i]!.mean
		)
	};
}

/** Each option's share of the total on one ballot (0–1): the per-person value for opinion shift. */
export function allocationShares(
	config: AllocationConfig,
	ballot: AllocationBallot
): Record<OptionId, number> {
	const shares: Record<OptionId, number> = {};
	for (const { optionId } of config.options) {
		shares[optionId] = (ballot.amounts[optionId] ?? 0) / config.total;
	}
	return shares;
}
