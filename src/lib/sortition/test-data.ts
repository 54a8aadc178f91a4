import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Where tests find the shared sortition instances (written by others, never copied into the repo):
 * `SORTITION_DATA_DIR`, else `../shared/data/sortition` beside the checkout, else the workplace's
 * `/work/shared/data/sortition`. Null when none exists (a clone elsewhere), and tests that need the
 * files say they were skipped.
 */
export const sortitionDataDir: string | null =
	[
		process.env.SORTITION_DATA_DIR,
		resolve('../shared/data/sortition'),
		'/work/shared/data/sortition'
	].find((dir): dir is string => Boolean(dir) && existsSync(dir!)) ?? null;
