import { z } from 'zod';

export const email = z
	.string()
	.trim()
	.min(1, 'field_required')
	.max(254, 'field_too_long')
	.pipe(z.email('field_email'));

export const requestCodeSchema = z.object({
	email
});

export const verifyCodeSchema = z.object({
	email,
	code: z
		.string()
		.transform((value) => value.replace(/\s/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, 'field_code'))
});

export const linkSchema = z.object({
	t: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'field_required')
});
