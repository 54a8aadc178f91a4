import { fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';

/** The message keys zod issues carry in this app's schemas (see src/lib/schemas). */
export type FieldMessage = keyof typeof m & `field_${string}`;

export type FieldErrors = Record<string, string>;

export interface FormFailure {
	values: Record<string, string>;
	errors: FieldErrors;
}

/** The form's text fields as typed, so a failed submission gives back everything. */
export function formValues(formData: FormData): Record<string, string> {
	const values: Record<string, string> = {};
	for (const [key, value] of formData) {
		// A field named __proto__ is nothing a form of ours sends, and no object key may be it.
		if (typeof value !== 'string' || key === '__proto__') continue;
		// Repeated keys (checkbox groups) are kept as one comma-separated value.
		values[key] = key in values ? `${values[key]},${value}` : value;
	}
	return values;
}

function translate(issue: z.core.$ZodIssue): string {
	const key = issue.message as FieldMessage;
	const message = m[key] as ((params?: Record<string, unknown>) => string) | undefined;
	if (!message) return issue.message;
	const params = issue as unknown as { maximum?: number; minimum?: number };
	return message({ max: params.maximum, min: params.minimum });
}

/**
 * Parses a form with its zod schema. On failure returns `fail(400, { values, errors })`, one
 * translated message per field, for the page to show beside each field.
 */
export function parseForm<S extends z.ZodType>(
	schema: S,
	formData: FormData,
	/** Fields that may repeat (checkbox groups), parsed as arrays. */
	arrays: string[] = []
): { ok: true; data: z.infer<S> } | { ok: false; failure: ActionFailure<FormFailure> } {
	const values = formValues(formData);
	const input: Record<string, unknown> = { ...values };
	for (const key of arrays) input[key] = formData.getAll(key).filter((v) => typeof v === 'string');
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? '_form');
		errors[field] ??= translate(issue);
	}
	return { ok: false, failure: fail(400, { values, errors }) };
}

/** A failure for one field of one form, after the database refused a value the schema let through. */
export function fieldFailure(
	form: string,
	values: Record<string, string>,
	field: string,
	message: string
) {
	return fail(400, { form, values, errors: { [field]: message } satisfies FieldErrors });
}
