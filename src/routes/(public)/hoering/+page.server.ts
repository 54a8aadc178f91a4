import { fail, type Cookies } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { fieldFailure, formValues, parseForm } from '$lib/forms';
import { hearingResponseSchema } from '$lib/schemas/deliberation';
import { acceptedType, MAX_FILE_BYTES, storeFile } from '$lib/server/files';
import { HEARING_COOKIE, HEARING_TOKEN } from '$lib/server/hearing-link';
import { hearingInvitation, hearingRefusal, submitHearingResponse } from '$lib/server/hearings';
import { renderMarkdown } from '$lib/server/markdown';
import { runtime } from '$lib/server/runtime';
import type { Actions, PageServerLoad } from './$types';
import { mapRefusals } from '$lib/server/actions';

/** The token of the hearing link this browser opened last (see ./[token]/+server.ts), if any. */
function tokenOf(cookies: Cookies): string | null {
	const token = cookies.get(HEARING_COOKIE) ?? '';
	return HEARING_TOKEN.test(token) ? token : null;
}

/**
 * A party's hearing page, reached through its personal link. The token is bound to its party:
 * whoever holds the link answers for that party, once. A used link shows the submitted response
 * read-only, never a new form.
 */
export const load = (async ({ cookies, locals, setHeaders }) => {
	setHeaders({ 'cache-control': 'no-store' });
	const token = tokenOf(cookies);
	const invitation = token ? await hearingInvitation(locals.supabase, token) : null;
	if (!invitation) return { invitation: null, recommendations: [] };
	return {
		invitation,
		recommendations: invitation.recommendations.map((recommendation) => ({
			...recommendation,
			html: renderMarkdown(recommendation.body_md)
		}))
	};
}) satisfies PageServerLoad;

export const actions = mapRefusals({
	respond: async ({ cookies, request, locals }) => {
		const token = tokenOf(cookies);
		if (!token) return fieldFailure('respond', {}, '_form', m.hearing_link_unknown());
		const invitation = await hearingInvitation(locals.supabase, token);
		if (!invitation) return fieldFailure('respond', {}, '_form', m.hearing_link_unknown());
		const form = await request.formData();
		const values = formValues(form);
		const parsed = parseForm(hearingResponseSchema, form);
		if (!parsed.ok) return fail(400, { form: 'respond', ...parsed.failure.data });
		const items = invitation.recommendations
			.map((recommendation) => ({
				recommendation_id: recommendation.id,
				body: String(form.get(`item_${recommendation.id}`) ?? '').trim()
			}))
			.filter((item) => item.body !== '');
		const tooLong = items.find((item) => item.body.length > 10000);
		if (tooLong) {
			return fieldFailure(
				'respond',
				values,
				`item_${tooLong.recommendation_id}`,
				m.field_too_long({ max: 10000 })
			);
		}
		const upload = form.get('file');
		const file = upload instanceof File && upload.size > 0 ? upload : null;
		let stored: { name: string; type: string; size: number; sha256: string } | null = null;
		if (file) {
			const type = acceptedType(file.name);
			if (!type) return fieldFailure('respond', values, 'file', m.hearing_file_type());
			if (file.size > MAX_FILE_BYTES) {
				return fieldFailure('respond', values, 'file', m.hearing_file_size());
			}
			const sha256 = await storeFile(runtime().filesDir, new Uint8Array(await file.arrayBuffer()));
			stored = { name: file.name.slice(-200), type, size: file.size, sha256 };
		}
		try {
			await submitHearingResponse(locals.supabase, token, {
				overall_text: parsed.data.overall_text,
				items,
				file: stored
			});
		} catch (error) {
			const refusal = hearingRefusal(error);
			if (refusal) return fieldFailure('respond', values, refusal.field, refusal.message);
			throw error;
		}
		return { form: 'respond', saved: true };
	}
} satisfies Actions);
