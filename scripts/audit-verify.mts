// npm run audit:verify — re-checks the whole audit chain: every entry's link to the one before and
// its SHA-256, recomputed in TypeScript from the stored fields (not by the SQL that wrote them).
// Reads DATABASE_URL, or the embedded database in DATA_DIR/pglite (stop the server first).
// Exit code 0: the chain holds; 1: it is broken (the first broken entry is printed); 2: an error.
import { verifyAuditChain } from '../src/lib/server/trust/audit-verify';
import { openConfiguredDatabase } from '../src/lib/server/trust/open';

const db = await openConfiguredDatabase();
try {
	const report = await verifyAuditChain(db);
	if (report.ok) {
		console.log(
			report.head
				? `The audit chain holds: ${report.entries} entries, head #${report.head.seq} ${report.head.hash}`
				: 'The audit chain is empty.'
		);
	} else {
		console.error(
			`The audit chain is BROKEN at entry #${report.broken!.seq}: ${report.broken!.reason}`
		);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(`audit:verify failed: ${(error as Error).message}`);
	process.exitCode = 2;
} finally {
	await db.close();
}
