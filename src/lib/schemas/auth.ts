import { z } from 'zod';
import { string } from './fields';

export const email = string()
	.trim()
	.min(1, 'field_required')
	.max(254, 'field_too_long')
	.pipe(z.email('field_email'));

export const requestCodeSchema = z.object({
	email
});

export const verifyCodeSchema = z.object({
	email,
	code: string()
		.transform((value) => value.replace(/\s/g, ''))
		.pipe(string().regex(/^\d{6}$/, 'field_code'))
});

export const linkSchema = z.object({
	t: string().regex(/^[A-Za-z0-9_-]{43}$/, 'field_required')
});
