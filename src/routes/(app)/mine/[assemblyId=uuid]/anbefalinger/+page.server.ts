import { fail, redirect } from '@sveltejs/kit';
import { formValues, parseForm } from '$lib/forms';
import {
	adoptionRuleSchema,
	groupMemberSchema,
	handoverSchema,
	newRecommendationSchema,
	workingGroupSchema
} from '$lib/schemas/recommendation';
import { requireRole } from '$lib/server/guards';
import { parseVersionForm, refusalFailure } from '$lib/server/recommendation-forms';
import {
	createRecommendation,
	createWorkingGroup,
	recommendationsOverview,
	recordHandover,
	setAdoptionRule,
	setWorkingGroupMember
} from '$lib/server/recommendations';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

const READERS = ['member', 'facilitator', 'admin', 'council', 'evaluator'] as const;

export const load = (async ({ params, locals }) => {
	const assembly = await requireRole(params.assemblyId, [...READERS]);
	const overview = await recommendationsOverview(locals.supabase, params.assemblyId);
	const isOrganiser = assembly.my_roles.some((role) => role === 'facilitator' || role === 'admin');
	return {
		assembly,
		overview,
		isOrganiser,
		isAdmin: assembly.my_roles.includes('admin'),
		// Who may start a recommendation: organisers (in any group), members in their own groups.
		draftGroups: overview.working_groups.filter((group) => isOrganiser || group.mine)
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	createGroup: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['facilitator', 'admin']);
		const formData = await request.formData();
		const parsed = parseForm(workingGroupSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'group', ...parsed.failure.data });
		try {
			await createWorkingGroup(
				locals.supabase,
				params.assemblyId,
				parsed.data.name,
				parsed.data.welfare_area_id
			);
		} catch (caught) {
			return refusalFailure(caught, 'group', formValues(formData), 'name');
		}
		return { form: 'group', saved: true };
	},
	groupMember: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['facilitator', 'admin']);
		const formData = await request.formData();
		const parsed = parseForm(groupMemberSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'member', ...parsed.failure.data });
		try {
			await setWorkingGroupMember(
				locals.supabase,
				parsed.data.working_group_id,
				parsed.data.person_id,
				parsed.data.is_member
			);
		} catch (caught) {
			return refusalFailure(caught, 'member', formValues(formData), 'person_id');
		}
		return { form: 'member', saved: true };
	},
	create: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['member', 'facilitator', 'admin']);
		const formData = await request.formData();
		const parsed = parseVersionForm(newRecommendationSchema, formData, 'new');
		if (!parsed.ok) return parsed.failure;
		let id: string;
		try {
			id = await createRecommendation(
				locals.supabase,
				params.assemblyId,
				parsed.data.working_group_id,
				parsed.data.kind,
				parsed.fields
			);
		} catch (caught) {
			return refusalFailure(caught, 'new', formValues(formData));
		}
		redirect(303, `/mine/${params.assemblyId}/anbefalinger/${id}`);
	},
	rule: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const formData = await request.formData();
		const parsed = parseForm(adoptionRuleSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'rule', ...parsed.failure.data });
		await setAdoptionRule(
			locals.supabase,
			params.assemblyId,
			parsed.data.threshold_pct,
			parsed.data.base
		);
		return { form: 'rule', saved: true };
	},
	handover: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const formData = await request.formData();
		const parsed = parseForm(handoverSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'handover', ...parsed.failure.data });
		try {
			await recordHandover(locals.supabase, params.assemblyId, parsed.data.handover_on);
		} catch (caught) {
			return refusalFailure(caught, 'handover', formValues(formData), 'handover_on');
		}
		return { form: 'handover', saved: true };
	}
} satisfies Actions);
