import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { migrate } from '../../src/lib/server/db/migrate';
import { openPglite } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { seedDemo } from '../../src/lib/server/db/seed';
import type { Database } from '../../src/lib/server/db/types';

export const supabaseDir = resolve(import.meta.dirname, '../../supabase');
export const repoDir = resolve(import.meta.dirname, '../..');

/**
 * A throwaway database with the migrations and the demo seed, and the environment a command-line
 * script needs to reach the same database (DATABASE_URL, or DATA_DIR for the embedded one).
 */
export interface Scratch {
	db: Database;
	/** Environment for a child process that opens this database (close `db` first on PGlite). */
	env: Record<string, string>;
	dataDir?: string;
	/** Reopens the database after a child process used it (PGlite only holds one opener). */
	reopen(): Promise<Database>;
	dispose(): Promise<void>;
}

export async function onServer(url: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/** A fresh, empty PostgreSQL database on the DATABASE_URL server, dropped by dispose. */
export async function emptyPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
	const server = process.env.DATABASE_URL;
	if (!server)
		throw new Error(
			'DATABASE_URL is not set: run `bash scripts/with-pg15.sh npx vitest run <file>` (npm run test:unit does).'
		);
	const name = `samraad_trust_${randomBytes(6).toString('hex')}`;
	await onServer(server, `create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => onServer(server, `drop database if exists ${name} with (force)`)
	};
}

export async function scratchPostgres(seed = true): Promise<Scratch> {
	const { url, drop } = await emptyPostgres();
	let db = await openPostgres(url, 2);
	await migrate(db, supabaseDir);
	if (seed) await seedDemo(db, supabaseDir);
	return {
		db,
		env: { DATABASE_URL: url },
		async reopen() {
			db = await openPostgres(url, 2);
			return db;
		},
		async dispose() {
			await db.close();
			await drop();
		}
	};
}

export async function scratchPglite(seed = true): Promise<Scratch> {
	const dataDir = mkdtempSync(join(tmpdir(), 'samraad-trust-'));
	let db = await openPglite(join(dataDir, 'pglite'));
	await migrate(db, supabaseDir);
	if (seed) await seedDemo(db, supabaseDir);
	return {
		db,
		env: { DATA_DIR: dataDir, DATABASE_URL: '' },
		dataDir,
		async reopen() {
			db = await openPglite(join(dataDir, 'pglite'));
			return db;
		},
		async dispose() {
			await db.close();
		}
	};
}

/** Rows in every table of the app's schemas, by `schema.table`. */
export async function rowCounts(db: Database): Promise<Record<string, number>> {
	const { rows } = await db.query<{ name: string }>(
		`select n.nspname || '.' || c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
		  where c.relkind in ('r', 'p') and n.nspname in ('app', 'auth', 'private', 'supabase_migrations')
		  order by 1`
	);
	const counts: Record<string, number> = {};
	for (const { name } of rows) {
		const [schema, table] = name.split('.');
		const result = await db.query<{ n: string | number }>(
			`select count(*)::int as n from "${schema}"."${table}"`
		);
		counts[name] = Number(result.rows[0]!.n);
	}
	return counts;
}
