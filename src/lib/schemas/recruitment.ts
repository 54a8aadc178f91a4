import { z } from 'zod';
import { isCalendarDate, string } from './fields';
import { SUPPORT_NEEDS } from './attendance';
import { email } from './auth';

const text = (min: number, max: number) =>
	string()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');

const wholeNumber = (min: number, max: number) =>
	string()
		.trim()
		.regex(/^\d+$/, 'field_whole_number')
		.transform(Number)
		.pipe(z.number().int().min(min, 'field_whole_number').max(max, 'field_whole_number'));

export const registrationCodeSchema = z.object({
	code: string().trim().min(1, 'field_required').max(40, 'field_registration_code')
});

/**
 * The registration form: the fixed fields, and one answer per choice question of the assembly
 * (`answer_<categoryId>`, one of that category's feature ids).
 */
export function registrationSchema(
	questions: { id: string; kind: 'choice' | 'birth_year'; features: { id: string }[] }[],
	now = new Date(),
	/** The planned dates the form asks about: ticked ones are 'yes', the rest 'no'. */
	sessionIds: string[] = []
) {
	const answers: Record<string, z.ZodType<string>> = {};
	for (const question of questions) {
		if (question.kind !== 'choice') continue;
		const ids = question.features.map((feature) => feature.id);
		answers[`answer_${question.id}`] = string('field_choice').refine(
			(value) => ids.includes(value),
			'field_choice'
		);
	}
	const thisYear = now.getUTCFullYear();
	return z
		.object({
			full_name: text(1, 200),
			email: z.union([z.literal(''), email]),
			phone: string()
				.trim()
				.regex(/^(\+?[0-9 ]{8,20})?$/, 'field_phone'),
			birth_year: string()
				.trim()
				.regex(/^\d{4}$/, 'field_birth_year')
				.transform(Number)
				.pipe(
					z
						.number()
						.min(thisYear - 120, 'field_birth_year')
						.max(thisYear, 'field_birth_year')
				),
			address_line: text(1, 200),
			postal_code: string()
				.trim()
				.regex(/^\d{4}$/, 'field_postal_code'),
			city: string().trim().max(100, 'field_too_long'),
			support_needs: z.array(z.enum(SUPPORT_NEEDS, 'field_choice')).default([]),
			support_note: string().trim().max(1000, 'field_too_long'),
			available: z
				.array(string().refine((id) => sessionIds.includes(id), 'field_choice'))
				.default([]),
			consent: z.literal('on', 'field_consent'),
			...answers
		})
		.refine((value) => value.email !== '' || value.phone !== '', {
			path: ['email'],
			message: 'field_contact'
		})
		.transform((value) => {
			const picked: Record<string, string> = {};
			for (const question of questions) {
				const answer = (value as Record<string, unknown>)[`answer_${question.id}`];
				if (typeof answer === 'string') picked[question.id] = answer;
			}
			return {
				full_name: value.full_name,
				email: value.email || null,
				phone: value.phone || null,
				birth_year: value.birth_year,
				address_line: value.address_line,
				postal_code: value.postal_code,
				city: value.city,
				support_needs: value.support_needs,
				support_note: value.support_note,
				consent: true,
				answers: picked,
				availability: Object.fromEntries(
					sessionIds.map((id) => [id, value.available.includes(id) ? 'yes' : 'no'] as const)
				) as Record<string, 'yes' | 'no'>
			};
		});
}

export const staffChannelSchema = z.object({
	channel: z.enum(['phone', 'paper'], 'field_choice')
});

export const recruitmentSettingsSchema = z.object({
	panel_size: wholeNumber(1, 1000),
	reserve_size: wholeNumber(0, 1000),
	one_per_household: string()
		.optional()
		.transform((value) => value === 'on'),
	replacement_cutoff_on: string()
		.trim()
		.refine((value) => value === '' || isCalendarDate(value), 'field_date')
		.transform((value) => (value === '' ? null : value)),
	privacy_notice: string().trim().max(10000, 'field_too_long')
});

/** Percent with a Danish or English decimal mark, blank for none. */
const percent = string()
	.trim()
	.refine((value) => value === '' || /^\d{1,3}([.,]\d+)?$/.test(value), 'field_number')
	.transform((value) => (value === '' ? null : Number(value.replace(',', '.')) / 100))
	.pipe(z.number().min(0, 'field_number').max(1, 'field_number').nullable());

const optionalAge = string()
	.trim()
	.refine(
		(value) => value === '' || (/^\d{1,3}$/.test(value) && Number(value) <= 130),
		'field_whole_number'
	)
	.transform((value) => (value === '' ? null : Number(value)));

export const FEATURE_ROWS = 8;

