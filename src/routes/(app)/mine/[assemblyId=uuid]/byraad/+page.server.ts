import { daysBetween, statusDueDates } from '$lib/deadlines';
import { todayInCopenhagen } from '$lib/format';
import { requireRole } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load = (async ({ params }) => {
	const assembly = await requireRole(params.assemblyId, ['council']);
	const today = todayInCopenhagen();
	const deadlines = assembly.handover_on
		? statusDueDates(assembly.handover_on).map((round) => ({
				...round,
				daysLeft: daysBetween(today, round.dueOn)
			}))
		: [];
	return { assembly, deadlines };
}) satisfies PageServerLoad;
