import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCommitment, type Commitment } from './bundle';
import { runDraw, type Bundle } from './draw';
import type { Instance } from './types';

/** `npm run sortition -- …`, without npm's own output. */
function sortition(...args: string[]) {
	const result = spawnSync('node_modules/.bin/tsx', ['scripts/sortition.mts', ...args], {
		encoding: 'utf8'
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const instance: Instance = {
	k: 2,
	quotas: [
		{ category: 'køn', feature: 'kvinde', min: 1, max: 1 },
		{ category: 'køn', feature: 'mand', min: 1, max: 1 }
	],
	pool: ['kvinde', 'mand', 'kvinde', 'mand'].map((køn, i) => ({
		id: `R-${i}`,
		features: { køn }
	}))
};

let dir = '';
let commitment: Commitment;
let bundle: Bundle;

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sortition-cli-'));
	commitment = await createCommitment({
		title: 'CLI',
		instance,
		distribution: {
			panels: [
				[0, 1],
				[0, 3],
				[1, 2],
				[2, 3]
			],
			weights: [0.25, 0.25, 0.25, 0.25]
		},
		algorithm: { name: 'by hand', version: '1' },
		randomSources: [{ name: 'Terninger', description: 'Four dice' }]
	});
	const result = await runDraw(commitment, [['6 2 3 1', '6, 2, 3, 1']]);
	if (!result.ok) throw new Error('draw failed');
	bundle = result.bundle;
	writeFileSync(join(dir, 'commitment.json'), JSON.stringify(commitment));
	writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run sortition', () => {
	it('verify exits 0 and says "verified" for an honest bundle', () => {
		const run = sortition(
			'verify',
			join(dir, 'bundle.json'),
			'--commitment',
			commitment.hashes.commitment,
			'--random',
			'6 2 3 1'
		);
		expect(run).toMatchObject({ code: 0, stdout: 'verified\n' });
	});

	it('verify exits 1 and lists the discrepancies for a tampered bundle', () => {
		const tampered = structuredClone(bundle);
		tampered.draw.reserves.reverse();
		const path = join(dir, 'tampered.json');
		writeFileSync(path, JSON.stringify(tampered));
		const run = sortition('verify', path);
		expect(run.code).toBe(1);
		expect(run.stdout).toMatch(/NOT verified: 1 discrepancies\n {2}draw\.reserves: Reserve rank 1/);
	});

	it('draw from a published commitment gives the same draw', () => {
		const out = join(dir, 'again.json');
		const run = sortition(
			'draw',
			'--commitment-file',
			join(dir, 'commitment.json'),
			'--random',
			'6 2 3 1',
			'--random',
			'6-2-3-1',
			'--out',
			out
		);
		expect(run.code).toBe(0);
		const again = JSON.parse(readFileSync(out, 'utf8')) as Bundle;
		const { seed, ticket, panel, reserves } = bundle.draw;
		expect(again.commitment).toEqual(commitment);
		expect(again.draw).toMatchObject({ seed, ticket, panel, reserves });
		expect(sortition('verify', out).code).toBe(0);
	});

	it('draw refuses entries that disagree, and bad CSV files line by line', () => {
		const differ = sortition(
			'draw',
			'--commitment-file',
			join(dir, 'commitment.json'),
			'--random',
			'6 2 3 1',
			'--random',
			'6 2 3 2'
		);
		expect(differ.code).toBe(1);
		expect(differ.stderr).toMatch(/Terninger: The two entries differ/);

		writeFileSync(join(dir, 'categories.csv'), 'category,feature,min,max\nkøn,kvinde,2,1\n');
		writeFileSync(join(dir, 'respondents.csv'), 'id,køn\n1,kvinde\n');
		const bad = sortition(
			'draw',
			'--categories',
			join(dir, 'categories.csv'),
			'--respondents',
			join(dir, 'respondents.csv'),
			'--k',
			'1',
			'--random',
			'1',
			'--random',
			'1'
		);
		expect(bad.code).toBe(1);
		expect(bad.stderr).toMatch(/line 2: min \(2\) is greater than max \(1\)/);
	});

	it('exits 2 on wrong usage', () => {
		expect(sortition('frobnicate').code).toBe(2);
		expect(sortition('verify').code).toBe(2);
	});
});
