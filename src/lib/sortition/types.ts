/**
 * The sortition library's vocabulary. Pure TypeScript: no database, no SvelteKit, no Node-only
 * APIs in the core (Web Crypto and typed arrays only), so it runs in a worker thread, in the
 * browser and in the `npm run sortition` CLI alike.
 */

/** One row of the Sortition Foundation's categories.csv: the panel must hold min..max people with this feature. */
export interface Quota {
	category: string;
	feature: string;
	min: number;
	max: number;
}

/** One volunteer in the pool: a pseudonymous id and one feature per category. */
export interface Person {
	id: string;
	features: Record<string, string>;
	/** People sharing a household key; with `onePerHousehold`, at most one of them is selected. */
	household?: string;
}

export interface Instance {
	pool: Person[];
	quotas: Quota[];
	/** The panel size. */
	k: number;
	onePerHousehold?: boolean;
}

/** A probability distribution over panels: each panel is a sorted list of indices into the pool. */
export interface Distribution {
	panels: number[][];
	/** One weight per panel, summing to 1. */
	weights: number[];
}

export interface Progress {
	phase: string;
	/** 0..1, monotone within a run. */
	fraction: number;
	message?: string;
}

export interface RunOptions {
	onProgress?: (progress: Progress) => void;
	signal?: AbortSignal;
}
