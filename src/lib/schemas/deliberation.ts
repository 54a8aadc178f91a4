import { z } from 'zod';
import { email } from './auth';
import { isCalendarDate, string } from './fields';
import { BUDGET_EVENT_KINDS } from '$lib/budget-calendar';

/** A post argues for, against, or asks (neutral). */
export const DELIBERATION_STANCES = ['for', 'against', 'question'] as const;
export type DeliberationStance = (typeof DELIBERATION_STANCES)[number];

const text = (min: number, max: number) =>
	string()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');
const optionalText = (max: number) => string().trim().max(max, 'field_too_long').default('');
const optionalUuid = string()
	.trim()
	.default('')
	.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
	.transform((value) => (value === '' ? null : value));

export const threadSchema = z.object({
	title: text(3, 200),
	question: optionalText(2000),
	welfare_area_id: optionalUuid
});

export const postSchema = z.object({
	parent_id: optionalUuid,
	stance: z.enum(DELIBERATION_STANCES, 'field_choice').default('question'),
	body: text(2, 5000)
});

export const hideSchema = z.object({
	post_id: z.uuid('field_required'),
	reason: text(3, 500)
});

export const postIdSchema = z.object({ post_id: z.uuid('field_required') });

/** One party per line: "Name" or "Name; address@example.dk". */
export const PARTY_LINE = /^([^;]{2,200})(?:;\s*([^\s;]+@[^\s;]+\.[^\s;]+))?$/;

export const hearingSchema = z.object({
	title: text(3, 200),
	description: optionalText(4000),
	deadline_date: string()
		.trim()
		.refine((value) => isCalendarDate(value), 'field_date'),
	deadline_time: string()
		.trim()
		.default('12:00')
		.transform((value) => value.replace('.', ':'))
		.refine((value) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(value), 'field_time')
		.transform((value) => value.padStart(5, '0')),
	parties: string()
		.trim()
		.min(1, 'field_required')
		.max(20000, 'field_too_long')
		.transform((value) =>
			value
				.split(/\r?\n/)
				.map((line) => line.trim())
				.filter(Boolean)
		)
		.refine((lines) => lines.every((line) => PARTY_LINE.test(line)), 'field_hearing_parties')
		.refine(
			(lines) =>
				new Set(lines.map((line) => (line.split(';')[0] ?? '').trim().toLowerCase())).size ===
				lines.length,
			'field_hearing_parties_unique'
		)
		.transform((lines) =>
			lines.map((line) => {
				const [, name, email] = PARTY_LINE.exec(line) ?? [];
				return { name: (name ?? '').trim(), email: email ?? null };
			})
		)
});

/** A party invited to an open hearing: a name and, if the link is to be mailed, an address. */
export const hearingPartySchema = z.object({
	hearing_id: z.uuid('field_required'),
	name: text(2, 200).refine((value) => !value.includes(';'), 'field_hearing_parties'),
	email: string()
		.trim()
		.max(254, 'field_too_long')
		.default('')
		.refine((value) => value === '' || email.safeParse(value).success, 'field_email')
		.transform((value) => (value === '' ? null : value))
});

export const hearingResponseSchema = z.object({
	overall_text: optionalText(20000)
});

const isoDate = string()
	.trim()
	.refine((value) => value === '' || isCalendarDate(value), 'field_date');

export const budgetEventSchema = z
	.object({
		kind: z.enum(BUDGET_EVENT_KINDS, 'field_choice'),
		year: string()
			.trim()
			.regex(/^\d{4}$/, 'field_whole_number')
			.transform(Number)
			.pipe(z.number().min(2000, 'field_whole_number').max(2100, 'field_whole_number')),
		starts_on: isoDate,
		ends_on: isoDate.default('')
	})
	.superRefine((value, ctx) => {
		if (value.starts_on && !value.starts_on.startsWith(String(value.year))) {
			ctx.addIssue({ code: 'custom', path: ['starts_on'], message: 'field_budget_year' });
		}
		if (value.ends_on && (!value.starts_on || value.ends_on < value.starts_on)) {
			ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'field_budget_end' });
		}
	});
