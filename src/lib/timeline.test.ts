import { describe, expect, it } from 'vitest';
import { timeline } from './timeline';

const dates = {
	preparation_starts_on: '2026-06-15',
	recruitment_opens_on: '2026-08-17',
	registration_closes_on: '2026-09-18',
	first_session_on: '2026-10-01',
	last_session_on: '2027-02-27',
	handover_on: '2027-03-15',
	evaluation_on: '2028-06-01'
};

describe('timeline', () => {
	it('orders the milestones, adds the status deadlines and marks the next one', () => {
		const result = timeline(dates, '2026-11-25');
		expect(result.map((m) => m.key)).toEqual([
			'preparation',
			'recruitment',
			'registration_closes',
			'first_session',
			'last_session',
			'handover',
			'status_3m',
			'status_12m',
			'evaluation'
		]);
		expect(result.find((m) => m.key === 'status_3m')?.date).toBe('2027-06-15');
		expect(result.filter((m) => m.state === 'next').map((m) => m.key)).toEqual(['last_session']);
		expect(result.filter((m) => m.state === 'done')).toHaveLength(4);
	});
	it('leaves out dates that are not set, and the deadlines without a handover', () => {
		const result = timeline({ ...dates, handover_on: null, evaluation_on: null }, '2026-01-01');
		expect(result.map((m) => m.key)).not.toContain('status_3m');
		expect(result[0]).toEqual({ key: 'preparation', date: '2026-06-15', state: 'next' });
	});
});
