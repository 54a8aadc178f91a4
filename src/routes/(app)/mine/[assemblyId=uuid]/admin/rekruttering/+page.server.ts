import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { parseAddresses } from '$lib/recruitment/addresses';
import { describeCsvProblem, describeImportProblem } from '$lib/csv-problems';
import { todayInCopenhagen } from '$lib/format';
import { parseRespondentsImport } from '$lib/recruitment/respondents-import';
import { parseCategories } from '$lib/sortition/csv';
import { quotasFromShares } from '$lib/recruitment/quotas';
import { parseOversampling, weightedSample } from '$lib/recruitment/sample';
import { formValues, parseForm } from '$lib/forms';
import {
	categorySchema,
	computeQuotasSchema,
	importRespondentsSchema,
	invitationsSchema,
	recruitmentSettingsSchema,
	replaceSchema,
	statusChangeSchema
} from '$lib/schemas/recruitment';
import { runtime } from '$lib/server/runtime';
import { notifySelected, replaceWithdrawn } from '$lib/server/selection';
import { ApiError } from '$lib/server/api';
import { requireRole } from '$lib/server/guards';
import {
	createInvitations,
	deleteCategory,
	importCategories,
	importRespondents,
	invitationBatches,
	pool,
	recruitmentOverview,
	saveCategory,
	saveRecruitmentSettings,
	setQuotas,
	setRegistrationStatus
} from '$lib/server/recruitment';
import type { Actions, PageServerLoad } from './$types';
import { isUuid } from '$lib/schemas/fields';
import { mapRefusals } from '$lib/server/actions';

