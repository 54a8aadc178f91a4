import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './types';

/** Seeds the demo assembly (`supabase/seed.sql`) in one transaction. */
export async function seedDemo(db: Database, supabaseDir: string): Promise<void> {
	const sql = readFileSync(join(supabaseDir, 'seed.sql'), 'utf8');
	await db.transaction((tx) => tx.exec(sql));
}
