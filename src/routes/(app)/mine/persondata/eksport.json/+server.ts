import { requireUser } from '$lib/server/guards';
import { myData } from '$lib/server/privacy';
import type { RequestHandler } from './$types';

/** The signed-in person's own data as a JSON download; never cached. */
export const GET: RequestHandler = async ({ locals }) => {
	requireUser();
	const data = await myData(locals.supabase);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': 'attachment; filename="samraad-mine-data.json"',
			'cache-control': 'no-store'
		}
	});
};
