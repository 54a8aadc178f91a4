import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import type { RankingBallot, RankingConfig } from './ranking';
import { condorcetWinner, tallySchulze } from './schulze';
import { letterBallots, shuffle } from './test-data';

const abcde: RankingConfig = { kind: 'ranking', options: ['A', 'B', 'C', 'D', 'E'], topK: null };

describe('tallySchulze', () => {
	// Worked example 1 of Markus Schulze's paper (Social Choice and Welfare 36 (2011), and his
	// "Schulze method examples"; the example in Wikipedia's "Schulze method" article): 45 voters,
	// 5 candidates. The matrices d and p and the ranking E > A > C > B > D are copied from there.
	const ballots = letterBallots([
		[5, 'ACBED'],
		[5, 'ADECB'],
		[8, 'BEDAC'],
		[3, 'CABED'],
		[7, 'CAEBD'],
		[2, 'CBADE'],
		[7, 'DCEBA'],
		[8, 'EBADC']
	]);

	it('reproduces the pairwise matrix d of the 45-voter example', () => {
		expect(tallySchulze(abcde, ballots).d).toEqual([
			[0, 20, 26, 30, 22],
			[25, 0, 16, 33, 18],
			[19, 29, 0, 17, 24],
			[15, 12, 28, 0, 14],
			[23, 27, 21, 31, 0]
		]);
	});

	it('reproduces the strongest paths p and the ranking E > A > C > B > D', () => {
		const tally = tallySchulze(abcde, ballots);
		expect(tally.p).toEqual([
			[0, 28, 28, 30, 24],
			[25, 0, 28, 33, 24],
			[25, 29, 0, 29, 24],
			[25, 28, 28, 0, 24],
			[25, 28, 28, 31, 0]
		]);
		expect(tally.ranking).toEqual([['E'], ['A'], ['C'], ['B'], ['D']]);
		expect(tally.winners).toEqual(['E']);
		expect(tally.ballots).toBe(45);
	});

	it('has no Condorcet winner there, because the majorities run in a cycle', () => {
		const { d, condorcetWinner } = tallySchulze(abcde, ballots);
		expect(condorcetWinner).toBeNull();
		// A beats C (26:19), C beats E (24:21), E beats A (23:22).
		expect(d[0]![2]! > d[2]![0]!).toBe(true);
		expect(d[2]![4]! > d[4]![2]!).toBe(true);
		expect(d[4]![0]! > d[0]![4]!).toBe(true);
	});

	it('ties the three options of a pure Condorcet cycle', () => {
		const tally = tallySchulze(
			{ kind: 'ranking', options: ['a', 'b', 'c'], topK: null },
			letterBallots([
				[1, 'abc'],
				[1, 'bca'],
				[1, 'cab']
			])
		);
		expect(tally.condorcetWinner).toBeNull();
		expect(tally.ranking).toEqual([['a', 'b', 'c']]);
		expect(tally.order.map((s) => s.rank)).toEqual([1, 1, 1]);
	});

	it('finds the Condorcet winner of the Tennessee example (Nashville)', () => {
		const tally = tallySchulze(
			{ kind: 'ranking', options: ['M', 'N', 'C', 'K'], topK: null },
			letterBallots([
				[42, 'MNCK'],
				[26, 'NCKM'],
				[15, 'CKNM'],
				[17, 'KCNM']
			])
		);
		expect(tally.condorcetWinner).toBe('N');
		expect(tally.ranking).toEqual([['N'], ['C'], ['K'], ['M']]);
	});

	it('reads unranked options as tied below the ranked ones', () => {
		const tally = tallySchulze({ kind: 'ranking', options: ['a', 'b', 'c', 'd'], topK: 1 }, [
			{ kind: 'ranking', ranking: ['b'] }
		]);
		expect(tally.d[1]).toEqual([1, 0, 1, 1]);
		expect(tally.d[0]).toEqual([0, 0, 0, 0]);
		expect(tally.ranking).toEqual([['b'], ['a', 'c', 'd']]);
	});

	it('always elects the Condorcet winner, and its order is transitive (random electorates)', () => {
		const random = seededRandom('schulze-property');
		const options = ['a', 'b', 'c', 'd', 'e'];
		let withWinner = 0;
		for (let trial = 0; trial < 200; trial++) {
			const voters = 3 + Math.floor(random() * 12);
			const ballots: RankingBallot[] = Array.from({ length: voters }, () => ({
				kind: 'ranking',
				ranking: shuffle(options, random).slice(0, 2 + Math.floor(random() * 4))
			}));
			const tally = tallySchulze({ kind: 'ranking', options, topK: null }, ballots);
			const winner = condorcetWinner(options, tally.d);
			if (winner) {
				withWinner++;
				expect(tally.winners).toEqual([winner]);
			}
			// Whenever i is better than j by strongest paths, i is ranked above j; within a tier no
			// option is better than another.
			const rank = new Map(tally.order.map((s) => [s.optionId, s.rank]));
			for (let i = 0; i < 5; i++) {
				for (let j = 0; j < 5; j++) {
					const [ri, rj] = [rank.get(options[i]!)!, rank.get(options[j]!)!];
					if (tally.p[i]![j]! > tally.p[j]![i]!) expect(ri).toBeLessThan(rj);
					if (ri === rj) expect(tally.p[i]![j]).toBe(tally.p[j]![i]);
				}
			}
		}
		expect(withWinner).toBeGreaterThan(50);
	});
});
