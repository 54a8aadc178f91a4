import { allowanceCsv } from '$lib/attendance/allowance-csv';
import { todayInCopenhagen } from '$lib/format';
import { allowanceExport } from '$lib/server/attendance';
import { requireRole } from '$lib/server/guards';
import type { RequestHandler } from './$types';

/**
 * The allowance export for payment: attended sessions per member with the address from their
 * registration. Administrators only, here and in the database (api.allowance_export), because the
 * addresses are the administrators' to read.
 */
export const GET: RequestHandler = async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['admin']);
	const rows = await allowanceExport(locals.supabase, params.assemblyId);
	return new Response(allowanceCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="godtgoerelse-${todayInCopenhagen()}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
