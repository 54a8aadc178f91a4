/**
 * Agreement statements ("I accept lower service in X to protect Y"), each answered on a five-point
 * scale: 1 strongly disagree, 2 disagree, 3 neither, 4 agree, 5 strongly agree.
 */
import { validateOptionList } from './options';
import type { BallotIssue, ConfigIssue, OptionId } from './types';

export type AgreementLevel = 1 | 2 | 3 | 4 | 5;
export const AGREEMENT_LEVELS: readonly AgreementLevel[] = [1, 2, 3, 4, 5];

export interface StatementsConfig {
	kind: 'statements';
	/** Statement ids. */
	statements: OptionId[];
	/** Whether every statement must be answered; otherwise a statement may be skipped. */
	requireAll: boolean;
}

export interface StatementsBallot {
	kind: 'statements';
	answers: Record<OptionId, AgreementLevel>;
}

export function validateStatementsConfig(config: StatementsConfig): ConfigIssue[] {
	// One statement is enough; only duplicates and an empty list are refused.
	const issues = validateOptionList(config.statements).filter(
		(i) => i.key !== 'config_too_few_options'
	);
	if (config.statements.length === 0)
		issues.unshift({ key: 'config_too_few_options', params: { min: 1 } });
	return issues;
}

export function validateStatementsBallot(
	config: StatementsConfig,
	ballot: StatementsBallot
): BallotIssue[] {
	const issues: BallotIssue[] = [];
	const known = new Set(config.statements);
	const answers: Record<OptionId, unknown> =
		ballot.answers && typeof ballot.answers === 'object' ? ballot.answers : {};
	for (const [optionId, level] of Object.entries(answers)) {
		if (!known.has(optionId)) issues.push({ key: 'statement_unknown', optionId });
		else if (!AGREEMENT_LEVELS.includes(level as AgreementLevel)) {
			issues.push({ key: 'statement_out_of_scale', optionId, params: { min: 1, max: 5 } });
		}
	}
	if (config.requireAll) {
		for (const optionId of config.statements) {
			if (!Object.hasOwn(answers, optionId)) issues.push({ key: 'statement_missing', optionId });
		}
	}
	return issues;
}

export interface StatementResult {
	optionId: OptionId;
	/** Answers given to this statement (skips excluded). */
	answers: number;
	/** counts[k] = answers at level k + 1. */
	counts: [number, number, number, number, number];
	/** counts / answers. */
	shares: [number, number, number, number, number];
	mean: number;
	/** Share answering 4 or 5. */
	shareAgreeing: number;
	/** Share answering 3. */
	shareNeutral: number;
	/** Share answering 1 or 2. */
	shareDisagreeing: number;
}

export interface StatementsTally {
	ballots: number;
	statements: StatementResult[];
}

export function tallyStatements(
	config: StatementsConfig,
	ballots: readonly StatementsBallot[]
): StatementsTally {
	return {
		ballots: ballots.length,
		statements: config.statements.map((optionId): StatementResult => {
			const counts: [number, number, number, number, number] = [0, 0, 0, 0, 0];
			let sum = 0;
			for (const ballot of ballots) {
				const level = ballot.answers[optionId];
				if (level === undefined || !AGREEMENT_LEVELS.includes(level)) continue;
				counts[level - 1]! += 1;
				sum += level;
			}
			const answers = counts.reduce((s, c) => s + c, 0);
			const share = (c: number) => (answers ? c / answers : NaN);
			return {
				optionId,
				answers,
				counts,
				shares: counts.map(share) as StatementResult['shares'],
				mean: answers ? sum / answers : NaN,
				shareAgreeing: share(counts[3] + counts[4]),
				shareNeutral: share(counts[2]),
				shareDisagreeing: share(counts[0] + counts[1])
			};
		})
	};
}

/** The level answered per statement (skips left out): the per-person value for opinion shift. */
export function statementValues(
	config: StatementsConfig,
	ballot: StatementsBallot
): Record<OptionId, number> {
	return Object.fromEntries(
		config.statements
			.filter((id) => ballot.answers[id] !== undefined)
			.map((id) => [id, ballot.answers[id]!])
	);
}
