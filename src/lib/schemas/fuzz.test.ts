/**
 * Generated inputs for every form schema (issue 8, part 4): valid records are accepted, a record
 * with one field replaced by a hostile value is accepted only if that value is valid by the rules
 * as written below (independently of zod), and nothing makes parsing throw. The seed is fixed so
 * CI is reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseForm } from '$lib/forms';
import { PHASES, ROLES } from '$lib/roles';
import { BUDGET_EVENT_KINDS } from '$lib/budget-calendar';
import * as assembly from './assembly';
import * as attendance from './attendance';
import * as auth from './auth';
import * as council from './council';
import * as deliberation from './deliberation';
import * as draw from './draw';
import * as exercise from './exercise';
import * as privacy from './privacy';
import * as recommendation from './recommendation';
import * as recruitment from './recruitment';
import * as session from './session';
import * as tables from './tables';

const modules = {
	assembly,
	attendance,
	auth,
	council,
	deliberation,
	draw,
	exercise,
	privacy,
	recommendation,
	recruitment,
	session,
	tables
};

const numRuns = Number(process.env.FUZZ_RUNS ?? 1000);
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 20261207), numRuns });

type Value = string | string[] | undefined;
type FormRecord = Record<string, Value>;

interface Field {
	/** Values a person could type that the rules allow. */
	valid: fc.Arbitrary<Value>;
	/** The rule for this field alone, written from the form's documentation, not by calling zod. */
	accepts: (value: unknown) => boolean;
	/** Repeated field (checkbox group): parsed as an array. */
	array?: boolean;
}

interface Spec {
	schema: z.ZodType;
	fields: Record<string, Field>;
	/** Valid records where fields depend on each other (defaults to each field's `valid`). */
	valid?: fc.Arbitrary<FormRecord>;
	/** Whether an unknown field may carry this value (schemas with a catch-all refuse bad text). */
	extra?: (value: unknown) => boolean;
}

// ---------------------------------------------------------------------------------------------
// The rules, written out

/** Text PostgreSQL can store: no NUL, no unpaired UTF-16 surrogate. */
function storable(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	for (let i = 0; i < value.length; i++) {
		const unit = value.charCodeAt(i);
		if (unit === 0) return false;
		if (unit >= 0xd800 && unit <= 0xdbff) {
			const next = value.charCodeAt(i + 1);
			if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
			i++;
		} else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
	}
	return true;
}

const daysIn = (year: number, month: number) =>
	month === 2
		? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
			? 29
			: 28
		: [4, 6, 9, 11].includes(month)
			? 30
			: 31;

function calendarDate(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month);
}

/** Length in code points, as zod's min/max and PostgreSQL's char_length count. */
const chars = (value: string) => [...value].length;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const trimmed = (value: unknown, rule: (text: string) => boolean) =>
	storable(value) && rule(value.trim());

const optional =
	(rule: (value: unknown) => boolean) =>
	(value: unknown): boolean =>
		value === undefined || rule(value);

// ---------------------------------------------------------------------------------------------
// Valid values

