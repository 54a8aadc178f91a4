import { error } from '@sveltejs/kit';
import { readStoredFile } from '$lib/server/files';
import { requireRole } from '$lib/server/guards';
import { runtime } from '$lib/server/runtime';
import { materialFile } from '$lib/server/sessions';
import type { RequestHandler } from './$types';

/**
 * A material file, for those who may see it (members once published, organisers always; RLS
 * decides). Always a download, never rendered in the app's origin.
 */
export const GET = (async ({ params, locals }) => {
	await requireRole(params.assemblyId, ['member', 'facilitator', 'admin', 'council', 'evaluator']);
	const file = await materialFile(locals.supabase, params.materialId);
	if (!file) error(404, { message: 'Not found' });
	const bytes = await readStoredFile(runtime().filesDir, file.sha256);
	if (!bytes) error(410, { message: 'Gone' });
	return new Response(bytes as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': file.content_type,
			'content-length': String(bytes.byteLength),
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.file_name)}`,
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
}) satisfies RequestHandler;
