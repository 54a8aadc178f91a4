/**
 * Receipt codes. After voting a member sees "Din stemme er registreret kl. 14.07" and a code such
 * as `K7QMX-4TR9B`: 10 symbols from the 32-symbol alphabet without look-alikes that registration
 * codes use (no 0/O, 1/I), 50 random bits from Web Crypto, in two groups of five.
 *
 * How members check their ballot was counted: the code is stored with the ballot and shown only to
 * the member who cast it. When the result is published, the list of the codes of every counted
 * ballot is published with it, sorted alphabetically (so the order says nothing about when anyone
 * voted). A member searches the list for their code: if it is there, their ballot is among those
 * counted; the number of codes equals the number of ballots in the result. A changed ballot gets a
 * new code and only the latest counts. The list shows codes only, never what a ballot said, so a
 * member cannot use their code to prove to anyone how they voted. With 2^50 possible codes, guessing
 * another member's code is hopeless, and a collision among a few hundred ballots has a chance below
 * 1 in 10^10 (the database's unique constraint catches it anyway).
 */
import { ALPHABET } from '../recruitment/code';

export const RECEIPT_ALPHABET = ALPHABET;
const LENGTH = 10;

/** A formatted code (`XXXXX-XXXXX`) from the first 10 of `bytes`; each byte gives one symbol. */
export function receiptCodeFromBytes(bytes: Uint8Array): string {
	if (bytes.length < LENGTH) throw new Error(`A receipt code needs ${LENGTH} random bytes`);
	// 256 is a multiple of 32, so byte % 32 is uniform.
	const symbols = Array.from(bytes.subarray(0, LENGTH), (b) => RECEIPT_ALPHABET[b % 32]).join('');
	return formatReceiptCode(symbols);
}

/** A new random receipt code, formatted. */
export function newReceiptCode(): string {
	return receiptCodeFromBytes(crypto.getRandomValues(new Uint8Array(LENGTH)));
}

/** Upper-cases and drops spaces and dashes, so a typed code can be compared with the list. */
export function normaliseReceiptCode(input: string): string {
	return input.toUpperCase().replace(/[\s-]/g, '');
}

export function isReceiptCode(input: string): boolean {
	const code = normaliseReceiptCode(input);
	return code.length === LENGTH && [...code].every((s) => RECEIPT_ALPHABET.includes(s));
}

/** `XXXXX-XXXXX`. */
export function formatReceiptCode(code: string): string {
	const c = normaliseReceiptCode(code);
	return `${c.slice(0, 5)}-${c.slice(5)}`;
}

/** The list to publish: formatted, without duplicates, sorted alphabetically. */
export function publishedReceiptList(codes: readonly string[]): string[] {
	return [...new Set(codes.map(formatReceiptCode))].sort();
}

/** Whether a member's typed code is on the published list. */
export function isOnReceiptList(list: readonly string[], input: string): boolean {
	return list.includes(formatReceiptCode(input));
}
