/**
 * Synthetic panels for the table-group tests and `npm run bench:tables`, shaped like the demo
 * assembly in supabase/seed.sql (its categories, features and population shares).
 */
import { seededRandom } from '../sortition/legacy';
import type { TableMember } from './tables';

/** The demo assembly's categories: feature → population share. */
export const demoCategories: Readonly<Record<string, Readonly<Record<string, number>>>> = {
	Køn: { Kvinde: 0.503, Mand: 0.497 },
	Alder: { '16–29 år': 0.19, '30–49 år': 0.28, '50–64 år': 0.25, '65 år og derover': 0.28 },
	Område: {
		'Hedensted by og omegn': 0.3,
		'Juelsminde-området': 0.2,
		'Tørring-Uldum': 0.2,
		'Løsning-Hornsyld': 0.3
	},
	Uddannelse: { Grundskole: 0.25, Erhvervsfaglig: 0.4, Videregående: 0.35 }
};

/** Counts proportional to the shares that add up to n (largest remainder). */
function apportion(shares: Readonly<Record<string, number>>, n: number): [string, number][] {
	const total = Object.values(shares).reduce((sum, share) => sum + share, 0);
	const rows = Object.entries(shares).map(([feature, share]) => {
		const exact = (share / total) * n;
		return { feature, count: Math.floor(exact), remainder: exact - Math.floor(exact) };
	});
	let left = n - rows.reduce((sum, row) => sum + row.count, 0);
	for (const row of [...rows].sort((a, b) => b.remainder - a.remainder)) {
		if (left-- <= 0) break;
		row.count++;
	}
	return rows.map((row) => [row.feature, row.count]);
}

/**
 * A panel of n members (ids `m001` …) whose mix per category matches the shares, as a stratified
 * draw gives, with the categories combined at random (seeded).
 */
export function syntheticPanel(
	n: number,
	seed = 1,
	categories: Readonly<Record<string, Readonly<Record<string, number>>>> = demoCategories
): TableMember[] {
	const random = seededRandom(seed);
	const features: Record<string, string>[] = Array.from({ length: n }, () => ({}));
	for (const [category, shares] of Object.entries(categories)) {
		const values = apportion(shares, n).flatMap(([feature, count]) =>
			Array.from({ length: count }, () => feature)
		);
		for (let i = values.length - 1; i > 0; i--) {
			const j = Math.floor(random() * (i + 1));
			[values[i], values[j]] = [values[j] ?? '', values[i] ?? ''];
		}
		values.forEach((value, i) => {
			const answers = features[i];
			if (answers) answers[category] = value;
		});
	}
	return features.map((answers, i) => ({
		id: `m${String(i + 1).padStart(3, '0')}`,
		features: answers
	}));
}
