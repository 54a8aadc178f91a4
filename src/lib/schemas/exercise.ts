import { z } from 'zod';
import { string } from './fields';
import { parseAmount } from '$lib/exercise-form';

export const EXERCISE_KINDS = [
	'allocation',
	'ranking',
	'pairwise',
	'points',
	'approval',
	'statements'
] as const;

const text = (min: number, max: number) =>
	string()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');

/**
 * A new exercise over the assembly's welfare areas (or, for statements, the statements typed one
 * per line). The method's details get sensible defaults the facilitator can read before opening.
 */
export const exerciseSchema = z
	.object({
		title: text(2, 200),
		question: string().trim().max(2000, 'field_too_long').default(''),
		kind: z.enum(EXERCISE_KINDS, 'field_choice'),
		session_id: string()
			.trim()
			.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
			.transform((value) => (value === '' ? null : value)),
		total: string()
			.trim()
			.default('100')
			.refine((value) => /^\d{1,6}$/.test(value) && Number(value) > 0, 'field_whole_number')
			.transform(Number),
		statements: string().trim().max(5000, 'field_too_long').default(''),
		only_checked_in: string()
			.optional()
			.transform((value) => value === 'on' || value === 'true')
	})
	.superRefine((value, ctx) => {
		const lines = value.statements.split('\n').filter((line) => line.trim() !== '');
		if (value.kind === 'statements' && lines.length < 1) {
			ctx.addIssue({ code: 'custom', path: ['statements'], message: 'field_required' });
		}
		if (value.only_checked_in && !value.session_id) {
			ctx.addIssue({
				code: 'custom',
				path: ['only_checked_in'],
				message: 'field_checked_in_session'
			});
		}
		if (lines.some((line) => line.trim().length > 300)) {
			ctx.addIssue({ code: 'custom', path: ['statements'], message: 'field_too_long' });
		}
	});

export const roundActionSchema = z.object({
	round_id: z.uuid('field_required'),
	exercise_id: z.uuid('field_required')
});

/** An amount as a person types it ("12,5" or "12.5"), not negative. */
const amount = string()
	.trim()
	.refine((value) => Number.isFinite(parseAmount(value)), 'field_number')
	.transform(parseAmount)
	.refine((value) => value >= 0, 'field_min_zero');
const consequence = string().trim().max(1000, 'field_too_long').default('');

/**
 * A budget allocation's settings per option (welfare area): its lowest and highest amount, the
 * locked statutory part, and what the municipality says more or less money would mean. Fields are
 * named `<setting>_<optionId>`; whether the limits fit together is the tally library's
 * `validateConfig`, checked after this.
 */
export function allocationSettingsSchema(optionIds: readonly string[]) {
	const shape: Record<string, z.ZodType> = {};
	for (const id of optionIds) {
		shape[`min_${id}`] = amount;
		shape[`max_${id}`] = amount;
		shape[`locked_${id}`] = amount;
		shape[`more_${id}`] = consequence;
		shape[`less_${id}`] = consequence;
	}
	return z.object(shape) as z.ZodType<Record<string, number | string>>;
}
