/** The roles and phases of an assembly, as the enum types in supabase/migrations declare them. */
export const ROLES = ['admin', 'facilitator', 'member', 'council', 'evaluator'] as const;
export type AssemblyRole = (typeof ROLES)[number];

export const PHASES = [
	'preparation',
	'recruitment',
	'sessions',
	'drafting',
	'handed_over',
	'follow_up',
	'concluded'
] as const;
export type AssemblyPhase = (typeof PHASES)[number];
