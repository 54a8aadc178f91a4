import { describe, expect, it } from 'vitest';
import { breakdown, guard } from './suppression';

const count = (ballots: readonly unknown[]) => ballots.length;

describe('guard', () => {
	it('shows a result from five ballots and suppresses one from four', () => {
		expect(guard([1, 2, 3, 4, 5], count)).toEqual({ suppressed: false, ballots: 5, result: 5 });
		expect(guard([1, 2, 3, 4], count)).toEqual({
			suppressed: true,
			reason: 'too_few_ballots',
			minimum: 5
		});
	});
});

describe('breakdown', () => {
	const ballots = (group: string, n: number) => Array.from({ length: n }, () => ({ group }));

	it('suppresses small groups without saying how small, and lists empty groups asked for', () => {
		const result = breakdown(
			[...ballots('a', 6), ...ballots('b', 7), ...ballots('c', 2), ...ballots('d', 2)],
			(b) => b.group,
			count,
			{
				groups: ['empty']
			}
		);
		expect(result).toEqual([
			{ group: 'empty', suppressed: true, reason: 'too_few_ballots', minimum: 5 },
			{ group: 'a', suppressed: false, ballots: 6, result: 6 },
			{ group: 'b', suppressed: false, ballots: 7, result: 7 },
			{ group: 'c', suppressed: true, reason: 'too_few_ballots', minimum: 5 },
			{ group: 'd', suppressed: true, reason: 'too_few_ballots', minimum: 5 }
		]);
	});

	it('also hides the smallest shown group when only one group is hidden, so it cannot be subtracted out', () => {
		const result = breakdown(
			[...ballots('paper', 3), ...ballots('phone', 20), ...ballots('kiosk', 8)],
			(b) => b.group,
			count
		);
		expect(result).toEqual([
			{ group: 'kiosk', suppressed: true, reason: 'complementary', minimum: 5 },
			{ group: 'paper', suppressed: true, reason: 'too_few_ballots', minimum: 5 },
			{ group: 'phone', suppressed: false, ballots: 20, result: 20 }
		]);
	});

	it('leaves out ballots without a group', () => {
		const result = breakdown([...ballots('a', 5), { group: '' }], (b) => b.group || null, count);
		expect(result).toEqual([{ group: 'a', suppressed: false, ballots: 5, result: 5 }]);
	});
});
