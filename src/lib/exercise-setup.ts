import type { ExerciseConfig, ExerciseKind } from '$lib/exercises';

/** What members read about an option. */
export interface OptionText {
	id: string;
	label: string;
	description?: string;
	more?: string;
	less?: string;
}

interface Area {
	id: string;
	name: string;
	description: string;
	budget_mio: number;
}

/**
 * A new exercise's settings over the assembly's welfare areas (the options), or over statements
 * typed one per line. Allocation: the total in points, whole points, every area between 0 and the
 * total with nothing locked (the facilitator can change these before opening). Ranking: a full
 * ranking. Pairwise: ties allowed, at most ten pairs per member. Points: ten dots, at most five on one
 * area. Approval: any number.
 */
export function buildExercise(
	kind: ExerciseKind,
	areas: Area[],
	total: number,
	statementLines: string
): { config: ExerciseConfig; options: OptionText[] } {
	if (kind === 'statements') {
		const statements = statementLines
			.split('\n')
			.map((line) => line.trim())
			.filter(Boolean);
		const options = statements.map((label, index) => ({ id: `s${index + 1}`, label }));
		return {
			config: { kind, statements: options.map((option) => option.id), requireAll: true },
			options
		};
	}
	const options: OptionText[] = areas.map((area) => ({
		id: area.id,
		label: area.name,
		description: area.description
	}));
	const ids = options.map((option) => option.id);
	switch (kind) {
		case 'allocation':
			return {
				config: {
					kind,
					unit: 'points',
					total,
					step: 1,
					options: ids.map((optionId) => ({ optionId, min: 0, max: total, locked: 0 }))
				},
				options
			};
		case 'ranking':
			return { config: { kind, options: ids, topK: null }, options };
		case 'pairwise':
			return { config: { kind, options: ids, allowTies: true, maxPairs: 10 }, options };
		case 'points':
			return {
				config: { kind, options: ids, budget: 10, maxPerOption: 5, mustSpendAll: false },
				options
			};
		case 'approval':
			return { config: { kind, options: ids, minApprovals: 0, maxApprovals: null }, options };
	}
}