const LETTERS = [...'abcdefghijklmnopqrstuvwxyzæøåÆØÅé0123456789 ,.;:-\'"<>&/\n\u202e\u200f'];
const isoOf = (year: number, month: number, day: number) =>
	`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const dateArb = fc
	.record({
		year: fc.integer({ min: 1900, max: 2100 }),
		month: fc.integer({ min: 1, max: 12 }),
		day: fc.integer({ min: 1, max: 31 })
	})
	.map(({ year, month, day }) => isoOf(year, month, Math.min(day, daysIn(year, month))));
const uuidArb = fc.uuid({ version: 4 });
const digits = (min: number, max: number) => fc.integer({ min, max }).map(String);
const padded = (arb: fc.Arbitrary<string>) =>
	fc
		.tuple(fc.constantFrom('', ' ', '\t'), arb, fc.constantFrom('', ' ', '\n'))
		.map((p) => p.join(''));

// ---------------------------------------------------------------------------------------------
// Fields

/** Text trimmed to min..max characters (`lf`: CRLF counts as one line break). */
function text(min: number, max: number, options: { optional?: boolean; lf?: boolean } = {}): Field {
	// Characters as PostgreSQL's char_length and zod count them: code points, not UTF-16 units.
	const length = (value: string) =>
		[...(options.lf ? value.replace(/\r\n?/g, '\n') : value).trim()].length;
	const within = (value: string) => length(value) >= min && length(value) <= max;
	const typed = fc
		.string({ unit: fc.constantFrom(...LETTERS), minLength: min, maxLength: Math.min(max, 60) + 4 })
		.filter(within);
	const unicode = fc.string({ unit: 'grapheme', minLength: min, maxLength: 40 }).filter(within);
	const boundary = fc.constantFrom(
		...[min, max].map((n) => 'ø'.repeat(n)).filter((value) => within(value))
	);
	const rule = (value: unknown) => storable(value) && within(value);
	return {
		valid: fc.oneof(
			{ arbitrary: typed, weight: 6 },
			{ arbitrary: unicode, weight: 2 },
			{ arbitrary: boundary, weight: 1 },
			...(options.optional ? [{ arbitrary: fc.constant(undefined), weight: 1 }] : [])
		),
		accepts: options.optional ? optional(rule) : rule
	};
}
const optText = (max: number, lf = false) => text(0, max, { optional: true, lf });
/** Present but may be blank (no default in the schema). */
const blankText = (max: number) => text(0, max);

function choice(values: readonly string[], options: { optional?: boolean } = {}): Field {
	const rule = (value: unknown) => typeof value === 'string' && values.includes(value);
	return {
		valid: options.optional
			? fc.option(fc.constantFrom(...values), { nil: undefined })
			: fc.constantFrom(...values),
		accepts: options.optional ? optional(rule) : rule
	};
}

const uuid: Field = {
	valid: uuidArb,
	accepts: (value) => typeof value === 'string' && UUID.test(value)
};
/** '' for none, or a uuid; `optional`: may be missing. */
function blankUuid(options: { optional?: boolean } = {}): Field {
	const rule = (value: unknown) => trimmed(value, (t) => t === '' || UUID.test(t));
	return {
		valid: fc.oneof(
			fc.constant(''),
			uuidArb,
			...(options.optional ? [fc.constant(undefined)] : [])
		),
		accepts: options.optional ? optional(rule) : rule
	};
}

const checkbox: Field = {
	valid: fc.constantFrom(undefined, 'on', 'true', ''),
	accepts: (value) => value === undefined || storable(value)
};

const date: Field = { valid: padded(dateArb), accepts: (value) => trimmed(value, calendarDate) };
const blankDate: Field = {
	valid: fc.oneof(fc.constant(''), dateArb),
	accepts: (value) => trimmed(value, (t) => t === '' || calendarDate(t))
};

/** A whole number typed in digits, min..max. */
function whole(
	min: number,
	max: number,
	options: { optional?: boolean; blank?: boolean } = {}
): Field {
	const rule = (value: unknown) =>
		trimmed(
			value,
			(t) =>
				(options.blank && t === '') || (/^\d+$/.test(t) && Number(t) >= min && Number(t) <= max)
		);
	return {
		valid: fc.oneof(
			padded(digits(min, max)),
			...(options.blank ? [fc.constant('')] : []),
			...(options.optional ? [fc.constant(undefined)] : [])
		),
		accepts: options.optional ? optional(rule) : rule
	};
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const emailArb = fc
	.tuple(
		fc.stringMatching(/^[a-z0-9]{1,12}([._+-][a-z0-9]{1,8})?$/),
		fc.stringMatching(/^[a-z0-9]{1,12}(-[a-z0-9]{1,8})?$/),
		fc.constantFrom('dk', 'com', 'kommune.dk')
	)
	.map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const email: Field = {
	valid: padded(emailArb),
	accepts: (value) => trimmed(value, (t) => chars(t) <= 254 && EMAIL.test(t))
};
const blankEmail: Field = {
	valid: fc.oneof(fc.constant(''), emailArb),
	accepts: (value) => value === '' || email.accepts(value)
};

const time: Field = {
	valid: fc
		.tuple(
			fc.integer({ min: 0, max: 23 }),
			fc.integer({ min: 0, max: 59 }),
			fc.constantFrom(':', '.')
		)
		.map(([h, m, sep]) => `${h}${sep}${String(m).padStart(2, '0')}`),
	accepts: (value) => trimmed(value, (t) => /^([01]?\d|2[0-3]):[0-5]\d$/.test(t.replace('.', ':')))
};
const minutesOf = (value: string) => {
	const [h, m] = value.trim().replace('.', ':').split(':').map(Number);
	return h! * 60 + m!;
};

function httpsUrl(max: number): Field {
	return {
		valid: fc.oneof(
			fc.constant(''),
			fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= max && !/\s/.test(url))
		),
		accepts: (value) =>
			trimmed(value, (t) => t === '' || (chars(t) <= max && /^https:\/\/\S+$/.test(t)))
	};
}

function arrayOf(values: fc.Arbitrary<string>, rule: (item: unknown) => boolean, min = 0): Field {
	return {
		valid: fc.oneof(
			fc.array(values, { minLength: min, maxLength: 5 }),
			...(min === 0 ? [fc.constant(undefined)] : [])
		),
		accepts: (value) =>
			(min === 0 && value === undefined) ||
			(Array.isArray(value) && value.length >= min && value.every(rule)),
		array: true
	};
}

const PHONE = /^(\+?[0-9 ]{8,20})?$/;
const phone: Field = {
	valid: fc.oneof(
		fc.constant(''),
		fc.stringMatching(/^\+45 [0-9]{8}$/),
		fc.stringMatching(/^[0-9]{8}$/)
	),
	accepts: (value) => trimmed(value, (t) => PHONE.test(t))
};
const postalCode: Field = {
	valid: fc.stringMatching(/^[0-9]{4}$/),
	accepts: (value) => trimmed(value, (t) => /^\d{4}$/.test(t))
};
const NOW = new Date('2026-12-07T12:00:00Z');
const birthYear: Field = {
	valid: digits(1906, 2026),
	accepts: (value) =>
		trimmed(value, (t) => /^\d{4}$/.test(t) && Number(t) >= 1906 && Number(t) <= 2026)
};

/** A number typed in Danish or English ("1.184,5", "1184,5", "1184.5"), min..max. */
function decimal(min: number, max: number): Field {
	return {
		valid: fc
			.tuple(fc.integer({ min, max: max - 1 }), fc.integer({ min: 0, max: 9 }), fc.boolean())
			.map(([n, d, comma]) => `${n}${comma ? ',' : '.'}${d}`),
		accepts: (value) =>
			trimmed(value, (t) => {
				const normal = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
				return /^-?\d+(\.\d+)?$/.test(normal) && Number(normal) >= min && Number(normal) <= max;
			})
	};
}

const recordOf = (fields: Record<string, Field>) =>
	fc.record(Object.fromEntries(Object.entries(fields).map(([key, field]) => [key, field.valid])));

// ---------------------------------------------------------------------------------------------
// The specs: one per exported schema (factories with representative arguments)

const assemblyFields = {
	title: text(3, 200),
	charge: blankText(5000),
	municipality: text(2, 100),
	phase: choice(PHASES),
	is_public: checkbox,
	recruitment_opens_on: blankDate,
	registration_closes_on: blankDate,
	first_session_on: blankDate,
	last_session_on: blankDate,
	handover_on: blankDate,
	evaluation_on: blankDate
};
const ORDERED_DATES = [
	'recruitment_opens_on',
	'registration_closes_on',
	'first_session_on',
	'last_session_on',
	'handover_on'
];

const textFieldsOf = (keys: string[], field: Field) =>
	Object.fromEntries(keys.map((key) => [key, field]));

const responseFields = {
	recommendation_id: uuid,
	status: choice(council.RESPONSE_STATUSES),
	explanation: text(1, 10000),
	reason: optText(5000),
	committee: text(2, 200),
	case_number: {
		valid: fc.stringMatching(/^[0-9]{2}\/[0-9]{1,6}$/),
		accepts: optional((value) => trimmed(value, (t) => t === '' || /^\d{2}\/\d{1,6}$/.test(t)))
	},
	decision_committee: optText(200),
	meeting_on: {
		valid: dateArb,
		accepts: optional((value) => trimmed(value, (t) => t === '' || calendarDate(t)))
	},
	decision_text: optText(5000),
	progress_pct: {
		valid: digits(0, 100),
		accepts: optional((value) =>
			trimmed(value, (t) => t === '' || (/^\d{1,3}$/.test(t) && Number(t) <= 100))
		)
	},
	milestones: {
		valid: fc
			.array(fc.tuple(dateArb, fc.stringMatching(/^[A-Za-zæøå][A-Za-zæøå ]{0,40}[a-zæøå]$/)), {
				maxLength: 20
			})
			.map((rows) => rows.map(([on, what]) => `${on} ${what}`).join('\r\n')),
		accepts: optional((value) =>
			trimmed(value, (t) => {
				const lines = t
					.split(/\r?\n/)
					.map((line) => line.trim())
					.filter(Boolean);
				return (
					chars(t) <= 10000 &&
					lines.length <= 20 &&
					lines.every((line) => {
						const match = /^(\S+)\s+(.{2,300})$/.exec(line);
						return match !== null && calendarDate(match[1]!);
					})
				);
			})
		)
	},
	correction_note: optText(2000),
	is_correction: choice(['true', 'false'], { optional: true })
};

const PARTY =
	/^([^;]{2,200})(?:;\s*([^\s;]+@[^\s;]+\.[^\s;]+))?$/; /* "Name" or "Name; address" per line */

const categoryRow = fc.record({
	name: fc.stringMatching(/^[A-Za-zæøå][A-Za-zæøå0-9 -]{0,40}$/),
	counts: fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 })),
	share: fc.oneof(
		fc.constant(''),
		fc.integer({ min: 0, max: 100 }).map(String),
		fc.constant('12,5')
	),
	ages: fc.option(fc.tuple(fc.integer({ min: 0, max: 130 }), fc.integer({ min: 0, max: 130 })))
});

const featureFields: Record<string, Field> = {};
for (let i = 0; i < recruitment.FEATURE_ROWS; i++) {
	const count = whole(0, 100_000, { optional: true, blank: true });
	const age = whole(0, 130, { optional: true, blank: true });
	Object.assign(featureFields, {
		[`feature_${i}_name`]: optText(80),
		[`feature_${i}_min`]: count,
		[`feature_${i}_max`]: count,
		[`feature_${i}_share`]: {
			valid: fc.constant(''),
			accepts: optional((value) =>
				trimmed(
					value,
					(t) => t === '' || (/^\d{1,3}([.,]\d+)?$/.test(t) && Number(t.replace(',', '.')) <= 100)
				)
			)
		},
		[`feature_${i}_age_from`]: age,
		[`feature_${i}_age_to`]: age
	});
}

const registrationFields: Record<string, Field> = {
	full_name: text(1, 200),
	email: blankEmail,
	phone,
	birth_year: birthYear,
	address_line: text(1, 200),
	postal_code: postalCode,
	city: blankText(100),
	support_needs: arrayOf(fc.constantFrom(...attendance.SUPPORT_NEEDS), (v) =>
		attendance.SUPPORT_NEEDS.includes(v as never)
	),
	support_note: blankText(1000),
	available: arrayOf(fc.constantFrom('s1', 's2'), (v) => v === 's1' || v === 's2'),
	consent: choice(['on']),
	answer_q1: choice(['f1', 'f2'])
};
const withContact = (arb: fc.Arbitrary<FormRecord>) =>
	arb.filter((record) => record.email !== '' || record.phone !== '');

const respondentFields: Record<string, Field> = {
	full_name: text(1, 200),
	email: blankEmail,
	phone,
	birth_year: birthYear,
	address_line: text(1, 200),
	postal_code: postalCode,
	city: blankText(100)
};

const sessionFields = {
	title: text(2, 200),
	kind: choice(session.SESSION_KINDS),
	on_date: date,
	starts: time,
	ends: time,
	is_candidate: checkbox,
	place_name: optText(200),
	address: optText(200),
	room: optText(100),
	accessibility_note: optText(1000),
	online_url: httpsUrl(500),
	description: optText(4000)
};

const versionFields: Record<string, Field> = {
	title: text(3, 200, { lf: true }),
	body_md: text(1, 20000, { lf: true }),
	rationale_md: optText(10000, true),
	welfare_area_ids: arrayOf(uuidArb, uuid.accepts),
	amount_mio: {
		valid: fc.oneof(
			fc.constant(''),
			fc.integer({ min: -999_999, max: 999_999 }).map(String),
			fc.constant('-1,5'),
			fc.constant(' 12 ')
		),
		accepts: optional((value) =>
			trimmed(value, (t) => {
				const normal = t.replace(/\s/g, '').replace(',', '.');
				return normal === '' || /^-?\d{1,6}(\.\d)?$/.test(normal);
			})
		)
	}
};
const int4 = (options: { min?: number; max?: number } = {}): Field => {
	const min = options.min ?? 0;
	const max = options.max ?? 2_147_483_647;
	return whole(min, max);
};

const exerciseFields = {
	title: text(2, 200),
	question: optText(2000),
	kind: choice(exercise.EXERCISE_KINDS),
	session_id: blankUuid(),
	total: {
		valid: fc.option(digits(1, 999_999), { nil: undefined }),
		accepts: optional((value) => trimmed(value, (t) => /^\d{1,6}$/.test(t) && Number(t) > 0))
	},
	statements: {
		valid: fc
			.array(fc.stringMatching(/^[A-Za-zæøå][A-Za-zæøå ,.]{0,80}$/), { maxLength: 10 })
			.map((lines) => lines.join('\n')),
		accepts: optional((value) =>
			trimmed(value, (t) => chars(t) <= 5000 && t.split('\n').every((l) => l.trim().length <= 300))
		)
	},
	only_checked_in: checkbox
};

const allocationFields: Record<string, Field> = {};
for (const id of ['a', 'b']) {
	const amount: Field = {
		valid: fc.oneof(
			fc.integer({ min: 0, max: 1_000_000 }).map(String),
			fc.constantFrom('12,5', '1.000', '1.000,5', ' 7 ')
		),
		accepts: (value) =>
			trimmed(value, (t) => {
				const compact = t.replace(/\s/g, '');
				const normal = compact.includes(',')
					? compact.replace(/\./g, '').replace(',', '.')
					: compact;
				return /^\d+(\.\d+)?$/.test(normal) && Number.isFinite(Number(normal));
			})
	};
	Object.assign(allocationFields, {
		[`min_${id}`]: amount,
		[`max_${id}`]: amount,
		[`locked_${id}`]: amount,
		[`more_${id}`]: optText(1000),
		[`less_${id}`]: optText(1000)
	});
}

const specs: Record<string, Spec> = {
	// assembly
	assemblySchema: {
		schema: assembly.assemblySchema,
		fields: assemblyFields,
		valid: fc
			.tuple(
				recordOf(assemblyFields),
				fc.array(dateArb, { minLength: 5, maxLength: 5 }),
				fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })
			)
			.map(([record, dates, blank]) => {
				const sorted = [...dates].sort();
				ORDERED_DATES.forEach((key, i) => (record[key] = blank[i] ? '' : sorted[i]));
				return record;
			})
	},
	welfareAreaSchema: {
		schema: assembly.welfareAreaSchema,
		fields: {
			welfare_area_id: uuid,
			name: text(2, 120),
			description: blankText(4000),
			budget_mio: decimal(0, 999_999)
		}
	},
	addPersonSchema: {
		schema: assembly.addPersonSchema,
		fields: { full_name: text(1, 200), email, role: choice(ROLES) }
	},
	removeRoleSchema: {
		schema: assembly.removeRoleSchema,
		fields: { person_id: uuid, role: choice(ROLES) }
	},

	// attendance
	absenceSchema: { schema: attendance.absenceSchema, fields: { reason: optText(500) } },
	supportNeedsSchema: {
		schema: attendance.supportNeedsSchema,
		fields: { needs: registrationFields.support_needs!, note: optText(1000) }
	},
	attendanceToggleSchema: {
		schema: attendance.attendanceToggleSchema,
		fields: { person_id: uuid, present: choice(['true', 'false']) }
	},
	checkInCodeSchema: {
		schema: attendance.checkInCodeSchema,
		fields: {
			code: {
				valid: fc.stringMatching(/^[A-Za-z0-9]{3}[ -]?[A-Za-z0-9]{3}$/),
				accepts: (value) => trimmed(value, (t) => /[0-9a-z]/i.test(t))
			}
		}
	},

	// auth
	email: { schema: z.object({ email: auth.email }), fields: { email } },
	requestCodeSchema: { schema: auth.requestCodeSchema, fields: { email } },
	verifyCodeSchema: {
		schema: auth.verifyCodeSchema,
		fields: {
			email,
			code: {
				valid: fc.stringMatching(/^[0-9]{3} ?[0-9]{3}$/),
				accepts: (value) => storable(value) && /^\d{6}$/.test(value.replace(/\s/g, ''))
			}
		}
	},
	linkSchema: {
		schema: auth.linkSchema,
		fields: {
			t: {
				valid: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
				accepts: (value) => typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)
			}
		}
	},

	// council
	responseSchema: {
		schema: council.responseSchema,
		fields: responseFields,
		valid: fc
			.tuple(recordOf(responseFields), text(2, 200).valid, fc.boolean())
			.map(([record, words, correction]) => {
				const status = record.status as string;
				const implemented = status === 'followed' || status === 'partly_followed';
				if (status !== 'followed') record.reason = words;
				if (status === 'pending') {
					for (const key of ['case_number', 'decision_committee', 'meeting_on', 'decision_text'])
						record[key] = '';
				} else {
					record.decision_committee = words;
					record.decision_text = words;
				}
				if (!implemented) record.progress_pct = record.milestones = '';
				record.is_correction = correction ? 'true' : 'false';
				if (correction) record.correction_note = words;
				return record;
			})
	},
	markPendingSchema: {
		schema: council.markPendingSchema,
		fields: { committee: text(2, 200), reason: text(2, 5000) }
	},
	roundDueSchema: { schema: council.roundDueSchema, fields: { round_id: uuid, due_on: date } },
	subscribeSchema: { schema: council.subscribeSchema, fields: { email } },
	evaluationAnswersSchema: {
		schema: council.evaluationAnswersSchema([
			{ key: 'q1', kind: 'likert' },
			{ key: 'q2', kind: 'text' }
		]),
		fields: {
			audience: choice(['member', 'organiser']),
			q1: choice(['', '1', '2', '3', '4', '5'], { optional: true }),
			q2: optText(3000)
		}
	},

	// deliberation
	threadSchema: {
		schema: deliberation.threadSchema,
		fields: {
			title: text(3, 200),
			question: optText(2000),
			welfare_area_id: blankUuid({ optional: true })
		}
	},
	postSchema: {
		schema: deliberation.postSchema,
		fields: {
			parent_id: blankUuid({ optional: true }),
			stance: choice(deliberation.DELIBERATION_STANCES, { optional: true }),
			body: text(2, 5000)
		}
	},
	hideSchema: { schema: deliberation.hideSchema, fields: { post_id: uuid, reason: text(3, 500) } },
	postIdSchema: { schema: deliberation.postIdSchema, fields: { post_id: uuid } },
	hearingPartySchema: {
		schema: deliberation.hearingPartySchema,
		fields: {
			hearing_id: uuid,
			name: {
				valid: text(2, 200).valid.filter((value) => !String(value).includes(';')),
				accepts: (value) => text(2, 200).accepts(value) && !String(value).includes(';')
			},
			// Optional: blank (or only spaces) means no mail.
			email: {
				valid: fc.oneof(fc.constant(undefined), blankEmail.valid),
				accepts: optional((value) => trimmed(value, (t) => t === '') || email.accepts(value))
			}
		}
	},
	hearingSchema: {
		schema: deliberation.hearingSchema,
		fields: {
			title: text(3, 200),
			description: optText(4000),
			deadline_date: date,
			deadline_time: { valid: time.valid, accepts: optional(time.accepts) },
			parties: {
				valid: fc
					.uniqueArray(
						fc.tuple(
							fc.stringMatching(/^[A-Za-zæøå][A-Za-zæøå ]{1,30}[a-z]$/),
							fc.option(emailArb, { nil: undefined })
						),
						{ minLength: 1, maxLength: 8, selector: ([name]) => name.toLowerCase() }
					)
					.map((rows) => rows.map(([name, to]) => (to ? `${name}; ${to}` : name)).join('\n')),
				accepts: (value) =>
					trimmed(value, (t) => {
						const lines = t
							.split(/\r?\n/)
							.map((line) => line.trim())
							.filter(Boolean);
						const names = lines.map((line) => (line.split(';')[0] ?? '').trim().toLowerCase());
						return (
							t.length >= 1 &&
							chars(t) <= 20000 &&
							lines.every((line) => PARTY.test(line)) &&
							new Set(names).size === names.length
						);
					})
			}
		}
	},
	hearingResponseSchema: {
		schema: deliberation.hearingResponseSchema,
		fields: { overall_text: optText(20000) }
	},
	budgetEventSchema: {
		schema: deliberation.budgetEventSchema,
		fields: {
			kind: choice(BUDGET_EVENT_KINDS),
			year: whole(2000, 2100),
			starts_on: blankDate,
			ends_on: { valid: blankDate.valid, accepts: optional(blankDate.accepts) }
		},
		valid: fc
			.record({
				kind: fc.constantFrom(...BUDGET_EVENT_KINDS),
				year: fc.integer({ min: 2000, max: 2100 }),
				start: fc.option(
					fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
				),
				days: fc.option(fc.integer({ min: 0, max: 400 }))
			})
			.map(({ kind, year, start, days }) => {
				const starts = start ? isoOf(year, start[0], start[1]) : '';
				const ends =
					starts && days !== null
						? new Date(Date.parse(`${starts}T00:00:00Z`) + days * 86_400_000)
								.toISOString()
								.slice(0, 10)
						: '';
				return { kind, year: String(year), starts_on: starts, ends_on: ends };
			})
	},

	// draw
	startDrawSchema: {
		schema: draw.startDrawSchema,
		fields: textFieldsOf(
			Array.from({ length: draw.SOURCE_ROWS }, (_, i) => [
				`source_${i}_name`,
				`source_${i}_description`
			]).flat(),
			optText(500)
		),
		valid: fc
			.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,40}[a-z]$/), {
				minLength: 1,
				maxLength: draw.SOURCE_ROWS,
				selector: (name) => name.toLowerCase()
			})
			.map((names) =>
				Object.fromEntries(
					names.flatMap((name, i) => [
						[`source_${i}_name`, name],
						[`source_${i}_description`, `Kilde ${name}`]
					])
				)
			)
	},
	randomValuesSchema: {
		schema: draw.randomValuesSchema(2),
		fields: { value_0: text(1, 200), value_1: text(1, 200) }
	},

	// exercise
	exerciseSchema: {
		schema: exercise.exerciseSchema,
		fields: exerciseFields,
		valid: recordOf(exerciseFields).map((record) => {
			if (record.kind === 'statements' && !String(record.statements ?? '').trim())
				record.statements = 'Et udsagn';
			if (!record.session_id) record.only_checked_in = undefined;
			return record;
		})
	},
	roundActionSchema: {
		schema: exercise.roundActionSchema,
		fields: { round_id: uuid, exercise_id: uuid }
	},
	allocationSettingsSchema: {
		schema: exercise.allocationSettingsSchema(['a', 'b']),
		fields: allocationFields
	},

	// privacy
	deletionRequestSchema: {
		schema: privacy.deletionRequestSchema,
		fields: { confirm: choice(['on']) }
	},
	carryOutDeletionSchema: { schema: privacy.carryOutDeletionSchema, fields: { request_id: uuid } },

	// recommendation
	versionSchema: { schema: recommendation.versionSchema, fields: versionFields, extra: storable },
	newRecommendationSchema: {
		schema: recommendation.newRecommendationSchema,
		fields: {
			...versionFields,
			kind: choice(recommendation.RECOMMENDATION_KINDS),
			working_group_id: uuid
		},
		extra: storable
	},
	saveVersionSchema: {
		schema: recommendation.saveVersionSchema,
		fields: { ...versionFields, based_on: int4() },
		extra: storable
	},
	workingGroupSchema: {
		schema: recommendation.workingGroupSchema,
		fields: { name: text(2, 120), welfare_area_id: blankUuid({ optional: true }) }
	},
	groupMemberSchema: {
		schema: recommendation.groupMemberSchema,
		fields: { working_group_id: uuid, person_id: uuid, is_member: choice(['true', 'false']) }
	},
	adoptionRuleSchema: {
		schema: recommendation.adoptionRuleSchema,
		fields: { threshold_pct: whole(50, 100), base: choice(['cast', 'present']) }
	},
	commentSchema: {
		schema: recommendation.commentSchema,
		fields: { body: text(1, 4000, { lf: true }), parent_id: blankUuid({ optional: true }) }
	},
	amendmentSchema: {
		schema: recommendation.amendmentSchema,
		fields: {
			base_version: int4(),
			paragraph: int4(),
			proposed_text: text(1, 5000, { lf: true }),
			reason: optText(2000, true)
		}
	},
	decisionSchema: {
		schema: recommendation.decisionSchema,
		fields: { amendment_id: uuid, decision: choice(recommendation.AMENDMENT_DECISIONS) }
	},
	plenaryVoteSchema: {
		schema: recommendation.plenaryVoteSchema,
		fields: { amendment_id: uuid, choice: choice(recommendation.PLENARY_CHOICES) }
	},
	supportVoteSchema: {
		schema: recommendation.supportVoteSchema,
		fields: { choice: choice(recommendation.SUPPORT_CHOICES) }
	},
	openVoteSchema: {
		schema: recommendation.openVoteSchema,
		fields: { session_id: blankUuid({ optional: true }) }
	},
	statementSchema: {
		schema: recommendation.statementSchema,
		fields: { body: text(10, 4000, { lf: true }) }
	},
	signSchema: {
		schema: recommendation.signSchema,
		fields: { statement_id: uuid, sign: choice(['true', 'false']) }
	},
	handoverSchema: { schema: recommendation.handoverSchema, fields: { handover_on: date } },

	// recruitment
	registrationCodeSchema: {
		schema: recruitment.registrationCodeSchema,
		fields: { code: text(1, 40) }
	},
	registrationSchema: {
		schema: recruitment.registrationSchema(
			[
				{ id: 'q1', kind: 'choice', features: [{ id: 'f1' }, { id: 'f2' }] },
				{ id: 'q2', kind: 'birth_year', features: [] }
			],
			NOW,
			['s1', 's2']
		),
		fields: registrationFields,
		valid: withContact(recordOf(registrationFields))
	},
	staffChannelSchema: {
		schema: recruitment.staffChannelSchema,
		fields: { channel: choice(['phone', 'paper']) }
	},
	recruitmentSettingsSchema: {
		schema: recruitment.recruitmentSettingsSchema,
		fields: {
			panel_size: whole(1, 1000),
			reserve_size: whole(0, 1000),
			one_per_household: checkbox,
			replacement_cutoff_on: blankDate,
			privacy_notice: blankText(10000)
		}
	},
	categorySchema: {
		schema: recruitment.categorySchema,
		fields: {
			category_id: {
				valid: fc.oneof(fc.constant(''), uuidArb),
				accepts: (value) => value === '' || uuid.accepts(value)
			},
			name: text(1, 80),
			question: blankText(300),
			kind: choice(['choice', 'birth_year']),
			...featureFields
		},
		valid: fc
			.record({
				category_id: fc.oneof(fc.constant(''), uuidArb),
				name: text(1, 80).valid,
				question: blankText(300).valid,
				kind: fc.constantFrom('choice', 'birth_year'),
				rows: fc.array(categoryRow, { minLength: 1, maxLength: recruitment.FEATURE_ROWS })
			})
			.map(({ rows, ...record }) => {
				const form: FormRecord = { ...record };
				rows.forEach((row, i) => {
					const [min, max] = [...row.counts].sort((a, b) => a - b);
					form[`feature_${i}_name`] = row.name;
					form[`feature_${i}_min`] = String(min);
					form[`feature_${i}_max`] = String(max);
					form[`feature_${i}_share`] = row.share;
					if (row.ages) {
						const [from, to] = [...row.ages].sort((a, b) => a - b);
						form[`feature_${i}_age_from`] = String(from);
						form[`feature_${i}_age_to`] = String(to);
					}
				});
				return form;
			})
	},
	computeQuotasSchema: {
		schema: recruitment.computeQuotasSchema,
		fields: { panel_size: whole(1, 1000), tolerance: whole(0, 100) }
	},
	invitationsSchema: {
		schema: recruitment.invitationsSchema,
		fields: {
			label: text(1, 120),
			sample_size: whole(0, 999_999, { optional: true, blank: true }),
			oversampling: {
				valid: fc.option(fc.string({ unit: fc.constantFrom(...LETTERS), maxLength: 80 }), {
					nil: undefined
				}),
				accepts: optional((value) => storable(value) && chars(value) <= 5000)
			},
			count: whole(0, 20_000, { blank: true })
		}
	},
	statusChangeSchema: {
		schema: recruitment.statusChangeSchema,
		fields: { registration_id: uuid, status: choice(['confirmed', 'declined', 'withdrawn']) }
	},
	replaceSchema: { schema: recruitment.replaceSchema, fields: { registration_id: uuid } },
	importedRespondentSchema: {
		schema: recruitment.importedRespondentSchema(NOW),
		fields: respondentFields,
		valid: withContact(recordOf(respondentFields))
	},
	importRespondentsSchema: {
		schema: recruitment.importRespondentsSchema,
		fields: { consent: choice(['on']) }
	},

	// session
	sessionSchema: {
		schema: session.sessionSchema,
		fields: sessionFields,
		valid: recordOf(sessionFields).filter(
			(record) => minutesOf(String(record.ends)) > minutesOf(String(record.starts))
		)
	},
	agendaItemSchema: {
		schema: session.agendaItemSchema,
		fields: {
			title: text(1, 200),
			description: optText(2000),
			planned_minutes: whole(1, 600),
			led_by: optText(200)
		}
	},
	cancelSchema: { schema: session.cancelSchema, fields: { reason: text(1, 1000) } },
	rulesSchema: { schema: session.rulesSchema, fields: { material_days_before: whole(0, 60) } },
	availabilitySchema: {
		schema: session.availabilitySchema,
		fields: { session_id: uuid, answer: choice(session.AVAILABILITY_ANSWERS) }
	},
	materialSchema: {
		schema: session.materialSchema,
		fields: { title: text(1, 200), agenda_item_id: blankUuid(), url: httpsUrl(1000) }
	},
	askSchema: {
		schema: session.askSchema,
		fields: { kind: choice(session.REQUEST_KINDS), question: text(5, 2000) }
	},
	answerSchema: {
		schema: session.answerSchema,
		fields: {
			request_id: uuid,
			status: choice(session.REQUEST_STATUSES),
			answer: optText(10000)
		},
		valid: fc
			.record({
				request_id: uuidArb,
				status: fc.constantFrom(...session.REQUEST_STATUSES),
				answer: text(1, 10000).valid
			})
			.map((record) => record as FormRecord)
	},

	// tables
	makeTablesSchema: {
		schema: tables.makeTablesSchema,
		fields: {
			table_size: whole(1, tables.MAX_TABLE_SIZE),
			present: arrayOf(uuidArb, uuid.accepts, 1)
		}
	},
	swapSchema: { schema: tables.swapSchema, fields: { person_a: uuid, person_b: uuid } },
	moveSchema: {
		schema: tables.moveSchema,
		fields: { person_id: uuid, table_number: whole(1, 200) }
	},
	questionSchema: { schema: tables.questionSchema, fields: { question: text(2, 500) } },
	questionRef: { schema: tables.questionRef, fields: { question_id: uuid } },
	noteSchema: {
		schema: tables.noteSchema,
		fields: { question_id: uuid, table_number: whole(1, 200), summary: text(1, 5000) }
	}
};

// ---------------------------------------------------------------------------------------------
// Hostile values

const hostileString = fc.oneof(
	fc.constantFrom(
		'',
		' ',
		'\u0000',
		'a\u0000b',
		'\ud800',
		'x\udc00y',
		'\udfff\ud800',
		'\u202eabc\u202c',
		'\u200f\u200f',
		'\ufeff',
		'1e400',
		' 12 ',
		'-0',
		'-1',
		'0x10',
		'0b11',
		'1_000',
		'NaN',
		'Infinity',
		'2147483647',
		'2147483648',
		'99999999999999999999',
		'9'.repeat(400),
		'12,5',
		'1.000,5',
		'٣',
		'١٢٣٤',
		'2027-02-30',
		'2027-02-29',
		'2028-02-29',
		'0000-01-01',
		'9999-12-31',
		'2027-13-01',
		'2026-12-07T10:00',
		'24:00',
		'23.59',
		'9:5',
		'https://',
		'https://x y',
		'javascript:alert(1)',
		'<script>alert(1)</script>',
		"'; drop table app.ballots; --",
		'00000000-0000-0000-0000-000000000000',
		'ffffffff-ffff-ffff-ffff-ffffffffffff',
		'a55e0b1e-0000-4000-8000-00000000000g',
		'true',
		'false',
		'on',
		'off',
		'null',
		'undefined',
		'__proto__',
		'constructor',
		'a@b',
		'a@b.c\u0000',
		'x@y.dk',
		'25/3441',
		'12 34 56',
		'123456'
	),
	fc.string({ unit: 'binary', maxLength: 40 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.string({
		unit: fc.constantFrom(
			'\u0000',
			'\ud800',
			'\udc00',
			'a',
			'1',
			' ',
			'-',
			'\n',
			'\r',
			';',
			'@',
			'.'
		),
		maxLength: 30
	}),
	fc.uuid().map((id) => id.toUpperCase()),
	dateArb,
	fc.integer({ min: -1000, max: 3_000_000_000 }).map(String),
	fc.double().map(String),
	fc
		.constantFrom(1000, 4001, 20_001, 100_001, 1_000_001)
		.chain((n) => fc.constantFrom('x', 'ø', ' ', '\n', '😀').map((c) => c.repeat(n)))
);
const hostile: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: hostileString, weight: 8 },
	{ arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
	{ arbitrary: fc.constant(undefined), weight: 1 },
	{ arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)), weight: 1 }
);
/** What a form can carry: text fields, possibly repeated. */
const hostileForm: fc.Arbitrary<Value> = fc.oneof(
	{ arbitrary: hostileString, weight: 8 },
	{ arbitrary: fc.array(hostileString, { maxLength: 4 }), weight: 1 },
	{ arbitrary: fc.constant(undefined), weight: 1 }
);
const junkKey = fc.oneof(
	fc.constantFrom('__proto__', 'constructor', 'toString', 'x', 'amount_', '_form'),
	fc.string({ maxLength: 12 })
);

/** A value for an assertion message, cut short. */
const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 120) ?? String(value);

const validRecord = (spec: Spec) => spec.valid ?? recordOf(spec.fields);

function withValue(record: FormRecord, key: string, value: unknown): Record<string, unknown> {
	const copy: Record<string, unknown> = { ...record };
	if (value === undefined) delete copy[key];
	else copy[key] = value;
	return copy;
}

function formDataOf(record: Record<string, unknown>): FormData {
	const form = new FormData();
	for (const [key, value] of Object.entries(record)) {
		if (value === undefined) continue;
		for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item));
	}
	return form;
}

/**
 * What parseForm hands the schema for a field sent as `value`: form fields are USVStrings, so a
 * lone surrogate arrives as U+FFFD (as it does from a request body decoded as UTF-8).
 */
function asSent(field: Field, value: Value): unknown {
	const sent = value === undefined ? [] : [value].flat().map((item) => item.toWellFormed());
	if (field.array) return sent;
	return sent.length === 0 ? undefined : sent.join(',');
}

const arrayKeys = (spec: Spec) =>
	Object.entries(spec.fields)
		.filter(([, field]) => field.array)
		.map(([key]) => key);

// ---------------------------------------------------------------------------------------------

describe('every form schema, fuzzed', () => {
	it('has a spec for every exported schema and schema factory', () => {
		const exported: string[] = [];
		for (const [moduleName, module] of Object.entries(modules)) {
			for (const [name, value] of Object.entries(module)) {
				const isSchema = value instanceof z.ZodType;
				const isFactory = typeof value === 'function' && /Schema$/.test(name);
				if (isSchema || isFactory) exported.push(name);
				if (isSchema || isFactory)
					expect(specs, `${moduleName}.${name} has no fuzz spec`).toHaveProperty(name);
			}
		}
		expect(Object.keys(specs).sort()).toEqual(exported.sort());
	});

	describe.each(Object.entries(specs))('%s', (_name, spec) => {
		it('accepts generated valid records, through the form as the actions parse it', () => {
			fc.assert(
				fc.property(validRecord(spec), (record) => {
					const direct = spec.schema.safeParse(record);
					expect(direct.error?.issues ?? []).toEqual([]);
					const parsed = parseForm(spec.schema, formDataOf(record), arrayKeys(spec));
					expect(parsed.ok ? [] : parsed.failure.data.errors).toEqual([]);
				})
			);
		});

		it('accepts a hostile value in a field only if the rules allow it', () => {
			const keys = Object.keys(spec.fields);
			fc.assert(
				fc.property(validRecord(spec), fc.constantFrom(...keys), hostile, (record, key, value) => {
					const result = spec.schema.safeParse(withValue(record, key, value));
					if (result.success) expect(spec.fields[key]!.accepts(value), shown(value)).toBe(true);
				})
			);
		});

		it('accepts a hostile form field only if the rules allow it, and never throws', () => {
			const keys = Object.keys(spec.fields);
			fc.assert(
				fc.property(
					validRecord(spec),
					fc.oneof(fc.constantFrom(...keys), junkKey),
					hostileForm,
					(record, key, value) => {
						const parsed = parseForm(
							spec.schema,
							formDataOf(withValue(record, key, value)),
							arrayKeys(spec)
						);
						if (!parsed.ok) {
							expect(parsed.failure.status).toBe(400);
							for (const message of Object.values(parsed.failure.data.errors))
								expect(message).toEqual(expect.any(String));
							return;
						}
						const field = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
						if (field) expect(field.accepts(asSent(field, value)), shown(value)).toBe(true);
						// (formValues cannot keep a field named __proto__; it never reaches the schema.)
						else if (spec.extra && typeof value === 'string' && key !== '__proto__')
							expect(spec.extra(value.toWellFormed()), shown(value)).toBe(true);
					}
				)
			);
		});

		it('never throws, whatever it is given', () => {
			fc.assert(
				fc.property(
					fc.oneof(
						fc.anything(),
						fc.dictionary(fc.constantFrom(...Object.keys(spec.fields)), fc.anything())
					),
					(input) => {
						expect(() => spec.schema.safeParse(input)).not.toThrow();
					}
				)
			);
		});
	});
});
