import { error, json } from '@sveltejs/kit';
import { drawDocument } from '$lib/server/draws';
import type { RequestHandler } from './$types';

/** The commitment (before the draw) or the whole bundle (after), as published. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const document = await drawDocument(locals.supabase, params.drawId);
	if (!document) error(404, { message: 'Not found' });
	return json(document, {
		headers: {
			'content-disposition': `attachment; filename="lodtraekning-${params.drawId.slice(0, 8)}.json"`
		}
	});
};
