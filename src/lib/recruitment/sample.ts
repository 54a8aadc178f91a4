/**
 * A random sample of an address extract, with oversampling: each row's weight is the factor of its
 * group (e.g. a district where fewer register), 1 by default. Weighted sampling without
 * replacement by Efraimidis–Spirakis keys (u^(1/w), largest first), so a row with twice the
 * weight is about twice as likely to be picked. `random` is injectable for tests; in production
 * it is Web Crypto.
 */
export function weightedSample<T>(
	rows: readonly T[],
	size: number,
	weightOf: (row: T) => number,
	random: () => number = cryptoRandom
): T[] {
	if (size >= rows.length) return [...rows];
	return rows
		.map((row) => {
			const weight = Math.max(weightOf(row), 1e-9);
			return { row, key: Math.log(random()) / weight };
		})
		.sort((a, b) => b.key - a.key)
		.slice(0, size)
		.map(({ row }) => row);
}

function cryptoRandom(): number {
	const buffer = new Uint32Array(1);
	crypto.getRandomValues(buffer);
	// (0, 1]: never 0, so the logarithm is finite.
	return (buffer[0]! + 1) / 0x1_0000_0000;
}

/** "Område;faktor" lines (`;`, `,` or `=`, decimal comma allowed) into a map; bad lines are returned. */
export function parseOversampling(text: string): { factors: Map<string, number>; bad: number[] } {
	const factors = new Map<string, number>();
	const bad: number[] = [];
	text.split(/\r?\n/).forEach((line, index) => {
		if (line.trim() === '') return;
		const match = /^(.+?)\s*[;=,]\s*(\d+(?:[.,]\d+)?)\s*$/.exec(line.trim());
		const factor = match ? Number(match[2]!.replace(',', '.')) : NaN;
		if (!match || !(factor > 0) || factor > 100) bad.push(index + 1);
		else factors.set(match[1]!.trim().toLowerCase(), factor);
	});
	return { factors, bad };
}
