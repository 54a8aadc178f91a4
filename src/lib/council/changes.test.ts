import { describe, expect, it } from 'vitest';
import { publishedByRound, responseChanges, type ComparableResponse } from './changes';

const base: ComparableResponse = {
	round_id: 'r1',
	version: 1,
	status: 'partly_followed',
	explanation: 'To nye buslinjer fra august 2027.',
	reason: 'Byrådet har afsat 2,5 mio. kr. i budget 2027.',
	committee: 'Teknik- og Miljøudvalget',
	case_number: '26/1187',
	decision_committee: 'Byrådet',
	meeting_on: '2026-10-28',
	decision_text: 'Følges delvist.',
	progress_pct: 20,
	milestones: [{ on: '2027-08-08', text: 'Nye linjer kører' }],
	published_at: '2026-11-27T09:00:00Z'
};

describe('responseChanges', () => {
	it('names the changed fields and marks the changed words', () => {
		const corrected = {
			...base,
			version: 2,
			case_number: '26/1178',
			reason: 'Byrådet har afsat 2,8 mio. kr. i budget 2027.'
		};
		const changes = responseChanges(base, corrected);
		expect(changes.map((c) => c.field)).toEqual(['reason', 'case_number']);
		const reason = changes[0]!;
		expect(reason.parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(['5']);
		expect(reason.parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['8']);
	});
	it('sees a changed milestone and a cleared progress', () => {
		const corrected = {
			...base,
			progress_pct: null,
			milestones: [{ on: '2027-09-01', text: 'Nye linjer kører' }]
		};
		expect(responseChanges(base, corrected).map((c) => [c.field, c.after])).toEqual([
			['progress_pct', ''],
			['milestones', '2027-09-01 Nye linjer kører']
		]);
	});
});

describe('publishedByRound', () => {
	it('shows the latest published version per round and leaves drafts out', () => {
		const v2 = { ...base, version: 2, case_number: '26/1178' };
		const draft = { ...base, version: 3, published_at: null, case_number: '26/9999' };
		const other = { ...base, round_id: 'r2' };
		const rounds = publishedByRound([base, v2, draft, other]);
		expect(rounds.get('r1')?.current.version).toBe(2);
		expect(rounds.get('r1')?.previous?.version).toBe(1);
		expect(rounds.get('r1')?.changes.map((c) => c.field)).toEqual(['case_number']);
		expect(rounds.get('r2')?.previous).toBeNull();
	});
});
