/**
 * Registration codes for invitation letters: 10 random symbols (50 bits) and a check symbol, from
 * an alphabet without look-alikes (no 0/O, 1/I), shown as `XXXX-XXXX-XXX`. The check symbol is
 * Luhn mod 32, which catches every single mistyped symbol and every swap of two neighbours but
 * one: '2' and 'Z' (values 0 and 31). Codes with those two side by side are never issued, so for
 * issued codes every such swap is caught. Pure: Web Crypto only.
 */
export const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = ALPHABET.length;
const RANDOM_SYMBOLS = 10;

function checkSymbol(symbols: string): string {
	let factor = 2;
	let sum = 0;
	for (let i = symbols.length - 1; i >= 0; i--) {
		let addend = factor * ALPHABET.indexOf(symbols[i]!);
		factor = factor === 2 ? 1 : 2;
		addend = Math.floor(addend / N) + (addend % N);
		sum += addend;
	}
	return ALPHABET[(N - (sum % N)) % N]!;
}

/** A new random code, without separators. */
export function newCode(): string {
	for (;;) {
		const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_SYMBOLS));
		// 256 is a multiple of 32, so `byte % 32` is uniform.
		const body = Array.from(bytes, (byte) => ALPHABET[byte % N]).join('');
		const code = body + checkSymbol(body);
		if (!/2Z|Z2/.test(code)) return code;
	}
}

/** Upper-cases and drops spaces and dashes. Look-alikes (0, O, 1, I) are not in the alphabet and fail the check. */
export function normaliseCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Whether a typed code is well-formed and its check symbol matches. */
export function isValidCode(input: string): boolean {
	const code = normaliseCode(input);
	if (code.length !== RANDOM_SYMBOLS + 1) return false;
	if ([...code].some((symbol) => !ALPHABET.includes(symbol))) return false;
	return checkSymbol(code.slice(0, RANDOM_SYMBOLS)) === code[RANDOM_SYMBOLS];
}

/** `XXXX-XXXX-XXX`, for letters and screens. */
export function formatCode(code: string): string {
	const c = normaliseCode(code);
	return `${c.slice(0, 4)}-${c.slice(4, 8)}-${c.slice(8)}`;
}
