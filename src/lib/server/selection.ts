import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import { chooseReplacement, type ReplacementResult } from '$lib/sortition/replacement';
import { randomToken } from './auth/local';
import type { Mailer } from './mail/mailer';
import { pool, recruitmentOverview, replaceWithReserve, setResponseTokens } from './recruitment';

async function sha256Hex(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Buffer.from(digest).toString('hex');
}

/**
 * Mails a personal answer link to every selected person with an e-mail address who has none yet.
 * Only the token's SHA-256 is stored. Returns how many were sent.
 */
export async function notifySelected(
	supabase: SupabaseClient,
	mailer: Mailer,
	assemblyId: string,
	title: string,
	origin: string
): Promise<number> {
	const waiting = (await pool(supabase, assemblyId)).filter(
		(entry) => entry.status === 'selected' && !entry.has_response_link && entry.email
	);
	const links = await Promise.all(
		waiting.map(async (entry) => {
			const token = randomToken();
			return { entry, token, hash: await sha256Hex(token) };
		})
	);
	await setResponseTokens(
		supabase,
		links.map(({ entry, hash }) => ({ registration_id: entry.id, token_hash: hash }))
	);
	for (const { entry, token } of links) {
		await mailer.send({
			to: entry.email!,
			subject: m.selection_mail_subject({ title }),
			text: m.selection_mail_body({
				name: entry.full_name,
				title,
				link: `${origin}/tilmeld/svar?t=${token}`
			})
		});
	}
	return links.length;
}

/**
 * Calls in the reserve who best keeps the quotas for a withdrawn member (the first in rank order
 * with whom every quota is met, else the least violation), unless the cut-off has passed.
 */
export async function replaceWithdrawn(
	supabase: SupabaseClient,
	assemblyId: string,
	withdrawnId: string,
	now = new Date()
): Promise<ReplacementResult> {
	const [overview, entries] = await Promise.all([
		recruitmentOverview(supabase, assemblyId),
		pool(supabase, assemblyId)
	]);
	const cutoffDay = overview.settings?.replacement_cutoff_on;
	// The cut-off day counts in full (to its end in Copenhagen, at most two hours after UTC midnight).
	const cutoff = cutoffDay ? new Date(`${cutoffDay}T23:59:59+01:00`) : new Date(8.64e15);
	const reserves = entries
		.filter((entry) => entry.reserve_rank !== null)
		.sort((a, b) => (a.reserve_rank ?? 0) - (b.reserve_rank ?? 0));
	const result = chooseReplacement({
		pool: entries.map((entry) => ({
			id: entry.id,
			features: entry.answers,
			household: entry.household_key
		})),
		quotas: overview.categories.flatMap((category) =>
			category.features.map((f) => ({
				category: category.name,
				feature: f.name,
				min: f.min,
				max: f.max
			}))
		),
		members: entries
			.filter(
				(entry) => ['selected', 'confirmed'].includes(entry.status) || entry.id === withdrawnId
			)
			.map((entry) => entry.id),
		withdrawn: withdrawnId,
		reserves: reserves.map((entry) => entry.id),
		unavailable: reserves.filter((entry) => entry.status !== 'reserve').map((entry) => entry.id),
		at: now,
		cutoff,
		onePerHousehold: overview.settings?.one_per_household ?? true
	});
	if (result.ok) await replaceWithReserve(supabase, withdrawnId, result.replacement);
	return result;
}
