import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './types';

export interface Migration {
	version: string;
	name: string;
	sql: string;
}

/** Reads `supabase/migrations/*.sql` (Supabase CLI naming: `<version>_<name>.sql`) in order. */
export function readMigrations(supabaseDir: string): Migration[] {
	const dir = join(supabaseDir, 'migrations');
	return readdirSync(dir)
		.filter((file) => /^\d{14}_[a-z0-9_]+\.sql$/.test(file))
		.sort()
		.map((file) => {
			const [, version, name] = /^(\d{14})_(.+)\.sql$/.exec(file)!;
			return { version: version!, name: name!, sql: readFileSync(join(dir, file), 'utf8') };
		});
}

/**
 * Brings a non-Supabase database up to date: the bootstrap (roles, auth schema, migrations table),
 * then every migration not yet recorded in `supabase_migrations.schema_migrations`, each in its own
 * transaction together with its record. Returns the versions applied.
 */
export async function migrate(db: Database, supabaseDir: string): Promise<string[]> {
	await db.exec(readFileSync(join(supabaseDir, 'local', 'bootstrap.sql'), 'utf8'));
	const { rows } = await db.query<{ version: string }>(
		'select version from supabase_migrations.schema_migrations'
	);
	const applied = new Set(rows.map((row) => row.version));
	const done: string[] = [];
	for (const migration of readMigrations(supabaseDir)) {
		if (applied.has(migration.version)) continue;
		await db.transaction(async (tx) => {
			await tx.exec(migration.sql);
			await tx.query(
				'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
				[migration.version, migration.name, [migration.sql]]
			);
		});
		done.push(migration.version);
	}
	return done;
}