export const load = (async ({ params, locals }) => {
	const [assembly, overview, batches, registrations] = await Promise.all([
		requireRole(params.assemblyId, ['admin']),
		recruitmentOverview(locals.supabase, params.assemblyId),
		invitationBatches(locals.supabase, params.assemblyId),
		pool(locals.supabase, params.assemblyId)
	]);
	return { assembly, overview, batches, registrations };
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	saveSettings: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(recruitmentSettingsSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'settings', ...parsed.failure.data });
		await saveRecruitmentSettings(locals.supabase, params.assemblyId, parsed.data);
		return { form: 'settings', saved: true };
	},
	saveCategory: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const formData = await request.formData();
		const name = `category-${formData.get('category_id') || 'new'}`;
		const parsed = parseForm(categorySchema, formData);
		if (!parsed.ok) return fail(400, { form: name, ...parsed.failure.data });
		await saveCategory(locals.supabase, params.assemblyId, parsed.data);
		return { form: name, saved: true };
	},
	deleteCategory: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const id = String((await request.formData()).get('category_id') ?? '');
		if (!isUuid(id))
			return fail(400, { form: 'delete', errors: { category_id: m.field_required() } });
		await deleteCategory(locals.supabase, id);
		return { form: 'delete', saved: true };
	},
	computeQuotas: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(computeQuotasSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'compute', ...parsed.failure.data });
		const { categories } = await recruitmentOverview(locals.supabase, params.assemblyId);
		// Every category whose features all have shares gets new quotas, in one transaction.
		const quotas = categories
			.filter((category) => category.features.every((feature) => feature.population_share !== null))
			.flatMap((category) => {
				const computed = quotasFromShares(
					category.features.map((f) => ({ name: f.name, share: Number(f.population_share) })),
					parsed.data.panel_size,
					parsed.data.tolerance
				);
				return category.features.map((feature, i) => ({
					feature_id: feature.id,
					min: computed[i]!.min,
					max: computed[i]!.max
				}));
			});
		await setQuotas(locals.supabase, params.assemblyId, quotas);
		return { form: 'compute', saved: true };
	},
	notifySelected: async ({ params, locals, url }) => {
		const assembly = await requireRole(params.assemblyId, ['admin']);
		const sent = await notifySelected(
			locals.supabase,
			runtime().mailer,
			params.assemblyId,
			assembly.title,
			url.origin
		);
		return { form: 'selection', notified: sent };
	},
	setStatus: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(statusChangeSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'selection', ...parsed.failure.data });
		await setRegistrationStatus(locals.supabase, parsed.data.registration_id, parsed.data.status);
		return { form: 'selection', saved: true };
	},
	replace: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const parsed = parseForm(replaceSchema, await request.formData());
		if (!parsed.ok) return fail(400, { form: 'selection', ...parsed.failure.data });
		const result = await replaceWithdrawn(
			locals.supabase,
			params.assemblyId,
			parsed.data.registration_id
		);
		if (!result.ok) {
			return fail(400, {
				form: 'selection',
				problem:
					result.reason === 'after-cutoff' ? m.selection_after_cutoff() : m.selection_no_reserve()
			});
		}
		return {
			form: 'selection',
			replaced: m.selection_replaced({
				rank: result.rank,
				kept: result.keepsQuotas ? m.selection_kept() : m.selection_not_kept()
			})
		};
	},
	importCategories: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const file = (await request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0) {
			return fail(400, { form: 'import', errors: { file: m.field_required() } });
		}
		const parsed = parseCategories(new Uint8Array(await file.arrayBuffer()));
		if (!parsed.ok)
			return fail(400, { form: 'import', problems: parsed.problems.map(describeCsvProblem) });
		const count = await importCategories(locals.supabase, params.assemblyId, parsed.data.quotas);
		return { form: 'import', imported: count };
	},
	importRespondents: async ({ params, request, locals }) => {
		const assembly = await requireRole(params.assemblyId, ['admin']);
		const formData = await request.formData();
		const file = formData.get('file');
		const consent = parseForm(importRespondentsSchema, formData);
		const values = formValues(formData);
		const errors: Record<string, string> = consent.ok ? {} : consent.failure.data.errors;
		if (!(file instanceof File) || file.size === 0) errors.file = m.field_required();
		if (!(file instanceof File) || !consent.ok || Object.keys(errors).length > 0) {
			return fail(400, { form: 'respondents', values, errors });
		}
		const [overview, registrations] = await Promise.all([
			recruitmentOverview(locals.supabase, params.assemblyId),
			pool(locals.supabase, params.assemblyId)
		]);
		const parsed = parseRespondentsImport(new Uint8Array(await file.arrayBuffer()), {
			categories: overview.categories,
			takenEmails: registrations.flatMap((entry) => (entry.email ? [entry.email] : [])),
			referenceYear: Number((assembly.first_session_on ?? todayInCopenhagen()).slice(0, 4))
		});
		if (!parsed.ok) {
			return fail(400, {
				form: 'respondents',
				values,
				problems: parsed.problems.map(describeImportProblem),
				notUtf8: parsed.notUtf8
			});
		}
		try {
			const count = await importRespondents(locals.supabase, params.assemblyId, parsed.rows, true);
			return { form: 'respondents', respondentsImported: count };
		} catch (error) {
			// What changed since the file was checked (someone registered meanwhile): the same report.
			const refusal =
				error instanceof ApiError && /^line:(\d+):([a-z_]+)/.exec(error.details ?? '');
			if (!refusal) throw error;
			const line = Number(refusal[1]);
			const email = parsed.rows.find((row) => row.line === line)?.email ?? '';
			const problem = describeImportProblem({
				line,
				column: refusal[2] === 'email_taken' ? 'email' : undefined,
				code: refusal[2] === 'email_taken' ? 'email-taken' : 'refused',
				values: { value: email, reason: refusal[2]! }
			});
			return fail(400, { form: 'respondents', values, problems: [problem], notUtf8: false });
		}
	},
	createInvitations: async ({ params, request, locals }) => {
		await requireRole(params.assemblyId, ['admin']);
		const formData = await request.formData();
		const parsed = parseForm(invitationsSchema, formData);
		if (!parsed.ok) return fail(400, { form: 'invitations', ...parsed.failure.data });
		const file = formData.get('addresses');
		if (file instanceof File && file.size > 0) {
			const imported = parseAddresses(new Uint8Array(await file.arrayBuffer()));
			if (!imported.ok) {
				return fail(400, {
					form: 'invitations',
					values: { label: parsed.data.label, count: '' },
					errors: {},
					problems: imported.problems.map((problem) => `Linje ${problem.line}: ${problem.message}`)
				});
			}
			const { factors, bad } = parseOversampling(parsed.data.oversampling);
			if (bad.length) {
				return fail(400, {
					form: 'invitations',
					values: formValues(formData),
					errors: { oversampling: m.recruitment_oversampling_bad({ lines: bad.join(', ') }) }
				});
			}
			const rows =
				parsed.data.sample_size === null
					? imported.rows
					: weightedSample(
							imported.rows,
							parsed.data.sample_size,
							(row) => factors.get(row.district.toLowerCase()) ?? 1
						);
			await createInvitations(locals.supabase, params.assemblyId, parsed.data.label, rows);
			return { form: 'invitations', created: rows.length };
		}
		if (parsed.data.count < 1) {
			return fail(400, {
				form: 'invitations',
				values: { label: parsed.data.label, count: '' },
				errors: { count: m.field_whole_number() }
			});
		}
		await createInvitations(
			locals.supabase,
			params.assemblyId,
			parsed.data.label,
			parsed.data.count
		);
		return { form: 'invitations', created: parsed.data.count };
	}
} satisfies Actions);
