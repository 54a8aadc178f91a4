import { error } from '@sveltejs/kit';
import { readStoredFile } from '$lib/server/files';
import { hearingResponseFile } from '$lib/server/hearings';
import { runtime } from '$lib/server/runtime';
import type { RequestHandler } from './$types';

/** A hearing response's file, once the hearing has closed (RLS decides). Always a download. */
export const GET = (async ({ params, locals }) => {
	const file = await hearingResponseFile(locals.supabase, params.responseId);
	if (!file) error(404, { message: 'Not found' });
	const bytes = await readStoredFile(runtime().filesDir, file.sha256);
	if (!bytes) error(410, { message: 'Gone' });
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.content_type,
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
			'cache-control': 'public, max-age=300',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
}) satisfies RequestHandler;
