import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openPglite } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import type { Database } from '../../src/lib/server/db/types';
import { verifyAuditChain } from '../../src/lib/server/trust/audit-verify';
import { emptyPostgres, repoDir, rowCounts, scratchPglite, scratchPostgres } from './support';

const run = promisify(execFile);

/** Runs one of the npm scripts' files with the given environment, as `npm run <name>` would. */
function script(name: string, args: string[], env: Record<string, string>) {
	return run('npx', ['tsx', `scripts/${name}.mts`, ...args], {
		cwd: repoDir,
		env: { ...process.env, ...env }
	});
}

/** Something beyond the seed, so the backup holds this run's own rows and audit entries. */
async function addActivity(db: Database) {
	await db.exec(`
		insert into app.role_assignments (assembly_id, person_id, role)
		values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000009', 'evaluator');
		update app.assemblies set phase = 'drafting' where id = 'a55e0b1e-0000-4000-8000-000000000001';`);
}

async function snapshot(db: Database) {
	const chain = await verifyAuditChain(db);
	expect(chain.ok).toBe(true);
	return { counts: await rowCounts(db), head: chain.head };
}

describe('npm run backup / restore', () => {
	it('restores the embedded database into a fresh directory with every row and the same chain head', async () => {
		const source = await scratchPglite();
		await addActivity(source.db);
		const before = await snapshot(source.db);
		await source.db.close();

		const file = join(mkdtempSync(join(tmpdir(), 'samraad-backup-')), 'embedded.tar.gz');
		await script('backup', [file], source.env);
		expect(statSync(file).size).toBeGreaterThan(100_000);

		const target = mkdtempSync(join(tmpdir(), 'samraad-restore-'));
		await script('restore', [file], { DATA_DIR: target, DATABASE_URL: '' });
		const restored = await openPglite(join(target, 'pglite'));
		try {
			const after = await snapshot(restored);
			expect(after.head).toEqual(before.head);
			expect(after.counts).toEqual(before.counts);
			expect(Object.keys(after.counts).length).toBeGreaterThan(40);
			expect(after.counts['app.audit_log']).toBeGreaterThan(50);
		} finally {
			await restored.close();
		}

		// Restoring over an existing database keeps the old one beside it.
		await script('restore', [file], { DATA_DIR: target, DATABASE_URL: '' });
		const { readdirSync } = await import('node:fs');
		expect(readdirSync(target).some((name) => name.startsWith('pglite.before-restore-'))).toBe(
			true
		);
		expect(existsSync(join(target, 'pglite'))).toBe(true);
	}, 180_000);

	it('restores a PostgreSQL dump into a fresh database with every row and the same chain head', async () => {
		const source = await scratchPostgres();
		const fresh = await emptyPostgres();
		try {
			await addActivity(source.db);
			const before = await snapshot(source.db);

			const file = join(mkdtempSync(join(tmpdir(), 'samraad-backup-')), 'pg.dump');
			await script('backup', [file], source.env);
			await script('restore', [file], { DATABASE_URL: fresh.url });

			const restored = await openPostgres(fresh.url, 2);
			try {
				const after = await snapshot(restored);
				expect(after.head).toEqual(before.head);
				expect(after.counts).toEqual(before.counts);
				expect(after.counts['app.audit_log']).toBeGreaterThan(50);
				// The append-only rule came back with the schema.
				await expect(restored.exec('delete from app.audit_log')).rejects.toThrow(/append-only/);
			} finally {
				await restored.close();
			}
		} finally {
			await source.dispose();
			await fresh.drop();
		}
	}, 180_000);
});
