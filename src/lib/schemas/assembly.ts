import { z } from 'zod';
import { isCalendarDate, string } from './fields';
import { PHASES, ROLES } from '$lib/roles';
import { email } from './auth';

const text = (min: number, max: number) =>
	string()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');

const optionalDate = string()
	.trim()
	.refine((value) => value === '' || isCalendarDate(value), 'field_date')
	.transform((value) => (value === '' ? null : value));

/** Danish or English decimal notation: "1.184,5", "1184,5" or "1184.5". */
const mio = string()
	.trim()
	.min(1, 'field_required')
	.transform((value) => (value.includes(',') ? value.replace(/\./g, '').replace(',', '.') : value))
	.transform((value) => (/^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN))
	.pipe(z.number('field_number').min(0, 'field_min_zero').max(999_999, 'field_number'));

export const assemblySchema = z
	.object({
		title: text(3, 200),
		charge: string().trim().max(5000, 'field_too_long'),
		municipality: text(2, 100),
		phase: z.enum(PHASES, 'field_choice'),
		is_public: string()
			.optional()
			.transform((value) => value === 'on' || value === 'true'),
		recruitment_opens_on: optionalDate,
		registration_closes_on: optionalDate,
		first_session_on: optionalDate,
		last_session_on: optionalDate,
		handover_on: optionalDate,
		evaluation_on: optionalDate
	})
	.superRefine((value, ctx) => {
		const order = [
			'recruitment_opens_on',
			'registration_closes_on',
			'first_session_on',
			'last_session_on',
			'handover_on'
		] as const;
		let previous: string | null = null;
		for (const key of order) {
			const date = value[key];
			if (date && previous && date < previous) {
				ctx.addIssue({ code: 'custom', path: [key], message: 'field_date_order' });
			}
			if (date) previous = date;
		}
	});

export const welfareAreaSchema = z.object({
	welfare_area_id: z.uuid('field_required'),
	name: text(2, 120),
	description: string().trim().max(4000, 'field_too_long'),
	budget_mio: mio
});

export const addPersonSchema = z.object({
	full_name: text(1, 200),
	email,
	role: z.enum(ROLES, 'field_choice')
});

export const removeRoleSchema = z.object({
	person_id: z.uuid('field_required'),
	role: z.enum(ROLES, 'field_choice')
});
