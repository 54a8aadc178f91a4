// npm run restore -- <file> — restores a backup made by `npm run backup`: with DATABASE_URL,
// pg_restore into that (new, empty) database; otherwise into DATA_DIR/pglite, keeping any existing
// embedded database beside it as pglite.before-restore-<time>. Stop the server first. Afterwards,
// `npm run audit:verify` shows the chain's head, to compare with the one noted at backup time.
import { join, resolve } from 'node:path';
import { restorePglite, restorePostgres } from '../src/lib/server/trust/backup';

const file = process.argv[2];
if (!file) {
	console.error('Usage: npm run restore -- <backup file>');
	process.exit(2);
}
const url = process.env.DATABASE_URL;
try {
	if (url) {
		await restorePostgres(resolve(file), url);
		console.log('Restored into the database at DATABASE_URL.');
	} else {
		const dataDir = join(resolve(process.env.DATA_DIR ?? '.data'), 'pglite');
		const kept = await restorePglite(resolve(file), dataDir);
		console.log(
			`Restored into ${dataDir}${kept ? ` (the previous database is kept at ${kept})` : ''}.`
		);
	}
} catch (error) {
	console.error(`restore failed: ${(error as Error).message}`);
	process.exitCode = 1;
}
