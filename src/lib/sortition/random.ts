/**
 * A deterministic random stream for the verifiable draw, built on SHA-256 alone so that anyone can
 * reproduce it in another language (docs/sortition.md, "Stream").
 *
 * Byte-exact definition:
 * - The seed is a byte string (in the draw: 32 bytes, written as 64 lowercase hex digits).
 * - Block i (i = 0, 1, 2, …) is SHA-256(seed ‖ i), where i is written as 8 bytes big-endian.
 * - The stream is block 0 ‖ block 1 ‖ block 2 ‖ …, read front to back; every read takes the next
 *   unread bytes, so nothing is skipped or read twice.
 * - `uint32()` reads 4 bytes as a big-endian unsigned integer.
 * - `uniformInt(n)`, 1 ≤ n ≤ 2^32: let limit = 2^32 − (2^32 mod n), the largest multiple of n not
 *   above 2^32. Read x = uint32(); if x < limit return x mod n, otherwise discard x and read again.
 *   Every residue is then equally likely (no modulo bias), and each try succeeds with
 *   probability above 1/2.
 *
 * Web Crypto only (`crypto.subtle`), so it runs in the browser, in a worker and in Node alike.
 */

const encoder = new TextEncoder();

/** Lowercase hex of a byte string. */
export function toHex(bytes: Uint8Array): string {
	let hex = '';
	for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
	return hex;
}

/** The bytes of an even-length hex string (either case); throws on anything else. */
export function fromHex(hex: string): Uint8Array<ArrayBuffer> {
	if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
		throw new Error(`Not a hex string: ${hex.slice(0, 80)}`);
	}
	const bytes = new Uint8Array(hex.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
	return bytes;
}

/** SHA-256 of bytes, or of a string's UTF-8 encoding. */
export async function sha256(data: Uint8Array | string): Promise<Uint8Array<ArrayBuffer>> {
	// Copying gives a view over a plain ArrayBuffer, which is what `digest` accepts.
	const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
	return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

/** SHA-256 as 64 lowercase hex digits. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
	return toHex(await sha256(data));
}

/** Block `counter` of the stream for `seed`: SHA-256(seed ‖ counter as 8 bytes big-endian). */
export async function streamBlock(
	seed: Uint8Array,
	counter: bigint | number
): Promise<Uint8Array<ArrayBuffer>> {
	const input = new Uint8Array(seed.length + 8);
	input.set(seed, 0);
	new DataView(input.buffer).setBigUint64(seed.length, BigInt(counter), false);
	return sha256(input);
}

const TWO_32 = 2 ** 32;

/** The byte stream of one seed; see the module comment for the exact definition. */
export class RandomStream implements AsyncIterable<Uint8Array> {
	readonly #seed: Uint8Array<ArrayBuffer>;
	#counter = 0n;
	#block: Uint8Array = new Uint8Array(0);
	#offset = 0;
	#consumed = 0;

	constructor(seed: Uint8Array) {
		this.#seed = new Uint8Array(seed);
	}

	/** How many bytes have been read so far. */
	get bytesRead(): number {
		return this.#consumed;
	}

	/** The next `count` bytes of the stream. */
	async bytes(count: number): Promise<Uint8Array> {
		const out = new Uint8Array(count);
		let filled = 0;
		while (filled < count) {
			if (this.#offset === this.#block.length) {
				this.#block = await streamBlock(this.#seed, this.#counter);
				this.#counter += 1n;
				this.#offset = 0;
			}
			const take = Math.min(count - filled, this.#block.length - this.#offset);
			out.set(this.#block.subarray(this.#offset, this.#offset + take), filled);
			this.#offset += take;
			filled += take;
		}
		this.#consumed += count;
		return out;
	}

	/** The next 32 bytes: block 0, 1, 2, … when nothing else has been read in between. */
	nextBlock(): Promise<Uint8Array> {
		return this.bytes(32);
	}

	/** The next 4 bytes as a big-endian unsigned integer. */
	async uint32(): Promise<number> {
		const b = await this.bytes(4);
		return new DataView(b.buffer).getUint32(0, false);
	}

	/** A uniform integer in 0..n−1 by rejection sampling (1 ≤ n ≤ 2^32). */
	async uniformInt(n: number): Promise<number> {
		if (!Number.isInteger(n) || n < 1 || n > TWO_32) {
			throw new RangeError(`uniformInt needs an integer 1 ≤ n ≤ 2^32, got ${n}`);
		}
		const limit = TWO_32 - (TWO_32 % n);
		for (;;) {
			const x = await this.uint32();
			if (x < limit) return x % n;
		}
	}

	async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
		for (;;) yield await this.nextBlock();
	}
}

/** The stream for a seed given in hex (64 digits in the draw). */
export function stream(seedHex: string): RandomStream {
	return new RandomStream(fromHex(seedHex));
}
