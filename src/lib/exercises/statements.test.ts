import { describe, expect, it } from 'vitest';
import {
	statementValues,
	tallyStatements,
	validateStatementsBallot,
	validateStatementsConfig,
	type AgreementLevel,
	type StatementsConfig
} from './statements';

const config: StatementsConfig = { kind: 'statements', statements: ['s1', 's2'], requireAll: true };
const ballot = (answers: Record<string, number>) => ({
	kind: 'statements' as const,
	answers: answers as Record<string, AgreementLevel>
});

describe('validateStatementsBallot', () => {
	it('accepts an answer from 1 to 5 per statement', () => {
		expect(validateStatementsBallot(config, ballot({ s1: 1, s2: 5 }))).toEqual([]);
	});

	it('names answers off the scale, unknown statements and missing answers', () => {
		expect(validateStatementsBallot(config, ballot({ s1: 6, x: 3 }))).toEqual([
			{ key: 'statement_out_of_scale', optionId: 's1', params: { min: 1, max: 5 } },
			{ key: 'statement_unknown', optionId: 'x' },
			{ key: 'statement_missing', optionId: 's2' }
		]);
		expect(validateStatementsBallot({ ...config, requireAll: false }, ballot({ s1: 2.5 }))).toEqual(
			[{ key: 'statement_out_of_scale', optionId: 's1', params: { min: 1, max: 5 } }]
		);
	});

	it('checks the configuration', () => {
		expect(validateStatementsConfig({ ...config, statements: ['only'] })).toEqual([]);
		expect(validateStatementsConfig({ ...config, statements: [] })).toEqual([
			{ key: 'config_too_few_options', params: { min: 1 } }
		]);
	});
});

describe('tallyStatements', () => {
	it('gives the distribution, mean and shares agreeing and disagreeing', () => {
		const tally = tallyStatements({ ...config, requireAll: false }, [
			ballot({ s1: 5, s2: 1 }),
			ballot({ s1: 4 }),
			ballot({ s1: 4, s2: 2 }),
			ballot({ s1: 2, s2: 3 }),
			ballot({ s1: 3, s2: 1 })
		]);
		const [s1, s2] = tally.statements;
		expect(s1).toMatchObject({
			answers: 5,
			counts: [0, 1, 1, 2, 1],
			mean: 3.6,
			shareAgreeing: 0.6,
			shareNeutral: 0.2,
			shareDisagreeing: 0.2
		});
		expect(s1!.shares).toEqual([0, 0.2, 0.2, 0.4, 0.2]);
		// The skipped answer is left out of s2, not counted as neutral.
		expect(s2).toMatchObject({
			answers: 4,
			counts: [2, 1, 1, 0, 0],
			mean: 1.75,
			shareAgreeing: 0,
			shareDisagreeing: 0.75
		});
		expect(statementValues(config, ballot({ s2: 4 }))).toEqual({ s2: 4 });
	});
});
