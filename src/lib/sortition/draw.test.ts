import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, createCommitment, hashJson, type Commitment } from './bundle';
import { normaliseRandom, runDraw, seedInput, verifyBundle, type Bundle } from './draw';
import { lotteryPanel } from './lottery';
import { unmetQuotas } from './replacement';
import type { Distribution, Instance, Person, Quota } from './types';

/** Every panel of size k meeting the quotas, equally weighted: a distribution built by hand. */
function uniformOverFeasible(instance: Instance): Distribution {
	const panels: number[][] = [];
	const choose = (start: number, chosen: number[]) => {
		if (chosen.length === instance.k) {
			const members = chosen.map((i) => instance.pool[i] as Person);
			if (unmetQuotas(members, instance.quotas).length === 0) panels.push([...chosen]);
			return;
		}
		for (let i = start; i < instance.pool.length; i++) choose(i + 1, [...chosen, i]);
	};
	choose(0, []);
	return { panels, weights: panels.map(() => 1 / panels.length) };
}

/** The worked example of docs/sortition.md. */
const example: Instance = {
	k: 2,
	quotas: [
		{ category: 'køn', feature: 'kvinde', min: 1, max: 1 },
		{ category: 'køn', feature: 'mand', min: 1, max: 1 }
	],
	pool: [
		{ id: 'R-101', features: { køn: 'kvinde' } },
		{ id: 'R-102', features: { køn: 'mand' } },
		{ id: 'R-103', features: { køn: 'kvinde' } },
		{ id: 'R-104', features: { køn: 'mand' } },
		{ id: 'R-105', features: { køn: 'kvinde' } },
		{ id: 'R-106', features: { køn: 'mand', alder: '60+' } }
	]
};
const exampleSources = [
	{ name: 'Terninger', description: 'Six dice rolled at the open meeting on 2 June 2025' },
	{ name: 'Lotto', description: 'Danske Spil Lotto numbers of Saturday 7 June 2025' }
];
const exampleEntries: [string, string][] = [
	['3 6 1 4 2 5', '3,6,1,4,2,5'],
	['02 09 13 17 21 30 33', '2 9 13 17 21 30 33']
];

function exampleCommitment(): Promise<Commitment> {
	return createCommitment({
		title: 'Eksempel',
		instance: example,
		distribution: uniformOverFeasible(example),
		algorithm: { name: 'uniform', version: '1' },
		randomSources: exampleSources
	});
}

/** A larger pool with two categories, for tampering and reserves. */
function larger(): Instance {
	const quotas: Quota[] = [
		{ category: 'gender', feature: 'f', min: 2, max: 2 },
		{ category: 'gender', feature: 'm', min: 2, max: 2 },
		{ category: 'age', feature: 'young', min: 1, max: 3 },
		{ category: 'age', feature: 'old', min: 1, max: 3 }
	];
	const pool: Person[] = Array.from({ length: 10 }, (_, i) => ({
		id: `P${i}`,
		features: { gender: i % 2 ? 'm' : 'f', age: i < 4 ? 'young' : 'old' }
	}));
	return { pool, quotas, k: 4 };
}

async function drawn(instance = larger()): Promise<Bundle> {
	const commitment = await createCommitment({
		title: 'Test',
		instance,
		distribution: uniformOverFeasible(instance),
		algorithm: { name: 'uniform', version: '1' },
		randomSources: exampleSources
	});
	const result = await runDraw(commitment, exampleEntries);
	if (!result.ok) throw new Error(JSON.stringify(result.problems));
	return result.bundle;
}

const copy = (bundle: Bundle): Bundle => JSON.parse(JSON.stringify(bundle)) as Bundle;
const paths = async (bundle: unknown, options = {}) =>
	(await verifyBundle(bundle, options)).map((d) => d.path);

