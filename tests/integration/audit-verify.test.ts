import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/lib/server/trust/audit-verify';
import { repoDir, scratchPglite, scratchPostgres, type Scratch } from './support';

const run = promisify(execFile);

/** Runs `npm run audit:verify`'s script against the scratch database; resolves to its exit code. */
async function auditVerify(env: Record<string, string>): Promise<{ code: number; output: string }> {
	try {
		const { stdout } = await run('npx', ['tsx', 'scripts/audit-verify.mts'], {
			cwd: repoDir,
			env: { ...process.env, ...env }
		});
		return { code: 0, output: stdout };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, output: failed.stdout + failed.stderr };
	}
}

/** What only a superuser can do: switch the append-only triggers off and rewrite an entry. */
const tamper = (sql: string) => `
	alter table app.audit_log disable trigger audit_log_no_update_delete;
	${sql};
	alter table app.audit_log enable trigger audit_log_no_update_delete;`;

describe.each([
	['PGlite', scratchPglite],
	['PostgreSQL 15', scratchPostgres]
] as const)('audit:verify on %s', (_name, open) => {
	let scratch: Scratch;
	beforeAll(async () => {
		scratch = await open();
	}, 120_000);
	afterAll(() => scratch?.dispose());

	it('accepts the seeded chain and agrees with the database on its head', async () => {
		const report = await verifyAuditChain(scratch.db);
		expect(report.broken).toBeNull();
		expect(report.ok).toBe(true);
		expect(report.entries).toBeGreaterThan(50);
		const { rows } = await scratch.db.query<{ seq: string; hash: string }>(
			'select l.seq::text as seq, l.hash from app.audit_log l order by l.seq desc limit 1'
		);
		expect(report.head).toEqual({ seq: Number(rows[0]!.seq), hash: rows[0]!.hash });
	});

	it('finds an edited entry, and an entry whose hash was recomputed breaks the next link', async () => {
		await scratch.db.exec(
			tamper(`update app.audit_log set details = '{"role": "admin"}' where seq = 5`)
		);
		let report = await verifyAuditChain(scratch.db);
		expect(report.ok).toBe(false);
		expect(report.broken?.seq).toBe(5);
		expect(report.broken?.reason).toMatch(/not the SHA-256 of its content/);

		// The forger also recomputes entry 5's hash with the same SQL: the link from 6 then breaks.
		await scratch.db.exec(
			tamper(`update app.audit_log set hash = encode(sha256(convert_to(private.audit_canonical(
				seq, prev_hash, at, assembly_id, action, subject_id, details), 'UTF8')), 'hex') where seq = 5`)
		);
		report = await verifyAuditChain(scratch.db);
		expect(report.broken).toEqual({
			seq: 6,
			reason: 'its previous hash is not the hash of the entry before it'
		});

		// The command exits non-zero and names the entry.
		await scratch.db.close();
		const result = await auditVerify(scratch.env);
		scratch.db = await scratch.reopen();
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/BROKEN at entry #6/);
	}, 60_000);
});
