import { z } from 'zod';
import { isCalendarDate, string } from './fields';

export const RECOMMENDATION_KINDS = ['recommendation', 'method'] as const;
export const SUPPORT_CHOICES = ['support', 'accept', 'oppose'] as const;
export const PLENARY_CHOICES = ['for', 'against', 'abstain'] as const;
export const AMENDMENT_DECISIONS = ['accept', 'reject', 'plenary'] as const;
/** How many criteria and evidence links the no-JavaScript form offers rows for. */
export const CRITERIA_ROWS = 6;
export const EVIDENCE_ROWS = 3;

// Browsers submit a textarea's line breaks as CRLF; the text is stored (and hashed) with LF.
const lf = () => string().overwrite((value) => value.replace(/\r\n?/g, '\n'));
const text = (min: number, max: number) =>
	lf()
		.trim()
		.min(min, min <= 1 ? 'field_required' : 'field_too_short')
		.max(max, 'field_too_long');
const optionalText = (max: number) => lf().trim().max(max, 'field_too_long').default('');
const wholeNumber = string()
	.trim()
	.regex(/^\d+$/, 'field_whole_number')
	.transform((value) => Number(value))
	// The database stores these as int4.
	.refine((value) => value <= 2_147_483_647, 'field_whole_number');

/** An amount in mio. kr. as typed in Danish ("-1,5", "2.0"), or empty. */
const amount = string()
	.trim()
	.default('')
	.transform((value) => value.replace(/\s/g, '').replace(',', '.'))
	.refine((value) => value === '' || /^-?\d{1,6}(\.\d)?$/.test(value), 'field_rec_amount')
	.transform((value) => (value === '' ? null : Number(value)));

/**
 * The fields of a version. Criteria and evidence come as numbered rows
 * (criterion_name_0, criterion_weight_0, …; evidence_label_0, evidence_url_0, …); empty rows are skipped.
 */
export const versionSchema = z
	.object({
		title: text(3, 200),
		body_md: text(1, 20000),
		rationale_md: optionalText(10000),
		welfare_area_ids: z.array(z.uuid('field_choice')).default([]),
		amount_mio: amount
	})
	.catchall(string());

export type VersionInput = z.infer<typeof versionSchema>;

export interface Criterion {
	name: string;
	weight: number;
}
export interface EvidenceLink {
	label: string;
	url: string;
}

/** The criteria rows of a form, or the field of the first bad row with its message key. */
export function criteriaOf(
	values: Record<string, string>
):
	| { ok: true; criteria: Criterion[] }
	| { ok: false; field: string; message: 'field_rec_criterion' } {
	const criteria: Criterion[] = [];
	for (let i = 0; i < CRITERIA_ROWS; i++) {
		const name = (values[`criterion_name_${i}`] ?? '').trim();
		const weightText = (values[`criterion_weight_${i}`] ?? '').trim().replace(',', '.');
		if (name === '' && weightText === '') continue;
		const weight = Number(weightText);
		if (name === '' || name.length > 120 || !(weight > 0) || weight > 1000) {
			return { ok: false, field: `criterion_${i}`, message: 'field_rec_criterion' };
		}
		criteria.push({ name, weight });
	}
	return { ok: true, criteria };
}

/** The evidence rows of a form, or the field of the first bad row. */
export function evidenceOf(
	values: Record<string, string>
): { ok: true; evidence: EvidenceLink[] } | { ok: false; field: string; message: 'field_rec_url' } {
	const evidence: EvidenceLink[] = [];
	for (let i = 0; i < EVIDENCE_ROWS; i++) {
		const label = (values[`evidence_label_${i}`] ?? '').trim();
		const url = (values[`evidence_url_${i}`] ?? '').trim();
		if (label === '' && url === '') continue;
		if (!/^https?:\/\/\S+$/.test(url) || url.length > 500 || label.length > 200) {
			return { ok: false, field: `evidence_${i}`, message: 'field_rec_url' };
		}
		evidence.push({ label: label || url, url });
	}
	return { ok: true, evidence };
}

export const newRecommendationSchema = versionSchema.extend({
	kind: z.enum(RECOMMENDATION_KINDS, 'field_choice'),
	working_group_id: z.uuid('field_rec_group')
});

export const saveVersionSchema = versionSchema.extend({ based_on: wholeNumber });

export const workingGroupSchema = z.object({
	name: text(2, 120),
	welfare_area_id: string()
		.trim()
		.default('')
		.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
		.transform((value) => (value === '' ? null : value))
});

export const groupMemberSchema = z.object({
	working_group_id: z.uuid('field_choice'),
	person_id: z.uuid('field_choice'),
	is_member: z.enum(['true', 'false']).transform((value) => value === 'true')
});

export const adoptionRuleSchema = z.object({
	threshold_pct: wholeNumber.refine((value) => value >= 50 && value <= 100, 'field_rec_threshold'),
	base: z.enum(['cast', 'present'], 'field_choice')
});

export const commentSchema = z.object({
	body: text(1, 4000),
	parent_id: string()
		.default('')
		.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
		.transform((value) => (value === '' ? null : value))
});

export const amendmentSchema = z.object({
	base_version: wholeNumber,
	paragraph: wholeNumber,
	proposed_text: text(1, 5000),
	reason: optionalText(2000)
});

export const decisionSchema = z.object({
	amendment_id: z.uuid('field_choice'),
	decision: z.enum(AMENDMENT_DECISIONS, 'field_choice')
});

export const plenaryVoteSchema = z.object({
	amendment_id: z.uuid('field_choice'),
	choice: z.enum(PLENARY_CHOICES, 'field_choice')
});

export const supportVoteSchema = z.object({ choice: z.enum(SUPPORT_CHOICES, 'field_choice') });

export const openVoteSchema = z.object({
	session_id: string()
		.default('')
		.refine((value) => value === '' || z.uuid().safeParse(value).success, 'field_choice')
		.transform((value) => (value === '' ? null : value))
});

export const statementSchema = z.object({ body: text(10, 4000) });

export const signSchema = z.object({
	statement_id: z.uuid('field_choice'),
	sign: z.enum(['true', 'false']).transform((value) => value === 'true')
});

export const handoverSchema = z.object({
	handover_on: string()
		.trim()
		.refine((value) => isCalendarDate(value), 'field_date')
});
