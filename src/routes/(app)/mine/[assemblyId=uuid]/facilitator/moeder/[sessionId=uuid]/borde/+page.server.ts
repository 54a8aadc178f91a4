import { error, fail } from '@sveltejs/kit';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import {
	makeTablesSchema,
	moveSchema,
	noteSchema,
	questionRef,
	questionSchema,
	swapSchema
} from '$lib/schemas/tables';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import { getSession } from '$lib/server/sessions';
import {
	deleteTableQuestion,
	moveSeat,
	publishTableNotes,
	saveTableNote,
	saveTableQuestion,
	saveTables,
	swapSeats,
	tableFieldError,
	tablePlan
} from '$lib/server/tables';
import {
	historyFrom,
	lockedFrom,
	makeTables,
	measure,
	seedFor,
	tableMix,
	tablesFromSeats
} from '$lib/sessions/table-plan';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { mapRefusals } from '$lib/server/actions';

const ORGANISERS = ['facilitator', 'admin'] as const;

export const load = (async ({ params, locals }) => {
	const [assembly, session, plan] = await Promise.all([
		requireRole(params.assemblyId, [...ORGANISERS]),
		getSession(locals.supabase, params.sessionId),
		tablePlan(locals.supabase, params.sessionId)
	]);
	if (!session || session.assembly_id !== assembly.id) error(404, { message: 'Not found' });

	const nameOf = new Map(plan.members.map((member) => [member.id, member.name]));
	const byName = (a: string, b: string) =>
		(nameOf.get(a) ?? '').localeCompare(nameOf.get(b) ?? '', 'da');
	const byHand = new Set(plan.seats.filter((s) => s.placed_by_hand).map((s) => s.person_id));
	const ids = plan.plan ? tablesFromSeats(plan.seats, plan.plan.table_count, byName) : [];
	const history = historyFrom(plan.history);
	return {
		assembly,
		session,
		plan: plan.plan,
		members: plan.members.map(({ id, name }) => ({ id, name })),
		present: plan.plan
			? plan.seats.map((seat) => seat.person_id)
			: plan.members.map((member) => member.id),
		tables: ids.map((table, index) => ({
			number: index + 1,
			people: table.map((id) => ({ id, name: nameOf.get(id) ?? '', byHand: byHand.has(id) })),
			mix: tableMix(table, plan.members, plan.categories)
		})),
		measures: plan.plan
			? measure(ids, plan.members, history, seedFor(session.id, plan.plan.round))
			: null,
		hasHistory: plan.history.length > 0,
		questions: plan.questions,
		notes: plan.notes
	};
}) satisfies PageServerLoad;

/** Makes the tables again; with `keep`, the facilitator's own swaps and moves stay where they are. */
async function make({ params, request, locals }: RequestEvent, keep: boolean) {
	await requireRole(params.assemblyId, [...ORGANISERS]);
	const form = await request.formData();
	const parsed = parseForm(makeTablesSchema, form, ['present']);
	if (!parsed.ok) return fail(400, { form: 'make', ...parsed.failure.data });
	const { table_size: tableSize, present } = parsed.data;
	try {
		const plan = await tablePlan(locals.supabase, params.sessionId);
		const round = plan.plan?.round ?? 0;
		const locked = keep ? lockedFrom(plan.seats, new Set(present)) : {};
		const { tables } = makeTables({
			sessionId: params.sessionId,
			round: round + 1,
			members: plan.members,
			present,
			tableSize,
			history: historyFrom(plan.history),
			locked
		});
		await saveTables(locals.supabase, params.sessionId, {
			expectedRound: round,
			tableSize,
			present,
			tables,
			byHand: Object.keys(locked)
		});
	} catch (error) {
		const refusal = tableFieldError(error);
		if (refusal) return fieldFailure('make', formValues(form), refusal.field, refusal.message);
		throw error;
	}
	return { form: 'make', saved: true };
}

export const actions = mapRefusals({
	make: (event) => make(event, false),
	keep: (event) => make(event, true),
	swap: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(swapSchema, form);
		if (!parsed.ok) return fail(400, { form: 'swap', ...parsed.failure.data });
		const { person_a: a, person_b: b } = parsed.data;
		try {
			await swapSeats(locals.supabase, params.sessionId, a, b);
		} catch (error) {
			// Which of the two is not seated (a page left open while the tables were made again).
			const seated = new Set(
				(await tablePlan(locals.supabase, params.sessionId)).seats.map((s) => s.person_id)
			);
			const refusal = tableFieldError(error, seated.has(a) ? 'person_b' : 'person_a');
			if (refusal) return fieldFailure('swap', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		return { form: 'swap', saved: true };
	},
	move: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(moveSchema, form);
		if (!parsed.ok) return fail(400, { form: 'move', ...parsed.failure.data });
		try {
			await moveSeat(
				locals.supabase,
				params.sessionId,
				parsed.data.person_id,
				parsed.data.table_number
			);
		} catch (error) {
			const refusal = tableFieldError(error);
			if (refusal) return fieldFailure('move', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		return { form: 'move', saved: true };
	},
	addQuestion: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(questionSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'question', ...parsed.failure.data });
		await saveTableQuestion(locals.supabase, params.sessionId, null, parsed.data.question);
		return { form: 'question', saved: true };
	},
	deleteQuestion: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const parsed = parseForm(questionRef, await request.formData());
		if (!parsed.ok) return parsed.failure;
		try {
			await deleteTableQuestion(locals.supabase, parsed.data.question_id);
		} catch (caught) {
			// A question already removed (two facilitators, or an old page): nothing to delete.
			if (caught instanceof ApiError && caught.code === 'PT404')
				error(404, { message: 'Not found' });
			throw caught;
		}
		return { form: 'delete-question', saved: true };
	},
	saveNote: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const form = await request.formData();
		const parsed = parseForm(noteSchema, form);
		if (!parsed.ok) return fail(400, { form: 'note', ...parsed.failure.data });
		try {
			await saveTableNote(locals.supabase, parsed.data);
		} catch (error) {
			const refusal = tableFieldError(error);
			if (refusal) return fieldFailure('note', formValues(form), refusal.field, refusal.message);
			throw error;
		}
		return { form: 'note', saved: true };
	},
	publish: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, [...ORGANISERS]);
		const publish = (await request.formData()).get('publish') !== 'false';
		try {
			await publishTableNotes(locals.supabase, params.sessionId, publish);
		} catch (error) {
			const refusal = tableFieldError(error);
			if (refusal) return fieldFailure('publish', {}, refusal.field, refusal.message);
			throw error;
		}
		return { form: 'publish', saved: true, published: publish };
	}
} satisfies Actions);
