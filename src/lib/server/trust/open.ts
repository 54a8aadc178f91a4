import { join, resolve } from 'node:path';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import type { Database } from '../db/types';

/**
 * The database a maintenance command (audit:verify, retention) works on: `DATABASE_URL` when set,
 * otherwise the embedded database in `DATA_DIR/pglite` (default `./.data`). The embedded database
 * is locked by a running server: stop it first (the server runs retention daily by itself).
 */
export async function openConfiguredDatabase(
	env: NodeJS.ProcessEnv = process.env
): Promise<Database> {
	if (env.DATABASE_URL) return openPostgres(env.DATABASE_URL, 2);
	return openPglite(join(resolve(env.DATA_DIR ?? '.data'), 'pglite'));
}
