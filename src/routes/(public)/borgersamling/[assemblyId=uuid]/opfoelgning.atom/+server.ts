import { error } from '@sveltejs/kit';
import { Feed } from 'feed';
import { roundLabel, statusLabel } from '$lib/council/labels';
import { getAssembly } from '$lib/server/assemblies';
import { today } from '$lib/server/clock';
import { responseOverview } from '$lib/server/council';
import type { RequestHandler } from './$types';

const escape = (text: string) =>
	text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** An Atom feed of the published responses (every version; a correction is its own entry). */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	const overview = await responseOverview(locals.supabase, assembly.id, today());
	const page = `${url.origin}/borgersamling/${assembly.id}/opfoelgning`;
	const kinds = new Map(overview.rounds.map((round) => [round.id, round.kind]));
	const entries = overview.recommendations
		.flatMap((rec) =>
			rec.responses
				.filter((r) => r.published_at !== null)
				.map((response) => ({ rec, response, at: new Date(response.published_at!) }))
		)
		.sort((a, b) => b.at.getTime() - a.at.getTime());
	const feed = new Feed({
		title: `Byrådets svar: ${assembly.title}`,
		description: 'Byrådets offentliggjorte svar på borgersamlingens anbefalinger.',
		id: page,
		link: page,
		language: 'da',
		copyright: assembly.municipality,
		updated:
			entries[0]?.at ??
			new Date(overview.recommendations[0]?.handed_over_at ?? `${overview.today}T00:00:00Z`),
		feedLinks: { atom: `${page}.atom` },
		author: { name: `Byrådet, ${assembly.municipality}` }
	});
	for (const { rec, response, at } of entries) {
		const kind = kinds.get(response.round_id);
		const round = kind ? roundLabel(kind) : '';
		const corrected = response.version > 1 ? ` (rettet, version ${response.version})` : '';
		feed.addItem({
			title: `${rec.kind === 'method' ? 'Metode' : 'Anbefaling'} ${rec.number}: ${rec.title} — ${round}: ${statusLabel(response.status)}${corrected}`,
			id: `urn:uuid:${response.id}`,
			link: `${page}#rec-${rec.id}`,
			date: at,
			published: at,
			content: [
				`<p>${escape(response.explanation)}</p>`,
				response.reason ? `<p><strong>Begrundelse:</strong> ${escape(response.reason)}</p>` : '',
				response.case_number
					? `<p>Sag ${escape(response.case_number)}, ${escape(response.decision_committee ?? '')} ${escape(response.meeting_on ?? '')}: ${escape(response.decision_text ?? '')}</p>`
					: '',
				response.version > 1
					? `<p><strong>Rettet:</strong> ${escape(response.correction_note)}</p>`
					: ''
			].join('')
		});
	}
	return new Response(feed.atom1(), {
		headers: {
			'content-type': 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
