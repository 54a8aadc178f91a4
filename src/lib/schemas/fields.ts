import { z } from 'zod';

/**
 * Text PostgreSQL can store as typed: no NUL (a `text` column refuses it, which would surface as
 * a 500) and no lone UTF-16 surrogate (it cannot be encoded as UTF-8 and would be silently turned
 * into U+FFFD on the way to the database).
 */
export function isStorableText(value: string): boolean {
	return !value.includes('\u0000') && value.isWellFormed();
}

/** `z.string()` for every form field: refuses what the database cannot store (see isStorableText). */
export const string = (params?: Parameters<typeof z.string>[0]) =>
	z.string(params).refine(isStorableText, 'field_characters');

/**
 * A real calendar date written YYYY-MM-DD, so 2027-02-30 is refused rather than rolled over
 * (PostgreSQL refuses it, and year 0000, which it has no date for).
 */
export function isCalendarDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A uuid PostgreSQL will take (a 36-character run of hex digits and dashes may not be one: a 500). */
const uuid = z.uuid();
export const isUuid = (value: unknown): value is string => uuid.safeParse(value).success;
