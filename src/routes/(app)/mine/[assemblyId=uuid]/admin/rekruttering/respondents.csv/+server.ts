import { writeRespondents } from '$lib/sortition/csv';
import { instanceFor } from '$lib/server/draws';
import { requireRole } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * The pool in the Sortition Foundation's respondents.csv format: registration number, one column
 * per category and the household key — pseudonymous, no names or addresses.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['admin']);
	const instance = await instanceFor(locals.supabase, params.assemblyId);
	const categories = [...new Set(instance.quotas.map((quota) => quota.category))];
	return new Response(
		writeRespondents(instance.pool, categories, { householdColumn: 'household' }),
		{
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': 'attachment; filename="respondents.csv"',
				'cache-control': 'no-store'
			}
		}
	);
};