/** A category with up to FEATURE_ROWS feature rows (`feature_<i>_name`, `_min`, `_max`, `_share`, `_age_from`, `_age_to`). */
export const categorySchema = z
	.object({
		category_id: z.union([z.literal(''), z.uuid()]).transform((value) => value || null),
		name: text(1, 80),
		question: string().trim().max(300, 'field_too_long'),
		kind: z.enum(['choice', 'birth_year'], 'field_choice'),
		...Object.fromEntries(
			Array.from({ length: FEATURE_ROWS }, (_, i) => [
				[`feature_${i}_name`, string().trim().max(80, 'field_too_long').default('')],
				[
					`feature_${i}_min`,
					string()
						.trim()
						.refine(
							(v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 100_000),
							'field_whole_number'
						)
						.default('')
				],
				[
					`feature_${i}_max`,
					string()
						.trim()
						.refine(
							(v) => v === '' || (/^\d+$/.test(v) && Number(v) <= 100_000),
							'field_whole_number'
						)
						.default('')
				],
				[`feature_${i}_share`, percent.prefault('')],
				[`feature_${i}_age_from`, optionalAge.prefault('')],
				[`feature_${i}_age_to`, optionalAge.prefault('')]
			]).flat()
		)
	})
	.transform((raw, ctx) => {
		// The feature rows are built with fromEntries, which TypeScript cannot follow.
		const value = raw as Record<string, unknown> & {
			category_id: string | null;
			name: string;
			question: string;
			kind: 'choice' | 'birth_year';
		};
		const row = (i: number, field: string) =>
			(value as Record<string, unknown>)[`feature_${i}_${field}`];
		const features = [];
		for (let i = 0; i < FEATURE_ROWS; i++) {
			const name = row(i, 'name') as string;
			if (!name) continue;
			const min = row(i, 'min') === '' ? 0 : Number(row(i, 'min'));
			const max = row(i, 'max') === '' ? 0 : Number(row(i, 'max'));
			if (min > max)
				ctx.addIssue({ code: 'custom', path: [`feature_${i}_max`], message: 'field_whole_number' });
			const ageFrom = row(i, 'age_from') as number | null;
			const ageTo = row(i, 'age_to') as number | null;
			if (ageFrom !== null && ageTo !== null && ageFrom > ageTo)
				ctx.addIssue({
					code: 'custom',
					path: [`feature_${i}_age_to`],
					message: 'field_whole_number'
				});
			features.push({
				name,
				min,
				max,
				population_share: row(i, 'share') as number | null,
				age_from: row(i, 'age_from') as number | null,
				age_to: row(i, 'age_to') as number | null
			});
		}
		if (features.length === 0)
			ctx.addIssue({ code: 'custom', path: ['feature_0_name'], message: 'field_required' });
		return {
			category_id: value.category_id,
			name: value.name,
			question: value.question,
			kind: value.kind,
			features
		};
	});

export const computeQuotasSchema = z.object({
	panel_size: wholeNumber(1, 1000),
	tolerance: wholeNumber(0, 100)
});

export const invitationsSchema = z.object({
	label: text(1, 120),
	sample_size: string()
		.trim()
		.default('')
		.refine((value) => value === '' || /^\d{1,6}$/.test(value), 'field_whole_number')
		.transform((value) => (value === '' ? null : Number(value))),
	oversampling: string().max(5000, 'field_too_long').default(''),
	count: string()
		.trim()
		.refine((value) => value === '' || /^\d{1,5}$/.test(value), 'field_whole_number')
		.transform((value) => (value === '' ? 0 : Number(value)))
		.pipe(z.number().max(20000, 'field_whole_number'))
});

export const statusChangeSchema = z.object({
	registration_id: z.uuid('field_required'),
	status: z.enum(['confirmed', 'declined', 'withdrawn'], 'field_choice')
});

export const replaceSchema = z.object({
	registration_id: z.uuid('field_required')
});

/**
 * One row of an imported respondents.csv, cell by cell as text. The messages are the problem codes
 * of `$lib/recruitment/respondents-import` (reported with the file's line and column).
 */
export function importedRespondentSchema(now = new Date()) {
	const thisYear = now.getUTCFullYear();
	return z
		.object({
			full_name: string().trim().min(1, 'empty-cell').max(200, 'too-long'),
			email: z.union([
				z.literal(''),
				string().trim().max(254, 'bad-email').pipe(z.email('bad-email'))
			]),
			phone: string()
				.trim()
				.regex(/^(\+?[0-9 ]{8,20})?$/, 'bad-phone'),
			birth_year: string()
				.trim()
				.regex(/^\d{4}$/, 'bad-birth-year')
				.transform(Number)
				.pipe(
					z
						.number()
						.min(thisYear - 120, 'bad-birth-year')
						.max(thisYear, 'bad-birth-year')
				),
			address_line: string().trim().min(1, 'empty-cell').max(200, 'too-long'),
			postal_code: string()
				.trim()
				.regex(/^\d{4}$/, 'bad-postcode'),
			city: string().trim().max(100, 'too-long')
		})
		.refine((row) => row.email !== '' || row.phone !== '', {
			path: ['email'],
			message: 'missing-contact'
		});
}

/** The import form besides its file: the administrator vouches for everyone's consent. */
export const importRespondentsSchema = z.object({
	consent: z.literal('on', 'field_import_consent')
});
