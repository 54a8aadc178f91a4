// npm run backup [-- <file>] — backs up the database: with DATABASE_URL, `pg_dump -Fc` (restore with
// pg_restore); otherwise the embedded database in DATA_DIR/pglite as PGlite's data-directory dump
// (.tar.gz; stop the server first). Default file: backups/samraad-<time>.(dump|tar.gz).
// The file holds personal data: keep it encrypted and rotate it (docs/security.md, "Backups").
import { join, resolve } from 'node:path';
import { backupPglite, backupPostgres } from '../src/lib/server/trust/backup';

const url = process.env.DATABASE_URL;
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = resolve(
	process.argv[2] ?? join('backups', `samraad-${stamp}.${url ? 'dump' : 'tar.gz'}`)
);
try {
	if (url) await backupPostgres(url, file);
	else await backupPglite(join(resolve(process.env.DATA_DIR ?? '.data'), 'pglite'), file);
	console.log(`Backup written to ${file}`);
} catch (error) {
	console.error(`backup failed: ${(error as Error).message}`);
	process.exitCode = 1;
}
