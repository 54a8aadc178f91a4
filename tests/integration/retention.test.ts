import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/types';
import { repoDir, scratchPglite, scratchPostgres, type Scratch } from './support';

const run = promisify(execFile);

function script(name: string, args: string[], env: Record<string, string>) {
	return run('npx', ['tsx', `scripts/${name}.mts`, ...args], {
		cwd: repoDir,
		env: { ...process.env, ...env }
	});
}

const tag = Math.random().toString(36).slice(2, 10);
/** Known addresses and numbers planted where personal data lives, to be looked for afterwards. */
const planted = {
	poolEmail: `pulje-${tag}@planted.example`,
	poolPhone: `+45 70${tag.length}1 ${tag.slice(0, 2).length}3 98`,
	memberEmail: `medlem-${tag}@planted.example`,
	memberPhone: '+45 61 23 45 67',
	poolName: `Plantet Puljeperson ${tag}`,
	memberName: `Plantet Medlem ${tag}`,
	invitationName: `Plantet Modtager ${tag}`
};

async function plant(db: Database) {
	await db.exec(`
		-- A volunteer left in the day-care assembly's pool, and the letter that invited them.
		insert into app.invitations (assembly_id, batch_id, code, recipient_name, address_line, postal_code, city)
		values ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'PLNTD234567',
		  '${planted.invitationName}', 'Plantevej 1', '8722', 'Hedensted');
		insert into app.registrations (assembly_id, invitation_id, registration_number, full_name, email, phone, birth_year,
		  address_line, postal_code, city, household_key, consent_at, channel)
		values ('a55e0b1e-0000-4000-8000-000000000002', (select id from app.invitations where code = 'PLNTD234567'), 901,
		  '${planted.poolName}', '${planted.poolEmail}', '${planted.poolPhone}', 1980, 'Plantevej 1', '8722', 'Hedensted',
		  'planted-household', now(), 'phone');
		-- The day-care assembly's draw on 1 March 2027.
		insert into app.draws (assembly_id, status, random_sources, commitment, commitment_hash, bundle, seed, committed_at, drawn_at)
		values ('a55e0b1e-0000-4000-8000-000000000002', 'drawn', '[{"name": "Lotto", "description": "x"}]', '{"k": 1}',
		  repeat('a', 64), '{"draw": {"panel": []}}', repeat('b', 64), '2027-02-28 12:00+01', '2027-03-01 12:00+01');
		-- A member of the handed-over assembly (evaluation 1 September 2027) who signed in.
		insert into auth.users (email) values ('${planted.memberEmail}');
		insert into app.people (id, full_name, email, phone)
		values ('c0000000-0000-4000-8000-00000000f001', '${planted.memberName}', '${planted.memberEmail}', '${planted.memberPhone}');
		insert into app.role_assignments (assembly_id, person_id, role)
		values ('a55e0b1e-0000-4000-8000-000000000003', 'c0000000-0000-4000-8000-00000000f001', 'member');
		insert into app.registrations (assembly_id, registration_number, full_name, email, phone, birth_year,
		  address_line, postal_code, city, household_key, consent_at, channel, status, person_id)
		values ('a55e0b1e-0000-4000-8000-000000000003', 902, '${planted.memberName}', '${planted.memberEmail}',
		  '${planted.memberPhone}', 1975, 'Medlemsvej 2', '8722', 'Hedensted', 'planted-member', now(), 'self', 'pool',
		  'c0000000-0000-4000-8000-00000000f001');
		insert into auth.one_time_codes (email, kind, secret_hash, expires_at)
		values ('${planted.memberEmail}', 'code', repeat('d', 64), '2026-12-01');
		insert into auth.failed_attempts (email, created_at) values ('${planted.memberEmail}', '2026-12-01');
		insert into app.mail_outbox (person_id, kind, payload, sent_at)
		values ('c0000000-0000-4000-8000-00000000f001', 'material_digest',
		  jsonb_build_object('to', '${planted.memberEmail}'), '2026-12-01');
	`);
}

const secrets = Object.values(planted);
const found = (text: string) => secrets.filter((secret) => text.includes(secret));

describe.each([
	['PostgreSQL 15', scratchPostgres, 'pg_dump'],
	['PGlite', scratchPglite, 'its data-directory dump']
] as const)('the retention job on %s', (_name, open, dumpName) => {
	it(`deletes every planted address and number: ${dumpName} holds none of them afterwards`, async () => {
		const scratch: Scratch = await open();
		try {
			await plant(scratch.db);
			const dir = mkdtempSync(join(tmpdir(), 'samraad-retention-'));
			await scratch.db.close();

			// Before: the dump has them all (so the search below can find them).
			const before = await dump(scratch, join(dir, 'before'));
			expect(found(before).sort()).toEqual([...secrets].sort());

			// The job with the clock past every retention date: the appeal period (29 March 2027)
			// and the evaluation (1 September 2027).
			const { stdout } = await script('retention', ['--now', '2027-09-05T10:00:00Z'], scratch.env);
			expect(stdout).toMatch(/registrations_not_selected: [1-9]/);
			expect(stdout).toMatch(/people: [1-9]/);

			const after = await dump(scratch, join(dir, 'after'));
			expect(found(after)).toEqual([]);
			// The seed's welfare assembly (evaluation 2028) is still there, so the dump is not empty.
			expect(after).toContain('medlem01@demo.samraad.dk');

			// Pseudonymous history stays: the planted member's row, role and the audit chain.
			const db = await scratch.reopen();
			const { rows } = await db.query<{ full_name: string; roles: number }>(
				`select p.full_name, (select count(*)::int from app.role_assignments ra where ra.person_id = p.id) as roles
				   from app.people p where p.id = 'c0000000-0000-4000-8000-00000000f001'`
			);
			expect(rows).toEqual([{ full_name: 'Slettet', roles: 1 }]);
		} finally {
			await scratch.dispose();
		}
	}, 240_000);
});

/**
 * The whole database as text: pg_dump on PostgreSQL; on PGlite, every file of its data-directory
 * dump (the backup) except the write-ahead log, whose recycled segments keep old bytes until they
 * are overwritten (docs/security.md: backups and WAL expire by rotation).
 */
async function dump(scratch: Scratch, file: string): Promise<string> {
	if (scratch.env.DATABASE_URL) {
		const { stdout } = await run(
			'/usr/lib/postgresql/15/bin/pg_dump',
			['--no-owner', `--dbname=${scratch.env.DATABASE_URL}`],
			{ maxBuffer: 256 * 1024 * 1024 }
		);
		return stdout;
	}
	await script('backup', [`${file}.tar.gz`], scratch.env);
	return tarFilesExceptWal(gunzipSync(readFileSync(`${file}.tar.gz`))).toString('latin1');
}

/** The concatenated contents of a tar's files, leaving out pg_wal/. */
function tarFilesExceptWal(tar: Buffer): Buffer {
	const parts: Buffer[] = [];
	let offset = 0;
	while (offset + 512 <= tar.length) {
		const header = tar.subarray(offset, offset + 512);
		if (header.every((byte) => byte === 0)) break;
		const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
		const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
		const size = parseInt(
			header.subarray(124, 136).toString('utf8').replace(/\0.*$/s, '').trim() || '0',
			8
		);
		const path = prefix ? `${prefix}/${name}` : name;
		if (!/(^|\/)pg_wal\//.test(path)) parts.push(tar.subarray(offset + 512, offset + 512 + size));
		offset += 512 + Math.ceil(size / 512) * 512;
	}
	expect(parts.length).toBeGreaterThan(100);
	return Buffer.concat(parts);
}
