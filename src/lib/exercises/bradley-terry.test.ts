import { describe, expect, it } from 'vitest';
import { fitBradleyTerry, nextPair, pairsToShow, tallyPairwise } from './bradley-terry';
import type { JudgedPair, PairwiseBallot, PairwiseConfig } from './pairwise';
import { seededRandom } from './random';

const judged = (a: string, b: string, result: JudgedPair['result'], times = 1): JudgedPair[] =>
	Array.from({ length: times }, () => ({ a, b, result }));
const ballot = (...judgements: JudgedPair[][]): PairwiseBallot => ({
	kind: 'pairwise',
	judgements: judgements.flat()
});

describe('fitBradleyTerry', () => {
	it('recovers known strengths exactly from expected win counts (plain MLE)', () => {
		// When every observed count equals its expectation under strengths π, the likelihood
		// equations hold at π, so the maximum-likelihood fit must return π itself.
		const pi = [4, 2, 1, 0.5];
		const wins = pi.map((x, i) => pi.map((y, j) => (i === j ? 0 : (100 * x) / (x + y))));
		const fit = fitBradleyTerry(wins, { prior: 0 });
		expect(fit.converged).toBe(true);
		const logMean = pi.reduce((s, x) => s + Math.log(x), 0) / pi.length;
		fit.beta.forEach((b, i) => expect(b).toBeCloseTo(Math.log(pi[i]!) - logMean, 8));
	});

	it('matches the closed form for two options: γ_a/γ_b = wins ratio, Var(β_a − β_b) = 1/w + 1/l', () => {
		const fit = fitBradleyTerry(
			[
				[0, 30],
				[10, 0]
			],
			{ prior: 0 }
		);
		expect(fit.beta[0]! - fit.beta[1]!).toBeCloseTo(Math.log(3), 9);
		// Centred β_a = (β_a − β_b)/2, so its SE is half that of the difference.
		expect(Math.sqrt(fit.covariance[0]![0]!)).toBeCloseTo(Math.sqrt(1 / 30 + 1 / 10) / 2, 6);
	});

	it('keeps an option that never lost finite thanks to the prior', () => {
		const fit = fitBradleyTerry([
			[0, 5, 5],
			[0, 0, 3],
			[0, 2, 0]
		]);
		expect(fit.converged).toBe(true);
		expect(Number.isFinite(fit.beta[0]!)).toBe(true);
		expect(fit.beta[0]!).toBeGreaterThan(fit.beta[1]!);
		expect(fit.beta[1]!).toBeGreaterThan(fit.beta[2]!);
	});
});

describe('tallyPairwise', () => {
	const config: PairwiseConfig = {
		kind: 'pairwise',
		options: ['a', 'b', 'c', 'd', 'e'],
		allowTies: true,
		maxPairs: null
	};

	it('recovers the order and size of known strengths from simulated members', () => {
		const pi = [8, 4, 2, 1, 1 / 2];
		const random = seededRandom('bt-simulation');
		const ballots: PairwiseBallot[] = [];
		for (let member = 0; member < 200; member++) {
			const judgements: JudgedPair[] = [];
			for (let i = 0; i < 5; i++) {
				for (let j = i + 1; j < 5; j++) {
					const aWins = random() < pi[i]! / (pi[i]! + pi[j]!);
					judgements.push({
						a: config.options[i]!,
						b: config.options[j]!,
						result: aWins ? 'a' : 'b'
					});
				}
			}
			ballots.push({ kind: 'pairwise', judgements });
		}
		const tally = tallyPairwise(config, ballots);
		expect(tally.order.map((s) => s.optionId)).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(tally.judgements).toBe(2000);
		const logMean = pi.reduce((s, x) => s + Math.log(x), 0) / 5;
		tally.options.forEach((o, i) => {
			const truth = Math.log(pi[i]!) - logMean;
			expect(Math.abs(o.logStrength - truth)).toBeLessThan(0.15);
			// The true value lies inside the 95 % interval.
			expect(Math.log(o.scoreLower95)).toBeLessThan(truth);
			expect(Math.log(o.scoreUpper95)).toBeGreaterThan(truth);
		});
		expect(tally.options.reduce((s, o) => s + o.share, 0)).toBeCloseTo(1, 12);
		// Chances of beating a random option average ½ over the options.
		expect(tally.options.reduce((s, o) => s + o.winChance, 0) / 5).toBeCloseTo(0.5, 12);
	});

	it('gives the chance of beating a random option with its uncertainty, and counts ties', () => {
		const two: PairwiseConfig = { ...config, options: ['a', 'b'] };
		const tally = tallyPairwise(
			two,
			[ballot(judged('a', 'b', 'a', 30), judged('b', 'a', 'a', 10))],
			{
				prior: 0
			}
		);
		const [a, b] = tally.options;
		expect(a!.winChance).toBeCloseTo(0.75, 9);
		expect(b!.winChance).toBeCloseTo(0.25, 9);
		// Delta method: SE(p) = p(1−p)·SE(β_a − β_b).
		expect(a!.winChanceStandardError).toBeCloseTo(0.75 * 0.25 * Math.sqrt(1 / 30 + 1 / 10), 6);
		expect(a!).toMatchObject({ wins: 30, losses: 10, ties: 0, comparisons: 40 });

		const withTies = tallyPairwise(
			two,
			[ballot(judged('a', 'b', 'a', 2), judged('a', 'b', 'tie', 2))],
			{
				prior: 0
			}
		);
		// A tie is half a win each: a has 3 of 4 → odds 3.
		expect(withTies.options[0]!.score / withTies.options[1]!.score).toBeCloseTo(3, 6);
		expect(withTies.options[0]).toMatchObject({ wins: 2, losses: 0, ties: 2, comparisons: 4 });
	});

	it('with no ballots yet scores every option equal', () => {
		const tally = tallyPairwise(config, []);
		expect(tally.options.every((o) => Math.abs(o.logStrength) < 1e-12)).toBe(true);
		expect(tally.order.every((s) => s.rank === 1)).toBe(true);
	});
});

