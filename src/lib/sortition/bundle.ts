/**
 * The commitment of a verifiable draw: everything that decides the outcome except the public
 * randomness, fixed and hashed before that randomness exists (after RFC 3797). Publishing the
 * commitment's hash before the dice are rolled is what makes the draw checkable: whoever ran it
 * cannot afterwards change the pool, the quotas or the lottery without changing that hash.
 *
 * Canonical JSON (what every hash here is taken over) is RFC 8785 (JCS) restricted to what the
 * bundle holds: object keys sorted by UTF-16 code units, no whitespace, strings escaped as
 * ECMAScript's JSON.stringify does (only `"`, `\` and control characters), numbers only as
 * integers in decimal, keys whose value is undefined left out, and the text encoded as UTF-8.
 * docs/sortition.md gives the whole procedure.
 */
import {
	DEFAULT_TICKETS,
	distributionMarginals,
	lotteryTickets,
	roundToLottery,
	type Lottery
} from './lottery';
import { sha256Hex } from './random';
import type { Distribution, Instance, Quota } from './types';

export const COMMITMENT_FORMAT = 'samraad-sortition-commitment';
export const BUNDLE_FORMAT = 'samraad-sortition-bundle';
/** The version of the procedure in docs/sortition.md; a verifier refuses versions it does not know. */
export const PROCEDURE_VERSION = 1;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Canonical JSON as defined in the module comment; throws on anything it does not cover. */
export function canonicalJson(value: unknown): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'number':
			if (!Number.isSafeInteger(value)) {
				throw new TypeError(`Canonical JSON holds integers only, not ${value}`);
			}
			return String(value);
		case 'string':
			if (loneSurrogate.test(value)) throw new TypeError('A string is not valid Unicode');
			return JSON.stringify(value);
		case 'object': {
			if (Array.isArray(value)) {
				return `[${value
					.map((item: unknown) => {
						if (item === undefined) throw new TypeError('An array holds undefined');
						return canonicalJson(item);
					})
					.join(',')}]`;
			}
			const prototype: unknown = Object.getPrototypeOf(value);
			if (prototype !== Object.prototype && prototype !== null) {
				throw new TypeError('Canonical JSON holds plain objects only');
			}
			const entries = Object.entries(value as Record<string, unknown>)
				.filter(([, v]) => v !== undefined)
				// Default sort compares UTF-16 code units, as RFC 8785 asks.
				.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
			return `{${entries.map(([k, v]) => `${canonicalJson(k)}:${canonicalJson(v)}`).join(',')}}`;
		}
		default:
			throw new TypeError(`Canonical JSON cannot hold a ${typeof value}`);
	}
}

/** SHA-256 (lowercase hex) of a value's canonical JSON in UTF-8. */
export function hashJson(value: unknown): Promise<string> {
	return sha256Hex(canonicalJson(value));
}

/** One pool member as published: the registration number and the features the quotas use. */
export interface PoolEntry {
	id: string;
	features: Record<string, string>;
}

/** A source of public randomness, named before it exists (e.g. "Lotto, Saturday 7 June 2025"). */
export interface RandomSource {
	name: string;
	description: string;
}

export interface Probability {
	id: string;
	/** Lottery tickets whose panel holds the person: their probability is tickets / m. */
	tickets: number;
	/** Their probability under the algorithm's distribution, before rounding, with 6 decimals. */
	target: string;
}

export interface CommitmentHashes {
	pool: string;
	quotas: string;
	lottery: string;
	probabilities: string;
	/** Over the commitment header (see `commitmentHeader`), which holds the four above. */
	commitment: string;
}

export interface Commitment {
	format: typeof COMMITMENT_FORMAT;
	version: number;
	title: string;
	algorithm: { name: string; version: string };
	k: number;
	randomSources: RandomSource[];
	pool: PoolEntry[];
	quotas: Quota[];
	lottery: Lottery;
	probabilities: Probability[];
	hashes: CommitmentHashes;
}

/** What the commitment hash is taken over: everything small, and the hashes of the big parts. */
export function commitmentHeader(commitment: Commitment) {
	const { pool, quotas, lottery, probabilities } = commitment.hashes;
	return {
		format: commitment.format,
		version: commitment.version,
		title: commitment.title,
		algorithm: commitment.algorithm,
		k: commitment.k,
		randomSources: commitment.randomSources,
		hashes: { pool, quotas, lottery, probabilities }
	};
}

/** Recomputes all five hashes from the commitment's contents. */
export async function computeHashes(commitment: Commitment): Promise<CommitmentHashes> {
	const [pool, quotas, lottery, probabilities] = await Promise.all([
		hashJson(commitment.pool),
		hashJson(commitment.quotas),
		hashJson(commitment.lottery),
		hashJson(commitment.probabilities)
	]);
	const header = commitmentHeader({
		...commitment,
		hashes: { pool, quotas, lottery, probabilities, commitment: '' }
	});
	return { pool, quotas, lottery, probabilities, commitment: await hashJson(header) };
}

export interface CommitmentInput {
	title: string;
	instance: Instance;
	/** The algorithm's distribution over panels (e.g. from `leximin`). */
	distribution: Distribution;
	algorithm: { name: string; version: string };
	randomSources: RandomSource[];
	/** Lottery tickets M (default 1,000). */
	tickets?: number;
}

/** Builds and hashes the commitment; throws when the input is inconsistent. */
export async function createCommitment(input: CommitmentInput): Promise<Commitment> {
	const { instance } = input;
	const categories = [...new Set(instance.quotas.map((q) => q.category))];
	const ids = new Set<string>();
	const pool: PoolEntry[] = instance.pool.map((person) => {
		if (person.id === '' || ids.has(person.id)) {
			throw new Error(`Pool ids must be unique and non-empty: "${person.id}"`);
		}
		ids.add(person.id);
		const features: Record<string, string> = {};
		for (const category of categories) {
			const value = person.features[category];
			if (value === undefined) throw new Error(`${person.id} has no value for "${category}"`);
			features[category] = value;
		}
		return { id: person.id, features };
	});
	const names = input.randomSources.map((s) => s.name.trim());
	if (names.length === 0 || names.some((n) => n === '') || new Set(names).size !== names.length) {
		throw new Error('Name at least one source of public randomness, each with its own name');
	}
	const lottery = roundToLottery(input.distribution, input.tickets ?? DEFAULT_TICKETS);
	for (const entry of lottery.entries) {
		if (entry.panel.length !== instance.k || entry.panel.some((i) => i >= pool.length)) {
			throw new Error(`A panel of the distribution is not ${instance.k} pool members`);
		}
	}
	const tickets = lotteryTickets(lottery, pool.length);
	const targets = distributionMarginals(input.distribution, pool.length);
	const probabilities: Probability[] = pool.map((person, j) => ({
		id: person.id,
		tickets: tickets[j] ?? 0,
		target: (targets[j] ?? 0).toFixed(6)
	}));
	const commitment: Commitment = {
		format: COMMITMENT_FORMAT,
		version: PROCEDURE_VERSION,
		title: input.title,
		algorithm: input.algorithm,
		k: instance.k,
		randomSources: input.randomSources.map((s) => ({
			name: s.name.trim(),
			description: s.description
		})),
		pool,
		quotas: instance.quotas.map(({ category, feature, min, max }) => ({
			category,
			feature,
			min,
			max
		})),
		lottery,
		probabilities,
		hashes: { pool: '', quotas: '', lottery: '', probabilities: '', commitment: '' }
	};
	commitment.hashes = await computeHashes(commitment);
	return commitment;
}
