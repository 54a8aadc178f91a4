import { describe, expect, it } from 'vitest';
import {
	canonicalLine,
	checkEntries,
	entryHash,
	GENESIS_HASH,
	isoMicros,
	type AuditRow
} from './audit-verify';

const row: AuditRow = {
	seq: '7',
	at_utc: '2026-12-03 07:40:00.12',
	assembly_id: 'a55e0b1e-0000-4000-8000-000000000003',
	action: 'role.assigned',
	subject_id: 'c0000000-0000-4000-8000-000000000301',
	details: '{"role": "member"}',
	prev_hash: GENESIS_HASH,
	hash: ''
};

describe('the canonical line of an audit entry', () => {
	it('writes the time in UTC with six fractional digits, whatever PostgreSQL printed', () => {
		expect(isoMicros('2026-12-03 07:40:00')).toBe('2026-12-03T07:40:00.000000Z');
		expect(isoMicros('2026-12-03 07:40:00.5')).toBe('2026-12-03T07:40:00.500000Z');
		expect(isoMicros('2026-12-03 07:40:00.123456')).toBe('2026-12-03T07:40:00.123456Z');
		expect(() => isoMicros('2026-12-03 07:40:00+00')).toThrow();
	});

	it('joins the fields with | (empty for a missing id) and hashes the UTF-8 bytes', () => {
		expect(canonicalLine({ ...row, subject_id: null })).toBe(
			`7|${GENESIS_HASH}|2026-12-03T07:40:00.120000Z|a55e0b1e-0000-4000-8000-000000000003|role.assigned||{"role": "member"}`
		);
		// The same line through coreutils' sha256sum.
		expect(entryHash(row)).toBe('fd0150aa5f4f0859d216d2489809dcd798fcbe6729ab45a441dd7614f25ea2f7');
	});

	it('reports a gap, a broken link and a wrong hash at the entry where they occur', () => {
		const first = { ...row, seq: '1' };
		first.hash = entryHash(first);
		const second = { ...row, seq: '2', prev_hash: first.hash };
		second.hash = entryHash(second);
		expect(checkEntries([first, second], { seq: 0, hash: GENESIS_HASH })).toBeNull();
		expect(
			checkEntries([first, { ...second, seq: '3' }], { seq: 0, hash: GENESIS_HASH })?.seq
		).toBe(3);
		expect(
			checkEntries([{ ...second, prev_hash: GENESIS_HASH }], { seq: 1, hash: first.hash })?.reason
		).toMatch(/previous hash/);
		expect(
			checkEntries([{ ...first, details: '{"role": "admin"}' }], { seq: 0, hash: GENESIS_HASH })
				?.reason
		).toMatch(/not the SHA-256/);
	});
});
