/**
 * Replacing a member who withdraws, from the ranked reserve list of the draw. Before the
 * assembly's cut-off the replacement is the reserve who best keeps the quotas: the first reserve
 * in rank order with whom every quota is met, or, when nobody can do that, the one leaving the
 * smallest total violation (ties go to the better rank). From the cut-off on there are no
 * replacements: a newcomer could not catch up with the sessions already held.
 */
import type { Quota } from './types';

interface HasFeatures {
	features: Record<string, string>;
}

export interface QuotaShortfall {
	category: string;
	feature: string;
	min: number;
	max: number;
	count: number;
}

/** Quotas a group of people does not meet, with how many they have. */
export function unmetQuotas(
	members: readonly HasFeatures[],
	quotas: readonly Quota[]
): QuotaShortfall[] {
	const unmet: QuotaShortfall[] = [];
	for (const quota of quotas) {
		const count = members.filter((m) => m.features[quota.category] === quota.feature).length;
		if (count < quota.min || count > quota.max) unmet.push({ ...quota, count });
	}
	return unmet;
}

/** Σ over quotas of how many people the group is short of min or over max: 0 when all are met. */
export function quotaViolation(members: readonly HasFeatures[], quotas: readonly Quota[]): number {
	return unmetQuotas(members, quotas).reduce(
		(sum, q) => sum + Math.max(0, q.min - q.count) + Math.max(0, q.count - q.max),
		0
	);
}

export interface ReplacementPerson extends HasFeatures {
	id: string;
	household?: string;
}

export interface ReplacementRequest {
	pool: readonly ReplacementPerson[];
	quotas: readonly Quota[];
	/** The current members' ids, including the one who withdraws. */
	members: readonly string[];
	withdrawn: string;
	/** The draw's reserve list, best rank first. */
	reserves: readonly string[];
	/** Reserves who declined, withdrew or were already used. */
	unavailable?: Iterable<string>;
	/** When the withdrawal was received. */
	at: Date;
	/** The start of the assembly's cut-off session. */
	cutoff: Date;
	/** Skip reserves who share a household with a remaining member. */
	onePerHousehold?: boolean;
}

export type ReplacementResult =
	| {
			ok: true;
			replacement: string;
			/** 1 for the first reserve on the list. */
			rank: number;
			keepsQuotas: boolean;
			/** Quotas the new panel misses (empty when keepsQuotas). */
			unmet: QuotaShortfall[];
			/** The panel after the swap, in the order of `members`. */
			members: string[];
	  }
	| { ok: false; reason: 'after-cutoff' | 'not-a-member' | 'no-reserve'; message: string };

/** Chooses the replacement for a withdrawing member; see the module comment. */
export function chooseReplacement(request: ReplacementRequest): ReplacementResult {
	if (request.at.getTime() >= request.cutoff.getTime()) {
		return {
			ok: false,
			reason: 'after-cutoff',
			message: 'The cut-off has passed: members who withdraw now are not replaced.'
		};
	}
	if (!request.members.includes(request.withdrawn)) {
		return {
			ok: false,
			reason: 'not-a-member',
			message: `${request.withdrawn} is not a member of the panel.`
		};
	}
	const byId = new Map(request.pool.map((p) => [p.id, p]));
	const remaining = request.members
		.filter((id) => id !== request.withdrawn)
		.map((id) => byId.get(id))
		.filter((p): p is ReplacementPerson => p !== undefined);
	const excluded = new Set([...request.members, ...(request.unavailable ?? [])]);
	const households = new Set(remaining.map((p) => p.household).filter((h) => h !== undefined));

	let best: { person: ReplacementPerson; rank: number; violation: number } | null = null;
	for (const [index, id] of request.reserves.entries()) {
		const person = byId.get(id);
		if (!person || excluded.has(id)) continue;
		if (request.onePerHousehold && person.household !== undefined) {
			if (households.has(person.household)) continue;
		}
		const violation = quotaViolation([...remaining, person], request.quotas);
		if (!best || violation < best.violation) best = { person, rank: index + 1, violation };
		if (violation === 0) break;
	}
	if (!best) {
		return { ok: false, reason: 'no-reserve', message: 'No reserve is left to ask.' };
	}
	const chosen = best.person;
	const unmet = unmetQuotas([...remaining, chosen], request.quotas);
	return {
		ok: true,
		replacement: chosen.id,
		rank: best.rank,
		keepsQuotas: unmet.length === 0,
		unmet,
		members: request.members.map((id) => (id === request.withdrawn ? chosen.id : id))
	};
}
