import type { Ballot, ExerciseConfig, JudgedPair, OptionId } from '$lib/exercises';

/**
 * The HTML form of a ballot, for every method, without JavaScript: one named field per option
 * (amount_<id>, rank_<id>, points_<id>, level_<id>), checkboxes `approved`, and for pairwise one
 * radio group per pair (pair_<i>: a | b | tie) with the pair it asks about in hidden fields
 * (pair_<i>_a, pair_<i>_b: each member is shown their own pairs, chosen adaptively). These turn the
 * submitted fields into a ballot (validated afterwards with validateBallot) and a ballot back into
 * field values.
 */

/** Every pair of options, in a fixed order, up to `max` pairs. */
export function pairsFor(options: readonly OptionId[], max: number | null): [OptionId, OptionId][] {
	const pairs: [OptionId, OptionId][] = [];
	for (let i = 0; i < options.length; i += 1) {
		for (let j = i + 1; j < options.length; j += 1) pairs.push([options[i]!, options[j]!]);
	}
	return max === null ? pairs : pairs.slice(0, max);
}

/** A number as a person types it in Danish or English: "12,5", "12.5", "1.000". */
export function parseAmount(value: string): number {
	const text = value.trim().replace(/\s/g, '');
	if (text === '') return Number.NaN;
	const normal = text.includes(',') ? text.replace(/\./g, '').replace(',', '.') : text;
	return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}

export function ballotFromForm(config: ExerciseConfig, form: FormData): Ballot {
	const field = (name: string) => String(form.get(name) ?? '');
	switch (config.kind) {
		case 'allocation':
			return {
				kind: 'allocation',
				amounts: Object.fromEntries(
					config.options.map((option) => [
						option.optionId,
						parseAmount(field(`amount_${option.optionId}`))
					])
				)
			};
		case 'ranking': {
			const ranked = config.options
				.map((id) => ({ id, rank: Number(field(`rank_${id}`)) }))
				.filter((entry) => Number.isInteger(entry.rank) && entry.rank > 0)
				.sort((a, b) => a.rank - b.rank);
			// Two options given the same place stay in the ranking twice, so validation names the duplicate.
			const ranking: OptionId[] = [];
			for (const entry of ranked) {
				const taken = ranked.filter((other) => other.rank === entry.rank);
				ranking.push(taken.length > 1 ? taken[0]!.id : entry.id);
			}
			return { kind: 'ranking', ranking };
		}
		case 'pairwise': {
			// The pairs come from the form, as the member was shown them; validateBallot refuses
			// unknown options, a pair of one option, a pair twice and more than maxPairs.
			const judgements: JudgedPair[] = [];
			const shown = (config.options.length * (config.options.length - 1)) / 2;
			for (let index = 0; index < shown; index += 1) {
				const result = field(`pair_${index}`);
				if (result !== 'a' && result !== 'b' && result !== 'tie') continue;
				judgements.push({ a: field(`pair_${index}_a`), b: field(`pair_${index}_b`), result });
			}
			return { kind: 'pairwise', judgements };
		}
		case 'points':
			return {
				kind: 'points',
				points: Object.fromEntries(
					config.options.map((id) => [
						id,
						field(`points_${id}`) === '' ? 0 : parseAmount(field(`points_${id}`))
					])
				)
			};
		case 'approval':
			return {
				kind: 'approval',
				approved: form
					.getAll('approved')
					.map(String)
					.filter((id) => config.options.includes(id))
			};
		case 'statements':
			return {
				kind: 'statements',
				answers: Object.fromEntries(
					config.statements
						.filter((id) => field(`level_${id}`) !== '')
						.map((id) => [id, Number(field(`level_${id}`)) as 1 | 2 | 3 | 4 | 5])
				)
			};
	}
}

/** The pairs a pairwise ballot form asks about, read back from its field values. */
export function pairsInValues(values: Record<string, string>): [OptionId, OptionId][] {
	const pairs: [OptionId, OptionId][] = [];
	for (let index = 0; values[`pair_${index}_a`] !== undefined; index += 1) {
		pairs.push([values[`pair_${index}_a`]!, values[`pair_${index}_b`] ?? '']);
	}
	return pairs;
}

/**
 * The field values that show a ballot in its form (for changing it, or after a refusal). For a
 * pairwise exercise, `pairs` are the pairs the member is shown (their judged pairs first).
 */
export function formFromBallot(
	config: ExerciseConfig,
	ballot: Ballot | null,
	pairs: readonly (readonly [OptionId, OptionId])[] = []
): Record<string, string> {
	const values: Record<string, string> = {};
	pairs.forEach(([a, b], index) => {
		values[`pair_${index}_a`] = a;
		values[`pair_${index}_b`] = b;
	});
	if (!ballot || ballot.kind !== config.kind) return values;
	switch (ballot.kind) {
		case 'allocation':
			for (const [id, amount] of Object.entries(ballot.amounts))
				values[`amount_${id}`] = String(amount);
			break;
		case 'ranking':
			ballot.ranking.forEach((id, index) => (values[`rank_${id}`] = String(index + 1)));
			break;
		case 'pairwise': {
			for (const judgement of ballot.judgements) {
				const index = pairs.findIndex(([a, b]) => a === judgement.a && b === judgement.b);
				if (index >= 0) values[`pair_${index}`] = judgement.result;
			}
			break;
		}
		case 'points':
			for (const [id, points] of Object.entries(ballot.points))
				values[`points_${id}`] = String(points);
			break;
		case 'approval':
			values.approved = ballot.approved.join(',');
			break;
		case 'statements':
			for (const [id, level] of Object.entries(ballot.answers))
				values[`level_${id}`] = String(level);
			break;
	}
	return values;
}
