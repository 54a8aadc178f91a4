import { describe, expect, it } from 'vitest';
import { chooseReplacement, quotaViolation, type ReplacementRequest } from './replacement';
import type { Quota } from './types';

const quotas: Quota[] = [
	{ category: 'køn', feature: 'kvinde', min: 2, max: 2 },
	{ category: 'køn', feature: 'mand', min: 2, max: 2 },
	{ category: 'alder', feature: 'ung', min: 1, max: 2 },
	{ category: 'alder', feature: 'ældre', min: 1, max: 3 }
];

const person = (id: string, køn: string, alder: string, household?: string) => ({
	id,
	features: { køn, alder },
	...(household === undefined ? {} : { household })
});

const pool = [
	person('M1', 'kvinde', 'ung', 'h1'),
	person('M2', 'kvinde', 'ældre'),
	person('M3', 'mand', 'ung'),
	person('M4', 'mand', 'ældre'),
	person('R1', 'mand', 'ældre'),
	person('R2', 'kvinde', 'ældre'),
	person('R3', 'kvinde', 'ung', 'h1'),
	person('R4', 'kvinde', 'ung')
];

const base: ReplacementRequest = {
	pool,
	quotas,
	members: ['M1', 'M2', 'M3', 'M4'],
	withdrawn: 'M1',
	reserves: ['R1', 'R2', 'R3', 'R4'],
	at: new Date('2025-09-01T10:00:00+02:00'),
	cutoff: new Date('2025-09-20T09:00:00+02:00')
};

describe('chooseReplacement', () => {
	it('takes the first reserve in rank order who keeps every quota', () => {
		// R1 is a man (two men already), R2 keeps the gender quota and the age quotas.
		expect(chooseReplacement(base)).toEqual({
			ok: true,
			replacement: 'R2',
			rank: 2,
			keepsQuotas: true,
			unmet: [],
			members: ['R2', 'M2', 'M3', 'M4']
		});
	});

	it('skips reserves who are unavailable or share a household with a member', () => {
		const withdrawn = { ...base, withdrawn: 'M3', reserves: ['R1', 'R2', 'R3', 'R4'] };
		// M3 (young man): R1 is an older man, which keeps every quota (one young left: M1).
		expect(chooseReplacement(withdrawn)).toMatchObject({ replacement: 'R1', rank: 1 });
		expect(chooseReplacement({ ...withdrawn, unavailable: ['R1'] })).toMatchObject({
			replacement: 'R2',
			keepsQuotas: false
		});
		const needYoungWoman = { ...base, withdrawn: 'M2', members: ['M1', 'M2', 'M3', 'M4'] };
		expect(chooseReplacement({ ...needYoungWoman, reserves: ['R3', 'R4'] })).toMatchObject({
			replacement: 'R3'
		});
		expect(
			chooseReplacement({ ...needYoungWoman, reserves: ['R3', 'R4'], onePerHousehold: true })
		).toMatchObject({ replacement: 'R4', rank: 2 });
	});

	it('otherwise takes the reserve with the smallest violation, ties by rank', () => {
		const strict = quotas.map((q) => (q.feature === 'ung' ? { ...q, max: 1 } : q));
		const men = [...pool, person('R5', 'mand', 'ung'), person('R7', 'mand', 'ældre')];
		// Only men are left: each makes one woman too few and one man too many (violation 2);
		// R5 also makes two young people where one is the most (violation 3).
		const result = chooseReplacement({
			...base,
			pool: men,
			quotas: strict,
			reserves: ['R5', 'R1', 'R7']
		});
		expect(result).toMatchObject({
			ok: true,
			replacement: 'R1',
			rank: 2,
			keepsQuotas: false,
			unmet: [
				{ category: 'køn', feature: 'kvinde', count: 1 },
				{ category: 'køn', feature: 'mand', count: 3 }
			]
		});
	});

	it('refuses after the cut-off, for non-members and without reserves', () => {
		expect(chooseReplacement({ ...base, at: base.cutoff })).toMatchObject({
			ok: false,
			reason: 'after-cutoff'
		});
		expect(chooseReplacement({ ...base, withdrawn: 'R1' })).toMatchObject({
			ok: false,
			reason: 'not-a-member'
		});
		expect(chooseReplacement({ ...base, reserves: [] })).toMatchObject({
			ok: false,
			reason: 'no-reserve'
		});
	});
});

describe('quotaViolation', () => {
	it('adds up how far each quota is missed', () => {
		const members = [pool[0], pool[2], pool[4], pool[6]].filter((p) => p !== undefined);
		// Two women, two men; three young (max 2) and one older.
		expect(quotaViolation(members, quotas)).toBe(1);
		expect(quotaViolation([], quotas)).toBe(2 + 2 + 1 + 1);
	});
});
