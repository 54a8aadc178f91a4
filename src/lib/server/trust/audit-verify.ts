import { createHash } from 'node:crypto';
import type { Queryable } from '../db/types';

/** The genesis entry's previous hash: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** One stored entry, with every field as text exactly as the canonical line needs it. */
export interface AuditRow {
	seq: string;
	/** `at` in UTC as PostgreSQL prints a timestamp: `2026-12-03 07:40:00.12` (trailing zeros dropped). */
	at_utc: string;
	assembly_id: string | null;
	action: string;
	subject_id: string | null;
	/** `details::text`, PostgreSQL's canonical jsonb text. */
	details: string;
	prev_hash: string;
	hash: string;
}

export interface ChainReport {
	ok: boolean;
	entries: number;
	head: { seq: number; hash: string } | null;
	/** The first entry whose link or hash does not hold, and why. */
	broken: { seq: number; reason: string } | null;
}

/** `2026-12-03 07:40:00.12` → `2026-12-03T07:40:00.120000Z` (microseconds, always six digits). */
export function isoMicros(atUtc: string): string {
	const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?$/.exec(atUtc);
	if (!match) throw new Error(`Unexpected timestamp: ${atUtc}`);
	return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`;
}

/**
 * The canonical line of an entry, as the migration's header defines it:
 * `seq|prev_hash|at (UTC ISO-8601, microseconds)|assembly_id or ''|action|subject_id or ''|details`.
 */
export function canonicalLine(row: AuditRow): string {
	return [
		row.seq,
		row.prev_hash,
		isoMicros(row.at_utc),
		row.assembly_id ?? '',
		row.action,
		row.subject_id ?? '',
		row.details
	].join('|');
}

export function entryHash(row: AuditRow): string {
	return createHash('sha256').update(canonicalLine(row), 'utf8').digest('hex');
}

/**
 * Checks entries in seq order, continuing from `state`: seq without gaps from 1, each previous hash
 * the hash before it, each hash the SHA-256 of its canonical line. Returns the first break.
 */
export function checkEntries(
	rows: readonly AuditRow[],
	state: { seq: number; hash: string }
): { seq: number; reason: string } | null {
	for (const row of rows) {
		const seq = Number(row.seq);
		if (seq !== state.seq + 1) return { seq, reason: `expected entry ${state.seq + 1} next` };
		if (row.prev_hash !== state.hash)
			return { seq, reason: 'its previous hash is not the hash of the entry before it' };
		const computed = entryHash(row);
		if (computed !== row.hash)
			return {
				seq,
				reason: `its hash ${row.hash} is not the SHA-256 of its content (${computed})`
			};
		state.seq = seq;
		state.hash = row.hash;
	}
	return null;
}

const PAGE = 5000;

/**
 * Reads the whole chain (as the database owner or the service role) and recomputes every hash here,
 * in TypeScript, independently of the SQL that wrote it. Also compares the stored head, where the
 * caller may read it, so entries removed from the end are noticed.
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainReport> {
	const state = { seq: 0, hash: GENESIS_HASH };
	let entries = 0;
	for (;;) {
		const { rows } = await db.query<AuditRow>(
			`select seq::text as seq, (at at time zone 'UTC')::text as at_utc, assembly_id::text as assembly_id,
			        action, subject_id::text as subject_id, details::text as details, prev_hash, hash
			   from app.audit_log l where l.seq > $1 order by l.seq limit ${PAGE}`,
			[state.seq]
		);
		const broken = checkEntries(rows, state);
		if (broken) return { ok: false, entries: entries + rows.length, head: null, broken };
		entries += rows.length;
		if (rows.length < PAGE) break;
	}
	const head = entries > 0 ? { seq: state.seq, hash: state.hash } : null;
	const stored = await db
		.query<{ seq: string; hash: string }>('select seq::text as seq, hash from private.audit_head')
		.then((result) => result.rows[0])
		.catch(() => undefined);
	if (stored && (Number(stored.seq) !== state.seq || stored.hash !== state.hash)) {
		return {
			ok: false,
			entries,
			head,
			broken: {
				seq: Number(stored.seq),
				reason: `the chain's head is entry ${stored.seq} (${stored.hash}), but the log ends at ${state.seq}`
			}
		};
	}
	return { ok: true, entries, head, broken: null };
}
