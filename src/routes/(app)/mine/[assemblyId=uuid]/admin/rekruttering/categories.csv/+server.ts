import { writeCategories } from '$lib/sortition/csv';
import { instanceFor } from '$lib/server/draws';
import { requireRole } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/** The quotas in the Sortition Foundation's categories.csv format. */
export const GET: RequestHandler = async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['admin']);
	const instance = await instanceFor(locals.supabase, params.assemblyId);
	return new Response(writeCategories(instance.quotas), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="categories.csv"',
			'cache-control': 'no-store'
		}
	});
};
