import pg from 'pg';
import { describeError } from '../web-security';
import type { Database, Queryable } from './types';

// Dates, timestamps and numerics stay strings, as PostgREST would send them; JSON is built in SQL.
const types = {
	getTypeParser: (oid: number, format?: string) =>
		[1082, 1114, 1184, 1700, 20].includes(oid)
			? (value: string) => value
			: pg.types.getTypeParser(oid, format as 'text')
};

/** Opens a pool to a PostgreSQL server (`DATABASE_URL`). */
export async function openPostgres(connectionString: string, max = 10): Promise<Database> {
	const pool = new pg.Pool({ connectionString, max, types });
	pool.on('error', (error) => console.error('postgres pool error:', describeError(error)));
	const client = (c: pg.Pool | pg.PoolClient): Queryable => ({
		async query(sql, params) {
			const result = await c.query(sql, params as unknown[]);
			return { rows: result.rows };
		},
		async exec(sql) {
			await c.query(sql);
		}
	});
	const base = client(pool);
	return {
		kind: 'postgres',
		...base,
		async script(sql) {
			// One simple-query message: PostgreSQL runs its statements as one implicit transaction.
			const result = (await pool.query(sql)) as pg.QueryResult | pg.QueryResult[];
			return { rows: Array.isArray(result) ? (result.at(-1)?.rows ?? []) : result.rows };
		},
		async transaction(fn, options) {
			const c = await pool.connect();
			try {
				await c.query(options?.readOnly ? 'begin read only' : 'begin');
				const result = await fn(client(c));
				await c.query('commit');
				return result;
			} catch (error) {
				await c.query('rollback').catch(() => {});
				throw error;
			} finally {
				c.release();
			}
		},
		async listen(channel, onPayload) {
			const c = await pool.connect();
			const handler = (message: pg.Notification) => {
				if (message.channel === channel) onPayload(message.payload ?? '');
			};
			c.on('notification', handler);
			await c.query(`listen ${pg.escapeIdentifier(channel)}`);
			return async () => {
				c.off('notification', handler);
				await c.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => {});
				c.release();
			};
		},
		async close() {
			await pool.end();
		}
	};
}
