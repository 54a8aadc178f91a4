/**
 * The verifiable draw (after RFC 3797), given a commitment from bundle.ts:
 * 1. The public randomness named in the commitment is entered twice, by two people; each pair
 *    must agree after normalisation (`normaliseRandom`).
 * 2. seed = SHA-256 of the canonical JSON of
 *    {"hashes":{commitment,lottery,pool,probabilities,quotas},"random":[value, …]}.
 * 3. From the seed's SHA-256 counter stream (random.ts): ticket = uniformInt(M); the panel is the
 *    lottery's panel for that ticket.
 * 4. The same stream then ranks the reserves: everyone not selected, in pool order, shuffled by
 *    drawing rank 1 uniformly among them, rank 2 among the rest, and so on (for p = 0 … r−2: swap
 *    position p with p + uniformInt(r − p)). A plain random order is simple to explain and to
 *    check, and gives every non-selected person the same chance of each rank. Quotas are kept at
 *    replacement time instead (replacement.ts takes the first reserve in this order who keeps
 *    them), because which features are needed depends on who withdraws.
 * `verifyBundle` repeats all of it from the published bundle.
 */
import { z } from 'zod';
import {
	BUNDLE_FORMAT,
	COMMITMENT_FORMAT,
	PROCEDURE_VERSION,
	canonicalJson,
	commitmentHeader,
	computeHashes,
	hashJson,
	type Commitment,
	type CommitmentHashes
} from './bundle';
import { comparePanels, lotteryBound, lotteryPanel, lotteryTickets } from './lottery';
import { sha256Hex, stream } from './random';
import { unmetQuotas } from './replacement';

/**
 * The canonical form of entered randomness, so that "03, 5 - 17" and "3 5 17" agree:
 * Unicode NFKC, then lower case, then the maximal runs of letters and digits (\p{L}, \p{N}),
 * runs of ASCII digits without leading zeros ("007" → "7", "0" stays), joined by one space.
 * Everything else (punctuation, spaces, line breaks) only separates runs.
 */
export function normaliseRandom(value: string): string {
	const runs =
		value
			.normalize('NFKC')
			.toLowerCase()
			.match(/[\p{L}\p{N}]+/gu) ?? [];
	return runs.map((run) => (/^[0-9]+$/.test(run) ? run.replace(/^0+(?=.)/, '') : run)).join(' ');
}

export interface RandomValue {
	/** The source's name, as in the commitment. */
	source: string;
	/** The two entries as typed. */
	entries: [string, string];
	/** Their common normal form. */
	value: string;
}

export interface DrawRecord {
	random: RandomValue[];
	seed: string;
	/** 0 ≤ ticket < M. */
	ticket: number;
	/** The selected members' ids, in pool order. */
	panel: string[];
	/** Everyone else's ids, best rank first. */
	reserves: string[];
}

export interface Bundle {
	format: typeof BUNDLE_FORMAT;
	version: number;
	commitment: Commitment;
	draw: DrawRecord;
}

/** The text the seed is the SHA-256 of. */
export function seedInput(hashes: CommitmentHashes, values: readonly string[]): string {
	const { commitment, lottery, pool, probabilities, quotas } = hashes;
	return canonicalJson({
		hashes: { commitment, lottery, pool, probabilities, quotas },
		random: values
	});
}

export function computeSeed(hashes: CommitmentHashes, values: readonly string[]): Promise<string> {
	return sha256Hex(seedInput(hashes, values));
}

/** Steps 3 and 4: the ticket, the panel and the ranked reserves drawn from a seed. */
export async function drawFromSeed(
	commitment: Commitment,
	seed: string
): Promise<{ ticket: number; panel: string[]; reserves: string[] }> {
	const random = stream(seed);
	const ticket = await random.uniformInt(commitment.lottery.m);
	const selected = new Set(lotteryPanel(commitment.lottery, ticket));
	const ids = commitment.pool.map((p) => p.id);
	const rest = ids.map((_, i) => i).filter((i) => !selected.has(i));
	for (let p = 0; p < rest.length - 1; p++) {
		const q = p + (await random.uniformInt(rest.length - p));
		[rest[p], rest[q]] = [rest[q] ?? 0, rest[p] ?? 0];
	}
	return {
		ticket,
		panel: [...selected].sort((a, b) => a - b).map((i) => ids[i] ?? ''),
		reserves: rest.map((i) => ids[i] ?? '')
	};
}

