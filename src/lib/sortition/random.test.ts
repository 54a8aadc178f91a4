import { describe, expect, it } from 'vitest';
import { fromHex, sha256Hex, stream, streamBlock, toHex } from './random';

// Vectors computed independently with Python's hashlib (struct.pack('>Q', i) for the counter).
const zeroSeed = '00'.repeat(32);
const samraadSeed = '5f5ea9e241ccf5fe51dd6fb34bfc2852bdd745c3660c730bd581c79a2a11526f';

describe('sha256', () => {
	it('matches the FIPS 180-2 vectors', async () => {
		expect(await sha256Hex('')).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
		);
		expect(await sha256Hex('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
		expect(await sha256Hex('samraad')).toBe(samraadSeed);
	});
});

describe('stream', () => {
	it('yields SHA-256(seed ‖ counter as 8 bytes big-endian)', async () => {
		const s = stream(zeroSeed);
		expect(toHex(await s.nextBlock())).toBe(
			'2c34ce1df23b838c5abf2a7f6437cca3d3067ed509ff25f11df6b11b582b51eb'
		);
		expect(toHex(await s.nextBlock())).toBe(
			'08e00266fff0aacc64974f22a53622a7dc458ac1b5fd446ae7c99a4a99a564e6'
		);
		expect(toHex(await streamBlock(fromHex(zeroSeed), 1))).toBe(
			'08e00266fff0aacc64974f22a53622a7dc458ac1b5fd446ae7c99a4a99a564e6'
		);
	});

	it('is the same bytes however it is read', async () => {
		const whole = stream(samraadSeed);
		const blocks: string[] = [];
		for await (const block of whole) {
			blocks.push(toHex(block));
			if (blocks.length === 3) break;
		}
		const pieces = stream(samraadSeed);
		let joined = '';
		for (const size of [1, 4, 27, 33, 31]) joined += toHex(await pieces.bytes(size));
		expect(joined).toBe(blocks.join(''));
		expect(pieces.bytesRead).toBe(96);
	});

	it('refuses a seed that is not hex', () => {
		expect(() => stream('xyz')).toThrow(/hex/);
	});
});

describe('uniformInt', () => {
	it('gives the documented values for a known seed', async () => {
		const s = stream(samraadSeed);
		const draws = [];
		for (const n of [1000, 6, 6, 6, 49, 2 ** 32, 1, 7, 3_000_000_000]) {
			draws.push(await s.uniformInt(n));
		}
		expect(draws).toEqual([429, 3, 1, 2, 7, 4216771986, 0, 3, 1958181832]);
	});

	it('rejects values at or above the largest multiple of n (no modulo bias)', async () => {
		// The first uint32s of this stream are 2354749429, 1497649773, 1391295721, 2810374490,
		// 2800304045, 4216771986, 2494477325 …; for n = 3·10⁹ the limit is 3·10⁹, so the sixth
		// is discarded and the seventh used.
		const s = stream(samraadSeed);
		const draws = [];
		for (let i = 0; i < 6; i++) draws.push(await s.uniformInt(3_000_000_000));
		expect(draws).toEqual([2354749429, 1497649773, 1391295721, 2810374490, 2800304045, 2494477325]);
		expect(s.bytesRead).toBe(28);
	});

	it('is roughly uniform (loose chi-square)', async () => {
		const s = stream(zeroSeed);
		const n = 10;
		const draws = 20_000;
		const counts = new Array<number>(n).fill(0);
		for (let i = 0; i < draws; i++) {
			const v = await s.uniformInt(n);
			counts[v] = (counts[v] ?? 0) + 1;
		}
		const expected = draws / n;
		const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
		// 9 degrees of freedom: P(χ² > 27.9) = 0.001.
		expect(chi2).toBeLessThan(27.9);
	});

	it('refuses ranges it cannot serve', async () => {
		const s = stream(zeroSeed);
		await expect(s.uniformInt(0)).rejects.toThrow(RangeError);
		await expect(s.uniformInt(2 ** 32 + 1)).rejects.toThrow(RangeError);
		await expect(s.uniformInt(2.5)).rejects.toThrow(RangeError);
	});
});
