import { describe, expect, it } from 'vitest';
import { ALPHABET, formatCode, isValidCode, newCode, normaliseCode } from './code';

describe('registration codes', () => {
	it('are 11 symbols from the alphabet, valid, and shown in groups', () => {
		const code = newCode();
		expect(code).toMatch(/^[23456789A-HJ-NP-Z]{11}$/);
		expect(isValidCode(code)).toBe(true);
		expect(formatCode(code)).toMatch(/^.{4}-.{4}-.{3}$/);
		expect(isValidCode(formatCode(code).toLowerCase())).toBe(true);
	});

	it('have no look-alike symbols', () => {
		for (const symbol of '01OI') expect(ALPHABET).not.toContain(symbol);
	});

	it('catch every single mistyped symbol', () => {
		const code = newCode();
		for (let i = 0; i < code.length; i++) {
			for (const symbol of ALPHABET) {
				if (symbol === code[i]) continue;
				const typo = code.slice(0, i) + symbol + code.slice(i + 1);
				expect(isValidCode(typo), typo).toBe(false);
			}
		}
	});

	it('catch swapped neighbours in every issued code', () => {
		for (let n = 0; n < 2000; n++) {
			const code = newCode();
			for (let i = 0; i + 1 < code.length; i++) {
				if (code[i] === code[i + 1]) continue;
				const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
				expect(isValidCode(swapped), swapped).toBe(false);
			}
		}
	});

	it('are not reused by chance', () => {
		const codes = new Set(Array.from({ length: 5000 }, newCode));
		expect(codes.size).toBe(5000);
		expect(normaliseCode(' ab-cd ')).toBe('ABCD');
	});
});