describe('canonicalJson', () => {
	it('sorts keys, drops whitespace and keeps UTF-8 text as is', () => {
		expect(
			canonicalJson({ b: [1, 'ø', null, true], a: { d: -0, c: 'a"\\\n' }, z: undefined })
		).toBe('{"a":{"c":"a\\"\\\\\\n","d":0},"b":[1,"ø",null,true]}');
		expect(canonicalJson({ é: 1, e: 2, E: 3 })).toBe('{"E":3,"e":2,"é":1}');
	});

	it('refuses what it does not define', () => {
		expect(() => canonicalJson({ p: 0.5 })).toThrow(/integers/);
		expect(() => canonicalJson(new Date())).toThrow(/plain objects/);
		expect(() => canonicalJson('\ud800')).toThrow(/Unicode/);
		expect(() => canonicalJson([undefined])).toThrow(/undefined/);
	});
});

describe('normaliseRandom', () => {
	it('lets differently typed entries of the same numbers agree', () => {
		expect(normaliseRandom(' 03, 5 - 17\n')).toBe('3 5 17');
		expect(normaliseRandom('3 5 17')).toBe('3 5 17');
		expect(normaliseRandom('Ｌｏｔｔｏ: 0, 007')).toBe('lotto 0 7');
		expect(normaliseRandom('Æble/ØL')).toBe('æble øl');
		expect(normaliseRandom(' - ')).toBe('');
	});
});

describe('createCommitment', () => {
	it('publishes only ids and quota features, with hashes of every part', async () => {
		const commitment = await exampleCommitment();
		expect(commitment.pool[5]).toEqual({ id: 'R-106', features: { køn: 'mand' } });
		expect(commitment.hashes.pool).toBe(await hashJson(commitment.pool));
		expect(commitment.lottery.m).toBe(1000);
		expect(commitment.lottery.entries).toHaveLength(9);
		expect(commitment.probabilities.reduce((s, p) => s + p.tickets, 0)).toBe(2 * 1000);
		expect(commitment.probabilities[0]).toMatchObject({ id: 'R-101', target: '0.333333' });
	});

	it('refuses duplicate ids and unnamed randomness', async () => {
		const instance = larger();
		const distribution = uniformOverFeasible(instance);
		const base = { title: 'x', distribution, algorithm: { name: 'u', version: '1' } };
		await expect(createCommitment({ ...base, instance, randomSources: [] })).rejects.toThrow(
			/randomness/
		);
		const twice = {
			...instance,
			pool: [...instance.pool.slice(0, 9), { ...instance.pool[0] } as Person]
		};
		await expect(
			createCommitment({ ...base, instance: twice, randomSources: exampleSources })
		).rejects.toThrow(/unique/);
	});
});

describe('runDraw', () => {
	it('refuses entries that differ, are missing or are empty', async () => {
		const commitment = await exampleCommitment();
		const differ = await runDraw(commitment, [
			['3 6 1 4 2 5', '3 6 1 4 2 6'],
			['2 9', '2 9']
		]);
		expect(differ).toEqual({
			ok: false,
			problems: [
				{ source: 'Terninger', message: 'The two entries differ: "3 6 1 4 2 5" and "3 6 1 4 2 6".' }
			]
		});
		const missing = await runDraw(commitment, [['1', '1']]);
		expect(missing.ok).toBe(false);
		const empty = await runDraw(commitment, [
			['', ' '],
			['1', '1']
		]);
		expect(!empty.ok && empty.problems[0]?.source).toBe('Terninger');
	});

	it('draws a lottery panel and ranks everyone else, the same way every time', async () => {
		const bundle = await drawn();
		const { commitment, draw } = bundle;
		const panel = lotteryPanel(commitment.lottery, draw.ticket).map((i) => commitment.pool[i]?.id);
		expect(draw.panel).toEqual(panel);
		expect(
			unmetQuotas(
				draw.panel.map((id) => larger().pool.find((p) => p.id === id) as Person),
				larger().quotas
			)
		).toEqual([]);
		expect(new Set([...draw.panel, ...draw.reserves]).size).toBe(10);
		expect(draw.reserves).toHaveLength(6);
		expect(await drawn()).toEqual(bundle);
	});

	it('reproduces the worked example in docs/sortition.md', async () => {
		const commitment = await exampleCommitment();
		const result = await runDraw(commitment, exampleEntries);
		if (!result.ok) throw new Error('draw failed');
		const { draw } = result.bundle;
		const docs = readFileSync('docs/sortition.md', 'utf8');
		const values = [
			commitment.hashes.pool,
			commitment.hashes.quotas,
			commitment.hashes.lottery,
			commitment.hashes.probabilities,
			commitment.hashes.commitment,
			seedInput(
				commitment.hashes,
				draw.random.map((r) => r.value)
			),
			draw.seed,
			`ticket ${draw.ticket}`,
			draw.panel.join(', '),
			draw.reserves.join(', '),
			canonicalJson(commitment.pool),
			canonicalJson(commitment.lottery)
		];
		for (const value of values) expect(docs).toContain(value);
	});
});

