import { z } from 'zod';
import { string } from './fields';

/**
 * The support needs a member can ask for, in the order the forms offer them (the same list as
 * app.registrations.support_needs allows; pages import it from here, not from $lib/server).
 */
export const SUPPORT_NEEDS = [
	'transport',
	'childcare',
	'interpreter',
	'accessibility',
	'other'
] as const;
export type SupportNeed = (typeof SUPPORT_NEEDS)[number];

export const absenceSchema = z.object({
	reason: string().trim().max(500, 'field_too_long').default('')
});

export const supportNeedsSchema = z.object({
	needs: z.array(z.enum(SUPPORT_NEEDS, 'field_choice')).default([]),
	note: string().trim().max(1000, 'field_too_long').default('')
});

export const attendanceToggleSchema = z.object({
	person_id: z.uuid('field_choice'),
	present: z.enum(['true', 'false'], 'field_choice').transform((value) => value === 'true')
});

/** A code as typed from the screen: letters and digits, spaces and dashes ignored. */
export const checkInCodeSchema = z.object({
	code: string()
		.trim()
		.transform((value) => value.replace(/[^0-9a-z]/gi, '').toUpperCase())
		.refine((value) => value.length > 0, 'field_required')
});

export type AbsenceInput = z.infer<typeof absenceSchema>;
export type SupportNeedsInput = z.infer<typeof supportNeedsSchema>;