export interface RandomProblem {
	source: string;
	message: string;
}

export type DrawResult = { ok: true; bundle: Bundle } | { ok: false; problems: RandomProblem[] };

function checkEntries(
	commitment: Commitment,
	entries: readonly (readonly [string, string])[]
): { values: RandomValue[]; problems: RandomProblem[] } {
	const problems: RandomProblem[] = [];
	const values: RandomValue[] = [];
	if (entries.length !== commitment.randomSources.length) {
		problems.push({
			source: '',
			message: `Expected values for ${commitment.randomSources.length} named sources, got ${entries.length}.`
		});
	}
	commitment.randomSources.forEach((source, i) => {
		const pair = entries[i];
		if (!pair) return;
		const [first, second] = [normaliseRandom(pair[0]), normaliseRandom(pair[1])];
		if (first === '' || second === '') {
			problems.push({ source: source.name, message: 'A value is missing.' });
		} else if (first !== second) {
			problems.push({
				source: source.name,
				message: `The two entries differ: "${first}" and "${second}".`
			});
		}
		values.push({ source: source.name, entries: [pair[0], pair[1]], value: first });
	});
	return { values, problems };
}

/**
 * Draws the panel and the reserves once the public randomness is known: `entries[i]` holds the
 * two people's entries for the commitment's i-th source.
 */
export async function runDraw(
	commitment: Commitment,
	entries: readonly (readonly [string, string])[]
): Promise<DrawResult> {
	const { values, problems } = checkEntries(commitment, entries);
	if (problems.length > 0) return { ok: false, problems };
	const seed = await computeSeed(
		commitment.hashes,
		values.map((v) => v.value)
	);
	const drawn = await drawFromSeed(commitment, seed);
	return {
		ok: true,
		bundle: {
			format: BUNDLE_FORMAT,
			version: PROCEDURE_VERSION,
			commitment,
			draw: { random: values, seed, ...drawn }
		}
	};
}

const count = z.number().int().min(0);
const bundleSchema = z.strictObject({
	format: z.literal(BUNDLE_FORMAT),
	version: z.literal(PROCEDURE_VERSION),
	commitment: z.strictObject({
		format: z.literal(COMMITMENT_FORMAT),
		version: z.literal(PROCEDURE_VERSION),
		title: z.string(),
		algorithm: z.strictObject({ name: z.string(), version: z.string() }),
		k: count,
		randomSources: z.array(z.strictObject({ name: z.string(), description: z.string() })),
		pool: z.array(z.strictObject({ id: z.string(), features: z.record(z.string(), z.string()) })),
		quotas: z.array(
			z.strictObject({ category: z.string(), feature: z.string(), min: count, max: count })
		),
		lottery: z.strictObject({
			m: z
				.number()
				.int()
				.min(1)
				.max(2 ** 32),
			entries: z.array(z.strictObject({ panel: z.array(count), tickets: count }))
		}),
		probabilities: z.array(z.strictObject({ id: z.string(), tickets: count, target: z.string() })),
		hashes: z.strictObject({
			pool: z.string(),
			quotas: z.string(),
			lottery: z.string(),
			probabilities: z.string(),
			commitment: z.string()
		})
	}),
	draw: z.strictObject({
		random: z.array(
			z.strictObject({
				source: z.string(),
				entries: z.tuple([z.string(), z.string()]),
				value: z.string()
			})
		),
		seed: z.string(),
		ticket: count,
		panel: z.array(z.string()),
		reserves: z.array(z.string())
	})
});

