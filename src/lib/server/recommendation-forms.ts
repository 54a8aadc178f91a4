import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { formValues, parseForm, type FieldErrors } from '$lib/forms';
import { m } from '$lib/paraglide/messages.js';
import { criteriaOf, evidenceOf, type versionSchema } from '$lib/schemas/recommendation';
import { ApiError } from './api';
import type { VersionFields } from './recommendations';

// The database's refusals (their DETAIL key) as the sentence shown beside the form.
const REFUSALS: Record<string, () => string> = {
	version_conflict: m.rec_error_version_conflict,
	recommendation_frozen: m.rec_error_frozen,
	recommendation_not_draft: m.rec_error_not_draft,
	recommendation_not_adopted: m.rec_error_not_adopted,
	amendment_outdated: m.rec_error_amendment_outdated,
	amendment_unchanged: m.rec_error_amendment_unchanged,
	amendment_decided: m.rec_error_amendment_decided,
	paragraph_missing: m.rec_error_paragraph_missing,
	vote_closed: m.rec_error_vote_closed,
	vote_exists: m.rec_error_vote_exists,
	session_required: m.rec_error_session_required,
	criteria_invalid: m.rec_error_criteria,
	evidence_invalid: m.field_rec_url,
	already_handed_over: m.rec_error_already_handed_over,
	adopted_not_frozen: m.rec_error_adopted_not_frozen,
	nothing_frozen: m.rec_error_nothing_frozen,
	working_group_elsewhere: m.rec_error_forbidden
};

/** The message for a refusal the user can act on, or null for an error that is not theirs. */
export function refusalOf(caught: unknown): string | null {
	if (!(caught instanceof ApiError)) return null;
	const known = caught.details ? REFUSALS[caught.details] : undefined;
	if (known) return known();
	if (caught.code === '42501') return m.rec_error_forbidden();
	if (caught.code === '23505') return m.rec_error_duplicate();
	// Anything else the database refused in the data (a class 22 or 23 error, or a function's own
	// refusal, e.g. a reply to a comment elsewhere or a session of another assembly) is the input's
	// fault, not the server's: shown beside the field rather than a 500.
	if (/^(22|23|P0)/.test(caught.code)) return m.rec_error_invalid();
	return null;
}

/**
 * Parses a version form (title, text, rationale, areas, amount, criteria rows, evidence rows) with
 * its schema. On failure: `fail(400, { form, values, errors })` with each error beside its field.
 */
export function parseVersionForm<S extends typeof versionSchema>(
	schema: S,
	formData: FormData,
	form: string
):
	| { ok: true; data: z.infer<S>; fields: VersionFields }
	| {
			ok: false;
			failure: ReturnType<
				typeof fail<{ form: string; values: Record<string, string>; errors: FieldErrors }>
			>;
	  } {
	const parsed = parseForm(schema, formData, ['welfare_area_ids']);
	const values = formValues(formData);
	values.welfare_area_ids = formData.getAll('welfare_area_ids').join(',');
	const errors: FieldErrors = parsed.ok ? {} : { ...parsed.failure.data.errors };
	const criteria = criteriaOf(values);
	if (!criteria.ok) errors[criteria.field] = m[criteria.message]();
	const evidence = evidenceOf(values);
	if (!evidence.ok) errors[evidence.field] = m[evidence.message]();
	if (!parsed.ok || !criteria.ok || !evidence.ok) {
		return { ok: false, failure: fail(400, { form, values, errors }) };
	}
	const data = parsed.data as z.infer<S> & z.infer<typeof versionSchema>;
	return {
		ok: true,
		data: parsed.data,
		fields: {
			title: data.title,
			body_md: data.body_md,
			rationale_md: data.rationale_md,
			welfare_area_ids: data.welfare_area_ids,
			amount_mio: data.amount_mio,
			criteria: criteria.criteria,
			evidence: evidence.evidence
		}
	};
}

/** A refusal from the database shown beside a form's field, with what the user typed. */
export function refusalFailure(
	caught: unknown,
	form: string,
	values: Record<string, string>,
	field = '_form'
) {
	const message = refusalOf(caught);
	if (message === null) throw caught;
	return fail(400, { form, values, errors: { [field]: message } satisfies FieldErrors });
}
