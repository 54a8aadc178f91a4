import { resolve } from '$app/paths';
import type { AssemblyRole } from './roles';

/** Where each role starts in an assembly. */
export function roleHref(assemblyId: string, role: AssemblyRole): string {
	switch (role) {
		case 'admin':
			return resolve('/(app)/mine/[assemblyId=uuid]/admin', { assemblyId });
		case 'facilitator':
			return resolve('/(app)/mine/[assemblyId=uuid]/facilitator', { assemblyId });
		case 'member':
			return resolve('/(app)/mine/[assemblyId=uuid]/medlem', { assemblyId });
		case 'council':
			return resolve('/(app)/mine/[assemblyId=uuid]/byraad', { assemblyId });
		case 'evaluator':
			return resolve('/(app)/mine/[assemblyId=uuid]/evaluering', { assemblyId });
	}
}
