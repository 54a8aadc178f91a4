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
