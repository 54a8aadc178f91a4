/**
 * The tally library for prioritisation exercises: ballot validation and tallies for budget
 * allocation, ranking (Borda, Schulze), pairwise comparison (Bradley–Terry), points, approval and
 * agreement statements; opinion shift between rounds; the small-numbers rule; receipt codes; and a
 * side-by-side comparison of methods. Pure: no database, no SvelteKit. See docs/tallies.md.
 */
export * from './types';
export * from './validate';
export * from './allocation';
export * from './ranking';
export * from './borda';
export * from './schulze';
export * from './pairwise';
export * from './bradley-terry';
export * from './points';
export * from './approval';
export * from './statements';
export * from './shift';
export * from './suppression';
export * from './receipt';
export * from './compare';
export {
	summarise,
	quantile,
	mean,
	standingsFromScores,
	standingsFromTiers,
	type Summary
} from './stats';
export { seededRandom } from './random';
