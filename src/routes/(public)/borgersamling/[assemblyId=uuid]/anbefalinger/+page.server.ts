import { error } from '@sveltejs/kit';
import { getAssembly } from '$lib/server/assemblies';
import { renderMarkdown } from '$lib/server/markdown';
import { publicRecommendations } from '$lib/server/recommendations';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals, params }) => {
	const [assembly, recommendations] = await Promise.all([
		getAssembly(locals.supabase, params.assemblyId),
		publicRecommendations(locals.supabase, params.assemblyId)
	]);
	if (!assembly) error(404, { message: 'Not found' });
	return {
		assembly,
		// Every version's text, rendered and sanitised here; the newest first.
		recommendations: recommendations.flatMap((rec) => {
			const versions = rec.versions.map((version) => ({
				...version,
				bodyHtml: renderMarkdown(version.body_md),
				rationaleHtml: renderMarkdown(version.rationale_md)
			}));
			const shown = versions.find((v) => v.version === rec.frozen_version) ?? versions[0];
			return shown ? [{ ...rec, versions, shown }] : [];
		})
	};
}) satisfies PageServerLoad;
