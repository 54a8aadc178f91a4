/**
 * The small-numbers rule: a result computed from fewer than five ballots is never shown, because
 * with so few ballots members can be recognised in it. Every tally with breakdowns (by group, by
 * round pair) goes through `guard` or `breakdown`.
 */

export const MIN_BALLOTS = 5;

/** Shown instead of numbers. It says only that there were too few, not how many. */
export interface Suppressed {
	suppressed: true;
	reason: 'too_few_ballots' | 'complementary';
	minimum: number;
}

export interface Shown<T> {
	suppressed: false;
	ballots: number;
	result: T;
}

export type Guarded<T> = Suppressed | Shown<T>;

/** Tally `ballots` with `tally`, or a marker when there are fewer than `minimum` of them. */
export function guard<B, T>(
	ballots: readonly B[],
	tally: (ballots: readonly B[]) => T,
	minimum = MIN_BALLOTS
): Guarded<T> {
	if (ballots.length < minimum) return { suppressed: true, reason: 'too_few_ballots', minimum };
	return { suppressed: false, ballots: ballots.length, result: tally(ballots) };
}

export type GroupResult<T> = { group: string } & Guarded<T>;

/**
 * A tally per group. Groups with fewer than `minimum` ballots are suppressed. When exactly one group
 * is suppressed, the smallest shown group is suppressed too ('complementary'), because otherwise the
 * hidden group could be worked out by subtracting the shown groups from the overall result.
 * `groups` lists groups to report even without ballots (they come out suppressed); the result keeps
 * that order, followed by any other groups in sorted order. Ballots whose group is null are left out.
 */
export function breakdown<B, T>(
	ballots: readonly B[],
	groupOf: (ballot: B) => string | null,
	tally: (ballots: readonly B[]) => T,
	options: { groups?: readonly string[]; minimum?: number } = {}
): GroupResult<T>[] {
	const minimum = options.minimum ?? MIN_BALLOTS;
	const byGroup = new Map<string, B[]>();
	for (const group of options.groups ?? []) byGroup.set(group, []);
	const extra: string[] = [];
	for (const ballot of ballots) {
		const group = groupOf(ballot);
		if (group === null) continue;
		let list = byGroup.get(group);
		if (!list) {
			list = [];
			byGroup.set(group, list);
			extra.push(group);
		}
		list.push(ballot);
	}
	const order = [...(options.groups ?? []), ...extra.sort()];
	const small = order.filter((g) => byGroup.get(g)!.length < minimum);
	const hidden = new Set(small);
	let complementary: string | null = null;
	// A group with no ballots reveals nothing when subtracted, so only count groups that have some.
	const hiddenWithBallots = small.filter((g) => byGroup.get(g)!.length > 0);
	if (hiddenWithBallots.length === 1) {
		const shown = order.filter((g) => !hidden.has(g));
		shown.sort((a, b) => byGroup.get(a)!.length - byGroup.get(b)!.length);
		complementary = shown[0] ?? null;
	}
	return order.map((group): GroupResult<T> => {
		const list = byGroup.get(group)!;
		if (hidden.has(group)) return { group, suppressed: true, reason: 'too_few_ballots', minimum };
		if (group === complementary)
			return { group, suppressed: true, reason: 'complementary', minimum };
		return { group, suppressed: false, ballots: list.length, result: tally(list) };
	});
}
