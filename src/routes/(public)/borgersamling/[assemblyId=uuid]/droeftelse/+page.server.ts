import { error } from '@sveltejs/kit';
import { getAssembly } from '$lib/server/assemblies';
import { deliberationPosts, deliberationThreads } from '$lib/server/deliberation';
import type { PageServerLoad } from './$types';

/** The threads the assembly published, after handover (the database decides what is readable). */
export const load = (async ({ locals, params }) => {
	const assembly = await getAssembly(locals.supabase, params.assemblyId);
	if (!assembly) error(404, { message: 'Not found' });
	const threads = (await deliberationThreads(locals.supabase, params.assemblyId)).filter(
		(thread) => thread.is_published
	);
	const posts = await Promise.all(threads.map((t) => deliberationPosts(locals.supabase, t.id)));
	return {
		assembly,
		threads: threads.map((thread, index) => ({ ...thread, posts: posts[index] ?? [] }))
	};
}) satisfies PageServerLoad;
