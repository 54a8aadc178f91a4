import { describe, expect, it } from 'vitest';
import { tallyBorda, tallySchulze, type RankingBallot, type RankingConfig } from '$lib/exercises';
import { resultCsv, resultRows } from './exercise-results';

const config: RankingConfig = { kind: 'ranking', options: ['a', 'b', 'c'], topK: null };
const ballots: RankingBallot[] = [
	{ kind: 'ranking', ranking: ['a', 'b', 'c'] },
	{ kind: 'ranking', ranking: ['a', 'c', 'b'] },
	{ kind: 'ranking', ranking: ['b', 'a', 'c'] }
];
const options = [
	{ id: 'a', label: 'Ældre' },
	{ id: 'b', label: 'Skole' },
	{ id: 'c', label: 'Veje' }
];

describe('result export', () => {
	it('lists every method’s order with its number, and nothing for a hidden result', () => {
		const rows = resultRows(
			{
				suppressed: false,
				result: { borda: tallyBorda(config, ballots), schulze: tallySchulze(config, ballots) }
			},
			options
		);
		expect(rows.filter((row) => row.method === 'borda')).toEqual([
			{ method: 'borda', option: 'Ældre', rank: 1, value: 5 },
			{ method: 'borda', option: 'Skole', rank: 2, value: 3 },
			{ method: 'borda', option: 'Veje', rank: 3, value: 1 }
		]);
		expect(rows.filter((row) => row.method === 'schulze').map((row) => row.option)).toEqual([
			'Ældre',
			'Skole',
			'Veje'
		]);
		expect(resultRows({ suppressed: true }, options)).toEqual([]);
	});

	it('writes Danish Excel CSV', () => {
		const csv = resultCsv([{ method: 'allocation', option: 'Ældre', rank: 1, value: 0.355 }]);
		expect(csv.startsWith('\uFEFFMetode;Mulighed;Placering;Værdi\r\n')).toBe(true);
		expect(csv).toContain('allocation;Ældre;1;0,355\r\n');
	});
});
