import { requireUser } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

// Not the guard: every page below calls requireRole itself. This only keeps the signed-out out early.
export const load = (() => {
	requireUser();
	return {};
}) satisfies LayoutServerLoad;
