import { z } from 'zod';
import { isCalendarDate, string } from './fields';

/** The kinds of session, in the order the forms offer them. */
export const SESSION_KINDS = ['learning', 'deliberation', 'voting', 'visit'] as const;
export const AVAILABILITY_ANSWERS = ['yes', 'maybe', 'no'] as const;

const text = (min: number, max: number) =>
	string()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');
const optionalText = (max: number) => string().trim().max(max, 'field_too_long').default('');

const date = string()
	.trim()
	.refine((value) => isCalendarDate(value), 'field_date');

/** A clock time as typed: "17:00", "17.00" or "9:30" → "17:00" / "09:30". */
const time = string()
	.trim()
	.transform((value) => value.replace('.', ':'))
	.refine((value) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(value), 'field_time')
	.transform((value) => value.padStart(5, '0'));

const checkbox = string()
	.optional()
	.transform((value) => value === 'on' || value === 'true');

const wholeNumber = (min: number, max: number) =>
	string()
		.trim()
		.min(1, 'field_required')
		.refine((value) => /^\d+$/.test(value), 'field_whole_number')
		.transform(Number)
		.pipe(z.number().min(min, 'field_range').max(max, 'field_range'));

export const sessionSchema = z
	.object({
		title: text(2, 200),
		kind: z.enum(SESSION_KINDS, 'field_choice'),
		on_date: date,
		starts: time,
		ends: time,
		is_candidate: checkbox,
		place_name: optionalText(200),
		address: optionalText(200),
		room: optionalText(100),
		accessibility_note: optionalText(1000),
		online_url: string()
			.trim()
			.max(500, 'field_too_long')
			.refine((value) => value === '' || /^https:\/\/\S+$/.test(value), 'field_url')
			.transform((value) => (value === '' ? null : value)),
		description: optionalText(4000)
	})
	.superRefine((value, ctx) => {
		if (value.ends <= value.starts) {
			ctx.addIssue({ code: 'custom', path: ['ends'], message: 'field_session_end' });
		}
	});
export type SessionInput = z.infer<typeof sessionSchema>;

export const agendaItemSchema = z.object({
	title: text(1, 200),
	description: optionalText(2000),
	planned_minutes: wholeNumber(1, 600),
	led_by: optionalText(200)
});
export type AgendaItemInput = z.infer<typeof agendaItemSchema>;

export const cancelSchema = z.object({ reason: text(1, 1000) });

export const rulesSchema = z.object({ material_days_before: wholeNumber(0, 60) });

export const availabilitySchema = z.object({
	session_id: z.uuid('field_required'),
	answer: z.enum(AVAILABILITY_ANSWERS, 'field_choice')
});

/** A material: a title and either a file (checked by the action) or an https link. */
export const materialSchema = z.object({
	title: text(1, 200),
	agenda_item_id: string()
		.trim()
		.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
		.transform((value) => (value === '' ? null : value)),
	url: string()
		.trim()
		.max(1000, 'field_too_long')
		.refine((value) => value === '' || /^https:\/\/\S+$/.test(value), 'field_url')
		.transform((value) => (value === '' ? null : value))
});

export const REQUEST_KINDS = ['fact', 'expert'] as const;
export const REQUEST_STATUSES = ['open', 'in_progress', 'answered', 'declined'] as const;

export const askSchema = z.object({
	kind: z.enum(REQUEST_KINDS, 'field_choice'),
	question: text(5, 2000)
});

export const answerSchema = z
	.object({
		request_id: z.uuid('field_required'),
		status: z.enum(REQUEST_STATUSES, 'field_choice'),
		answer: optionalText(10000)
	})
	.superRefine((value, ctx) => {
		if ((value.status === 'answered' || value.status === 'declined') && value.answer === '') {
			ctx.addIssue({ code: 'custom', path: ['answer'], message: 'field_answer_required' });
		}
	});
