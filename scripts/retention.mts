// npm run retention — deletes the personal data whose retention has expired, by the rules in
// private.retention_rules (docs/security.md lists them), in one transaction, then vacuums. The
// server does the same once a day by itself. Reads DATABASE_URL, or the embedded database in
// DATA_DIR/pglite (stop the server first). `--now 2028-01-01T00:00:00Z` moves the clock (tests, drills).
import { runRetention } from '../src/lib/server/trust/retention';
import { openConfiguredDatabase } from '../src/lib/server/trust/open';

const at = process.argv.indexOf('--now');
const now = at >= 0 ? new Date(process.argv[at + 1] ?? '') : new Date();
if (Number.isNaN(now.getTime())) {
	console.error('Usage: npm run retention [-- --now <ISO-8601 instant>]');
	process.exit(2);
}

const db = await openConfiguredDatabase();
try {
	const counts = await runRetention(db, now);
	for (const [rule, n] of Object.entries(counts)) console.log(`${rule}: ${n}`);
} catch (error) {
	console.error(`retention failed: ${(error as Error).message}`);
	process.exitCode = 1;
} finally {
	await db.close();
}
