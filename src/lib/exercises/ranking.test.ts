import { describe, expect, it } from 'vitest';
import {
	positions,
	validateRankingBallot,
	validateRankingConfig,
	type RankingConfig
} from './ranking';

const full: RankingConfig = { kind: 'ranking', options: ['a', 'b', 'c', 'd'], topK: null };
const top2: RankingConfig = { ...full, topK: 2 };

describe('validateRankingBallot', () => {
	it('accepts a full ranking and a top-k ranking of exactly k', () => {
		expect(validateRankingBallot(full, { kind: 'ranking', ranking: ['c', 'a', 'd', 'b'] })).toEqual(
			[]
		);
		expect(validateRankingBallot(top2, { kind: 'ranking', ranking: ['d', 'a'] })).toEqual([]);
	});

	it('names a duplicate and the option left out', () => {
		const issues = validateRankingBallot(full, { kind: 'ranking', ranking: ['a', 'b', 'a', 'c'] });
		expect(issues).toContainEqual({ key: 'ranking_duplicate', optionId: 'a', index: 2 });
		expect(issues).toContainEqual({ key: 'ranking_incomplete', params: { required: 4, given: 3 } });
		expect(issues).toContainEqual({ key: 'ranking_incomplete', optionId: 'd' });
	});

	it('refuses unknown options, too short and too long top-k ballots', () => {
		expect(validateRankingBallot(top2, { kind: 'ranking', ranking: ['x', 'a'] })).toEqual([
			{ key: 'ranking_unknown_option', optionId: 'x', index: 0 },
			{ key: 'ranking_incomplete', params: { required: 2, given: 1 } }
		]);
		expect(validateRankingBallot(top2, { kind: 'ranking', ranking: ['a', 'b', 'c'] })).toEqual([
			{ key: 'ranking_too_long', params: { required: 2, given: 3 } }
		]);
	});

	it('checks the configuration', () => {
		expect(validateRankingConfig(full)).toEqual([]);
		expect(validateRankingConfig({ kind: 'ranking', options: ['a', 'a'], topK: 0 })).toEqual([
			{ key: 'config_duplicate_option', optionId: 'a' },
			{ key: 'config_top_k_out_of_range', params: { max: 2 } }
		]);
	});
});

describe('positions', () => {
	it('gives unranked options null and ignores unknown or repeated ids', () => {
		expect(positions(['a', 'b', 'c'], ['c', 'x', 'c', 'a'])).toEqual([1, null, 0]);
	});
});
