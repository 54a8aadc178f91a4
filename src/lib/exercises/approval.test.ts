import { describe, expect, it } from 'vitest';
import {
	approvalValues,
	tallyApproval,
	validateApprovalBallot,
	validateApprovalConfig,
	type ApprovalConfig
} from './approval';

const config: ApprovalConfig = {
	kind: 'approval',
	options: ['a', 'b', 'c', 'd'],
	minApprovals: 1,
	maxApprovals: 3
};
const ballot = (...approved: string[]) => ({ kind: 'approval' as const, approved });

describe('validateApprovalBallot', () => {
	it('accepts any subset within the limits', () => {
		expect(validateApprovalBallot(config, ballot('a'))).toEqual([]);
		expect(validateApprovalBallot(config, ballot('d', 'b', 'a'))).toEqual([]);
	});

	it('refuses duplicates, unknown options and too few or too many', () => {
		expect(validateApprovalBallot(config, ballot('a', 'a', 'x'))).toEqual([
			{ key: 'approval_duplicate', optionId: 'a', index: 1 },
			{ key: 'approval_unknown_option', optionId: 'x', index: 2 }
		]);
		expect(validateApprovalBallot(config, ballot())).toEqual([
			{ key: 'approval_too_few', params: { min: 1, given: 0 } }
		]);
		expect(validateApprovalBallot(config, ballot('a', 'b', 'c', 'd'))).toEqual([
			{ key: 'approval_too_many', params: { max: 3, given: 4 } }
		]);
	});

	it('checks the configuration', () => {
		expect(validateApprovalConfig(config)).toEqual([]);
		expect(validateApprovalConfig({ ...config, minApprovals: 3, maxApprovals: 2 })).toEqual([
			{ key: 'config_approval_range', params: { max: 4 } }
		]);
	});
});

describe('tallyApproval', () => {
	it('counts approvals and the share of voters approving', () => {
		const tally = tallyApproval(config, [
			ballot('a', 'b'),
			ballot('a'),
			ballot('a', 'c'),
			ballot('b')
		]);
		expect(tally.options.map((o) => [o.optionId, o.approvals, o.share])).toEqual([
			['a', 3, 0.75],
			['b', 2, 0.5],
			['c', 1, 0.25],
			['d', 0, 0]
		]);
		expect(tally.meanApproved).toBe(1.5);
		expect(tally.order[0]).toEqual({ optionId: 'a', rank: 1 });
		expect(approvalValues(config, ballot('b'))).toEqual({ a: 0, b: 1, c: 0, d: 0 });
	});
});