describe('nextPair', () => {
	const config: PairwiseConfig = {
		kind: 'pairwise',
		options: ['a', 'b', 'c', 'd'],
		allowTies: false,
		maxPairs: null
	};

	it('is deterministic for a seed and spreads different seeds over pairs', () => {
		const tally = tallyPairwise(config, []);
		expect(nextPair(config, tally, [], 'member-1:0')).toEqual(
			nextPair(config, tally, [], 'member-1:0')
		);
		const seen = new Set(
			Array.from({ length: 40 }, (_, k) => JSON.stringify(nextPair(config, tally, [], `m${k}`)))
		);
		expect(seen.size).toBeGreaterThan(4);
	});

	it('prefers the close pair with few comparisons, and never repeats a judged pair', () => {
		// a ≫ b ≫ c is well established; d has been compared once with each and wins half.
		const ballots = [
			ballot(judged('a', 'b', 'a', 20), judged('b', 'c', 'a', 20), judged('a', 'c', 'a', 20)),
			ballot(judged('d', 'a', 'b'), judged('d', 'c', 'a'))
		];
		const tally = tallyPairwise(config, ballots);
		const first = nextPair(config, tally, [], 'seed')!;
		expect([first.a, first.b].sort()).toEqual(['b', 'd']);
		const second = nextPair(config, tally, [{ a: 'd', b: 'b' }], 'seed')!;
		expect([second.a, second.b].sort()).not.toEqual(['b', 'd']);
	});

	it('stops when every pair is judged or the maximum is reached', () => {
		const tally = tallyPairwise(config, []);
		const all = [
			['a', 'b'],
			['a', 'c'],
			['a', 'd'],
			['b', 'c'],
			['b', 'd'],
			['c', 'd']
		].map(([a, b]) => ({ a: a!, b: b! }));
		expect(nextPair(config, tally, all, 's')).toBeNull();
		expect(nextPair({ ...config, maxPairs: 2 }, tally, all.slice(0, 2), 's')).toBeNull();
		expect(nextPair(config, tally, all.slice(0, 5), 's')).toMatchObject({ a: expect.any(String) });
	});
});

describe('pairsToShow', () => {
	const config: PairwiseConfig = {
		kind: 'pairwise',
		options: ['a', 'b', 'c', 'd', 'e'],
		allowTies: false,
		maxPairs: 3
	};
	const key = ([a, b]: [string, string]) => [a, b].sort().join('');

	it('keeps the judged pairs first, then adds distinct new pairs up to maxPairs', () => {
		const pairs = pairsToShow(config, tallyPairwise(config, []), [{ a: 'e', b: 'a' }], 'm1');
		expect(pairs).toHaveLength(3);
		expect(pairs[0]).toEqual(['e', 'a']);
		expect(new Set(pairs.map(key)).size).toBe(3);
		expect(
			pairsToShow({ ...config, maxPairs: null }, tallyPairwise(config, []), [], 'm1')
		).toHaveLength(10);
	});

	it('spreads members over the pairs before there is a tally, instead of the first few for all', () => {
		const tally = tallyPairwise(config, []);
		const covered = new Set(
			Array.from({ length: 30 }, (_, k) => pairsToShow(config, tally, [], `member-${k}`))
				.flat()
				.map(key)
		);
		expect(covered.size).toBe(10);
	});

	it('asks first about the pair the tally has least settled', () => {
		// a ≫ b ≫ c ≫ d ≫ e is well established by many judgements, except d against e, never compared.
		const settled: JudgedPair[] = [];
		const ids = config.options;
		for (let i = 0; i < ids.length; i++)
			for (let j = i + 1; j < ids.length; j++)
				if (!(ids[i] === 'd' && ids[j] === 'e')) settled.push(...judged(ids[i]!, ids[j]!, 'a', 15));
		const tally = tallyPairwise(config, [ballot(settled), ballot(judged('d', 'c', 'b'))]);
		for (const seed of ['x', 'y', 'z']) {
			expect(key(pairsToShow(config, tally, [], seed)[0]!)).toBe('de');
		}
	});
});