export interface Discrepancy {
	/** Where in the bundle, e.g. `commitment.hashes.pool` or `draw.panel`. */
	path: string;
	message: string;
}

export interface VerifyOptions {
	/** The commitment hash as published before the randomness existed. */
	commitment?: string;
	/** The public randomness as you know it, one value per source (normalised before comparing). */
	random?: readonly string[];
}

/** The structural rules of a commitment: ids, features, lottery and probabilities. */
function checkCommitment(c: Commitment, found: Discrepancy[]): boolean {
	const before = found.length;
	const add = (path: string, message: string) => found.push({ path, message });
	const features = new Map<string, Set<string>>();
	c.quotas.forEach((q, i) => {
		const set = features.get(q.category) ?? new Set<string>();
		if (set.has(q.feature)) add(`commitment.quotas[${i}]`, `"${q.category}/${q.feature}" twice.`);
		if (q.min > q.max) add(`commitment.quotas[${i}]`, `min ${q.min} is above max ${q.max}.`);
		features.set(q.category, set.add(q.feature));
	});
	const ids = new Set<string>();
	c.pool.forEach((person, j) => {
		if (ids.has(person.id)) add(`commitment.pool[${j}].id`, `The id "${person.id}" repeats.`);
		ids.add(person.id);
		const keys = Object.keys(person.features);
		for (const [category, known] of features) {
			const value = person.features[category];
			if (value === undefined || !known.has(value)) {
				add(`commitment.pool[${j}].features`, `"${category}" is not one of its features.`);
			}
		}
		if (keys.some((key) => !features.has(key))) {
			add(`commitment.pool[${j}].features`, 'A feature belongs to no quota category.');
		}
	});
	const { m, entries } = c.lottery;
	const total = entries.reduce((s, e) => s + e.tickets, 0);
	if (total !== m) add('commitment.lottery', `The tickets add up to ${total}, not ${m}.`);
	entries.forEach((entry, i) => {
		const path = `commitment.lottery.entries[${i}]`;
		if (entry.tickets < 1) add(path, 'An entry without tickets.');
		const sorted = entry.panel.every((v, x) => x === 0 || v > (entry.panel[x - 1] ?? -1));
		if (!sorted || entry.panel.some((v) => v >= c.pool.length)) {
			add(path, 'The panel is not increasing pool indices.');
			return;
		}
		if (entry.panel.length !== c.k)
			add(path, `The panel has ${entry.panel.length} members, not ${c.k}.`);
		const previous = entries[i - 1];
		if (previous && comparePanels(previous.panel, entry.panel) >= 0) {
			add(path, 'The panels are not in canonical order.');
		}
		const unmet = unmetQuotas(
			entry.panel.map((j) => c.pool[j] ?? { features: {} }),
			c.quotas
		);
		for (const q of unmet) {
			add(
				path,
				`The panel has ${q.count} "${q.category}/${q.feature}", outside ${q.min}–${q.max}.`
			);
		}
	});
	if (found.length > before) return false;
	const tickets = lotteryTickets(c.lottery, c.pool.length);
	const bound = lotteryBound(c.k, m);
	if (c.probabilities.length !== c.pool.length) {
		add('commitment.probabilities', 'There is not one probability per pool member.');
	}
	c.probabilities.forEach((p, j) => {
		const path = `commitment.probabilities[${j}]`;
		if (p.id !== c.pool[j]?.id) add(path, `The id "${p.id}" is not the pool's ${j}th.`);
		if (p.tickets !== tickets[j]) {
			add(path, `The lottery gives ${tickets[j]} tickets, the bundle says ${p.tickets}.`);
		}
		const target = Number(p.target);
		if (!/^\d+\.\d{6}$/.test(p.target) || Math.abs(p.tickets / m - target) >= bound + 5e-7) {
			add(path, `The target ${p.target} is not within ${c.k}/${m} of the lottery's.`);
		}
	});
	return found.length === before;
}

