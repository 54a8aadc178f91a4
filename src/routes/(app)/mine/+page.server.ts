import { redirect } from '@sveltejs/kit';
import { roleHref } from '$lib/role-links';
import { myAssemblies } from '$lib/server/assemblies';
import { requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = (async ({ locals }) => {
	requireUser();
	const assemblies = await myAssemblies(locals.supabase);
	// One assembly and one role: go straight to that role's page.
	const only = assemblies.length === 1 && assemblies[0]!.roles.length === 1 ? assemblies[0]! : null;
	if (only) redirect(303, roleHref(only.id, only.roles[0]!));
	return { assemblies };
}) satisfies PageServerLoad;
