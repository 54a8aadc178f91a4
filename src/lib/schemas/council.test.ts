import { describe, expect, it } from 'vitest';
import { parseMilestones, responseSchema } from './council';

const valid = {
	recommendation_id: '7ec00000-0000-4000-8000-000000000031',
	status: 'partly_followed',
	explanation: 'To nye buslinjer.',
	reason: 'Den tredje linje er ikke finansieret.',
	committee: 'Teknik- og Miljøudvalget',
	case_number: '25/3441',
	decision_committee: 'Byrådet',
	meeting_on: '2026-10-28',
	decision_text: 'Taget til efterretning.',
	progress_pct: '60',
	milestones: '2027-03-01 Forslag i høring\n2027-08-08 Nye linjer kører'
};

const errorsOf = (input: Record<string, string>) => {
	const result = responseSchema.safeParse(input);
	return result.success
		? {}
		: Object.fromEntries(result.error.issues.map((i) => [i.path[0], i.message]));
};

describe('responseSchema', () => {
	it('accepts a complete response and parses progress and milestones', () => {
		const result = responseSchema.parse(valid);
		expect(result.progressPct).toBe(60);
		expect(result.milestones).toEqual([
			{ on: '2027-03-01', text: 'Forslag i høring' },
			{ on: '2027-08-08', text: 'Nye linjer kører' }
		]);
	});
	it('asks why for anything but followed', () => {
		expect(
			errorsOf({ ...valid, status: 'not_followed', reason: '', progress_pct: '', milestones: '' })
		).toEqual({
			reason: 'field_response_reason'
		});
		expect(errorsOf({ ...valid, status: 'followed', reason: '' })).toEqual({});
	});
	it('wants the decision unless pending, with a case number like 25/3441', () => {
		expect(errorsOf({ ...valid, case_number: '2025-3441' })).toEqual({
			case_number: 'field_case_number'
		});
		expect(
			errorsOf({
				...valid,
				status: 'pending',
				case_number: '',
				decision_committee: '',
				meeting_on: '',
				decision_text: '',
				progress_pct: '',
				milestones: ''
			})
		).toEqual({});
	});
	it('keeps progress and milestones to what is implemented, and a correction says what changed', () => {
		expect(errorsOf({ ...valid, status: 'not_followed', milestones: '' })).toEqual({
			progress_pct: 'field_progress_implemented'
		});
		expect(errorsOf({ ...valid, progress_pct: '101' })).toEqual({ progress_pct: 'field_progress' });
		expect(errorsOf({ ...valid, is_correction: 'true' })).toEqual({
			correction_note: 'field_correction_note'
		});
	});
});

describe('parseMilestones', () => {
	it('refuses a line without a real date', () => {
		expect(parseMilestones('2027-02-30 Umulig dato')).toBeNull();
		expect(parseMilestones('snart Noget')).toBeNull();
		expect(parseMilestones('')).toEqual([]);
	});
});
