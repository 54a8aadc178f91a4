/** Inverse of a small square matrix by Gauss–Jordan elimination with partial pivoting. */
export function invert(matrix: readonly (readonly number[])[]): number[][] {
	const n = matrix.length;
	const a = matrix.map((row, i) => [
		...row,
		...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))
	]);
	for (let col = 0; col < n; col++) {
		let pivot = col;
		for (let r = col + 1; r < n; r++) {
			if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
		}
		if (Math.abs(a[pivot]![col]!) < 1e-12) throw new Error('Matrix is singular');
		[a[col], a[pivot]] = [a[pivot]!, a[col]!];
		const row = a[col]!;
		const p = row[col]!;
		for (let c = 0; c < 2 * n; c++) row[c]! /= p;
		for (let r = 0; r < n; r++) {
			if (r === col) continue;
			const other = a[r]!;
			const f = other[col]!;
			if (f === 0) continue;
			for (let c = 0; c < 2 * n; c++) other[c]! -= f * row[c]!;
		}
	}
	return a.map((row) => row.slice(n));
}
