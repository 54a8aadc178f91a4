import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireLock } from '../db/pglite';

const run = promisify(execFile);

/**
 * Backs up the embedded database: PGlite's own dump of its data directory (a gzipped tar of a
 * consistent, checkpointed copy), which restores byte for byte. The directory is locked for the
 * duration, so the server must be stopped (PGlite allows one process per data directory).
 */
export async function backupPglite(dataDir: string, file: string): Promise<void> {
	if (!existsSync(dataDir)) throw new Error(`There is no embedded database at ${dataDir}.`);
	const release = acquireLock(dataDir);
	try {
		const db = await PGlite.create({ dataDir });
		try {
			await db.exec('checkpoint');
			const dump = await db.dumpDataDir('gzip');
			mkdirSync(dirname(file), { recursive: true });
			writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
		} finally {
			await db.close();
		}
	} finally {
		release();
	}
}

/**
 * Restores an embedded backup into `dataDir`. An existing directory is kept beside it as
 * `<dataDir>.before-restore-<time>` (nothing is overwritten), unless it does not exist.
 */
export async function restorePglite(file: string, dataDir: string): Promise<string | null> {
	let keptAs: string | null = null;
	if (existsSync(dataDir)) {
		keptAs = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		const release = acquireLock(dataDir);
		try {
			renameSync(dataDir, keptAs);
		} finally {
			release();
		}
	}
	mkdirSync(dataDir, { recursive: true });
	const release = acquireLock(dataDir);
	try {
		const blob = new Blob([readFileSync(file)]);
		const db = await PGlite.create({ dataDir, loadDataDir: blob });
		await db.query('select 1');
		await db.close();
	} finally {
		release();
	}
	return keptAs;
}

/** `pg_dump -Fc` of the database at `url` (PostgreSQL client tools on PATH, or PG_BIN). */
export async function backupPostgres(url: string, file: string): Promise<void> {
	mkdirSync(dirname(file), { recursive: true });
	await run(tool('pg_dump'), [
		'--format=custom',
		'--no-owner',
		`--file=${file}`,
		`--dbname=${url}`
	]);
}

/**
 * `pg_restore` into the database at `url`, which should be new and empty: the roles RLS refers to
 * (anon, authenticated, service_role) are created first if the server lacks them.
 */
export async function restorePostgres(file: string, url: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`do $$
			begin
				if not exists (select 1 from pg_roles where rolname = 'anon') then create role anon nologin noinherit; end if;
				if not exists (select 1 from pg_roles where rolname = 'authenticated') then create role authenticated nologin noinherit; end if;
				if not exists (select 1 from pg_roles where rolname = 'service_role') then create role service_role nologin noinherit bypassrls; end if;
			end $$`);
	} finally {
		await client.end();
	}
	await run(tool('pg_restore'), [
		'--no-owner',
		'--exit-on-error',
		'--single-transaction',
		`--dbname=${url}`,
		file
	]);
}

function tool(name: string): string {
	const dirs = [process.env.PG_BIN, '/usr/lib/postgresql/15/bin'].filter(Boolean) as string[];
	for (const dir of dirs) if (existsSync(`${dir}/${name}`)) return `${dir}/${name}`;
	return name;
}