describe('verifyBundle', () => {
	it('verifies an honest bundle, also after a JSON round trip', async () => {
		const bundle = await drawn();
		expect(await verifyBundle(bundle)).toEqual([]);
		expect(
			await verifyBundle(copy(bundle), {
				commitment: bundle.commitment.hashes.commitment,
				random: ['3 6 1 4 2 5', '2 9 13 17 21 30 33']
			})
		).toEqual([]);
	});

	it('detects a changed feature in the pool', async () => {
		const bundle = copy(await drawn());
		(bundle.commitment.pool[0] as Person).features.age = 'old';
		expect(await paths(bundle)).toContain('commitment.hashes.pool');
	});

	it('detects a changed quota', async () => {
		const bundle = copy(await drawn());
		(bundle.commitment.quotas[2] as Quota).max = 4;
		expect(await paths(bundle)).toEqual(['commitment.hashes.quotas']);
	});

	it('detects a changed random value, or one that is not the public one', async () => {
		const bundle = copy(await drawn());
		const first = bundle.draw.random[0];
		if (!first) throw new Error('no random value');
		first.entries = ['3 6 1 4 2 6', '3 6 1 4 2 6'];
		first.value = '3 6 1 4 2 6';
		expect(await paths(bundle)).toContain('draw.seed');
		expect(await paths(await drawn(), { random: ['3 6 1 4 2 6', '2 9 13 17 21 30 33'] })).toEqual([
			'draw.random[0]'
		]);
	});

	it('detects a changed panel', async () => {
		const bundle = copy(await drawn());
		const [reserve] = bundle.draw.reserves;
		bundle.draw.panel[0] = reserve ?? '';
		expect(await paths(bundle)).toEqual(['draw.panel']);
	});

	it('detects a changed reserve order', async () => {
		const bundle = copy(await drawn());
		const [a, b] = bundle.draw.reserves;
		bundle.draw.reserves.splice(0, 2, b ?? '', a ?? '');
		const found = await verifyBundle(bundle);
		expect(found.map((d) => d.path)).toEqual(['draw.reserves']);
		expect(found[0]?.message).toMatch(/Reserve rank 1 should be/);
	});

	it('detects a consistently recomputed bundle only against the published commitment', async () => {
		const honest = await drawn();
		const instance = larger();
		(instance.pool[0] as Person).features.age = 'old';
		const forged = await drawn(instance);
		expect(await verifyBundle(forged)).toEqual([]);
		expect(await paths(forged, { commitment: honest.commitment.hashes.commitment })).toEqual([
			'commitment.hashes.commitment'
		]);
	});

	it('detects a lottery panel outside the quotas and unknown fields', async () => {
		const bundle = copy(await drawn());
		const entry = bundle.commitment.lottery.entries[0];
		if (!entry) throw new Error('no entry');
		entry.panel = [0, 2, 4, 6];
		const found = await paths(bundle);
		expect(found).toContain('commitment.hashes.lottery');
		expect(found).toContain('commitment.lottery.entries[0]');
		expect(await paths({ ...copy(await drawn()), note: 'hi' })).toEqual(['(bundle)']);
		expect(await paths({})).not.toEqual([]);
	});
});
