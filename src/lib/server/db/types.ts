/** The rows and status of one query, the same on every target. */
export interface QueryResult<Row> {
	rows: Row[];
}

/** What a transaction can do: run statements inside it. */
export interface Queryable {
	query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
	/** Runs several statements without parameters (migrations, seeds). */
	exec(sql: string): Promise<void>;
}

/**
 * One database, whichever target: embedded PGlite or a PostgreSQL server. Hosted Supabase is not
 * reached through this port: there, supabase-js talks to the real PostgREST.
 */
export interface Database extends Queryable {
	readonly kind: 'pglite' | 'postgres';
	/**
	 * Runs statements without parameters (values inlined as literals, see `sqlLiteral`) in one
	 * round trip, as one implicit transaction: all commit together, or none when one fails. Returns
	 * the last statement's rows. One message instead of BEGIN, each statement and COMMIT: on PGlite
	 * every message costs a trip into WebAssembly, on a server a network round trip.
	 */
	script<Row = Record<string, unknown>>(sql: string): Promise<QueryResult<Row>>;
	/** Runs fn in one transaction: commit when it resolves, roll back when it throws. */
	transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: { readOnly?: boolean }): Promise<T>;
	/** Subscribes to NOTIFY on a channel; resolves to an unsubscribe function. */
	listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
	close(): Promise<void>;
}

/** The fields of a PostgreSQL error that both drivers carry. */
export interface PgError {
	code?: string;
	message: string;
	detail?: string;
	hint?: string;
}

export function isPgError(error: unknown): error is PgError {
	return (
		typeof error === 'object' &&
		error !== null &&
		'message' in error &&
		typeof (error as { code?: unknown }).code === 'string'
	);
}

/**
 * A string as a SQL literal (the `pg` driver's escapeLiteral): quotes doubled, and with an `E`
 * prefix and backslashes doubled when there are backslashes, so it reads back as exactly `value`
 * whatever `standard_conforming_strings` says. PostgreSQL text cannot hold NUL, so neither can this.
 */
export function sqlLiteral(value: string): string {
	if (value.includes('\0')) throw new Error('A SQL literal cannot hold NUL');
	const quoted = `'${value.replace(/'/g, "''")}'`;
	return value.includes('\\') ? ` E${quoted.replace(/\\/g, '\\\\')}` : quoted;
}
