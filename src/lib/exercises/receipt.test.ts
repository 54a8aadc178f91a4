import { describe, expect, it } from 'vitest';
import {
	RECEIPT_ALPHABET,
	isOnReceiptList,
	isReceiptCode,
	newReceiptCode,
	publishedReceiptList,
	receiptCodeFromBytes
} from './receipt';

describe('receipt codes', () => {
	it('turns 10 random bytes into two groups of five symbols without look-alikes', () => {
		const code = receiptCodeFromBytes(new Uint8Array([0, 1, 2, 31, 32, 33, 200, 255, 8, 9]));
		// Symbol = alphabet[byte mod 32]: 0→2, 1→3, 2→4, 31→Z, 32→2, 33→3, 200→A, 255→Z, 8→A, 9→B.
		expect(code).toBe('234Z2-3AZAB');
		expect(code).toMatch(/^[2-9A-HJ-NP-Z]{5}-[2-9A-HJ-NP-Z]{5}$/);
		expect(RECEIPT_ALPHABET).not.toMatch(/[01IO]/);
		expect(() => receiptCodeFromBytes(new Uint8Array(9))).toThrow();
	});

	it('makes different codes each time', () => {
		const codes = new Set(Array.from({ length: 500 }, newReceiptCode));
		expect(codes.size).toBe(500);
		for (const code of codes) expect(isReceiptCode(code)).toBe(true);
	});

	it('lets a member find their code in the published list however they type it', () => {
		const list = publishedReceiptList(['ZZZZZ-22222', 'abcde fghjk', 'K7QMX-4TR9B', 'K7QMX4TR9B']);
		expect(list).toEqual(['ABCDE-FGHJK', 'K7QMX-4TR9B', 'ZZZZZ-22222']);
		expect(isOnReceiptList(list, 'k7qmx 4tr9b')).toBe(true);
		expect(isOnReceiptList(list, 'K7QMX-4TR9C')).toBe(false);
		expect(isReceiptCode('K7QMX-4TR9O')).toBe(false);
	});
});
