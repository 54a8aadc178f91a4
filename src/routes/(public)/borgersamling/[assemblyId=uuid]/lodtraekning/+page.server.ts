import { error } from '@sveltejs/kit';
import { verifyBundle, type Bundle } from '$lib/sortition/draw';
import { histogram, summarize } from '$lib/sortition/stats';
import { getAssembly } from '$lib/server/assemblies';
import { auditHead } from '$lib/server/audit';
import { assemblyDraws, drawDocument } from '$lib/server/draws';
import type { PageServerLoad } from './$types';

export const load = (async ({ params, locals }) => {
	const [assembly, audit, allDraws] = await Promise.all([
		getAssembly(locals.supabase, params.assemblyId),
		auditHead(locals.supabase, params.assemblyId),
		assemblyDraws(locals.supabase, params.assemblyId)
	]);
	if (!assembly) error(404, { message: 'Not found' });
	const draws = allDraws.filter((draw) => draw.status === 'committed' || draw.status === 'drawn');
	const latest = draws[0] ?? null;
	if (!latest) return { assembly, audit, draw: null, histogram: [] };
	const document = await drawDocument(locals.supabase, latest.id);
	const commitment = document && 'commitment' in document ? document.commitment : document;
	const bundle = document && 'draw' in document ? (document as Bundle) : null;
	const probabilities =
		commitment && 'probabilities' in commitment
			? commitment.probabilities.map((p) => p.tickets / commitment.lottery.m)
			: [];
	// Checked here on every view against the hash stored when the commitment was published.
	const discrepancies = bundle
		? await verifyBundle(bundle, { commitment: latest.commitment_hash ?? undefined })
		: null;
	return {
		assembly,
		audit,
		draw: latest,
		algorithm: commitment && 'algorithm' in commitment ? commitment.algorithm : null,
		poolSize: commitment && 'pool' in commitment ? commitment.pool.length : 0,
		k: commitment && 'k' in commitment ? commitment.k : 0,
		summary: probabilities.length ? summarize(probabilities) : null,
		histogram: probabilities.length
			? histogram(probabilities, 10, { from: 0, to: Math.max(...probabilities) })
			: [],
		result: bundle
			? {
					seed: bundle.draw.seed,
					ticket: bundle.draw.ticket,
					panel: bundle.draw.panel,
					reserves: bundle.draw.reserves,
					random: bundle.draw.random
				}
			: null,
		discrepancies
	};
}) satisfies PageServerLoad;
