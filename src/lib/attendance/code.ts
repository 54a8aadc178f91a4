/** A check-in code as people read it off the screen: "ABCDE FGHJK". */
export function formatCheckInCode(code: string): string {
	return code.length === 10 ? `${code.slice(0, 5)} ${code.slice(5)}` : code;
}

/** The address a code's QR points to; the member's phone opens it and checks them in as themself. */
export function checkInUrl(origin: string, code: string): string {
	return `${origin}/tjek-ind/${encodeURIComponent(code)}`;
}