/**
 * Checks a published bundle: every hash, the structure of the commitment (every lottery panel
 * meets the quotas), the randomness, the seed, the panel and the reserve list. Returns the
 * discrepancies; an empty list means verified. With `options.commitment`, also checks against the
 * hash published before the draw — without it a bundle recomputed from scratch cannot be told
 * from the original.
 */
export async function verifyBundle(
	bundle: unknown,
	options: VerifyOptions = {}
): Promise<Discrepancy[]> {
	const parsed = bundleSchema.safeParse(bundle);
	if (!parsed.success) {
		return parsed.error.issues.map((issue) => ({
			path: issue.path.join('.') || '(bundle)',
			message: issue.message
		}));
	}
	const { commitment, draw } = parsed.data as Bundle;
	const found: Discrepancy[] = [];
	const add = (path: string, message: string) => found.push({ path, message });

	// The header hash is taken over the bundle's own part hashes, so that a tampered part is
	// reported once, as its own mismatch.
	const hashes = {
		...(await computeHashes(commitment)),
		commitment: await hashJson(commitmentHeader(commitment))
	};
	for (const part of ['pool', 'quotas', 'lottery', 'probabilities', 'commitment'] as const) {
		if (hashes[part] !== commitment.hashes[part]) {
			add(
				`commitment.hashes.${part}`,
				`SHA-256 of the ${part === 'commitment' ? 'commitment header' : part} is ${hashes[part]}, the bundle says ${commitment.hashes[part]}.`
			);
		}
	}
	if (options.commitment !== undefined && options.commitment.toLowerCase() !== hashes.commitment) {
		add(
			'commitment.hashes.commitment',
			`The commitment hashes to ${hashes.commitment}, but ${options.commitment} was published.`
		);
	}
	const sound = checkCommitment(commitment, found);

	const sources = commitment.randomSources;
	if (draw.random.length !== sources.length) {
		add('draw.random', `${draw.random.length} values for ${sources.length} named sources.`);
	}
	draw.random.forEach((r, i) => {
		const path = `draw.random[${i}]`;
		if (r.source !== sources[i]?.name) add(path, `"${r.source}" is not source ${i + 1}'s name.`);
		const [a, b] = r.entries.map(normaliseRandom);
		if (a !== b) add(path, `The two entries differ: "${a}" and "${b}".`);
		if (r.value !== a || r.value === '') {
			add(path, `The value "${r.value}" is not the normalised entry "${a}".`);
		}
		const known = options.random?.[i];
		if (known !== undefined && normaliseRandom(known) !== r.value) {
			add(path, `The value "${r.value}" is not the public "${normaliseRandom(known)}".`);
		}
	});

	// Recompute from the bundle's own hashes, so that a tampered part is reported once (above).
	const seed = await computeSeed(
		commitment.hashes,
		draw.random.map((r) => r.value)
	);
	if (seed !== draw.seed) add('draw.seed', `The seed is ${seed}, the bundle says ${draw.seed}.`);
	if (!sound) {
		add('draw', 'The panel and reserves were not recomputed: the commitment is unsound.');
		return found;
	}
	const drawn = await drawFromSeed(commitment, seed);
	if (drawn.ticket !== draw.ticket) {
		add('draw.ticket', `The seed draws ticket ${drawn.ticket}, the bundle says ${draw.ticket}.`);
	}
	if (canonicalJson(drawn.panel) !== canonicalJson(draw.panel)) {
		add(
			'draw.panel',
			`The seed draws ${drawn.panel.join(', ')}; the bundle says ${draw.panel.join(', ')}.`
		);
	}
	if (canonicalJson(drawn.reserves) !== canonicalJson(draw.reserves)) {
		const at = drawn.reserves.findIndex((id, i) => draw.reserves[i] !== id);
		add(
			'draw.reserves',
			at < 0
				? `The bundle lists ${draw.reserves.length} reserves, the seed ranks ${drawn.reserves.length}.`
				: `Reserve rank ${at + 1} should be ${drawn.reserves[at]}, the bundle says ${draw.reserves[at] ?? 'nobody'}.`
		);
	}
	return found;
}
