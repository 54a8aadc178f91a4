import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import WebSocket from 'ws';
import { signAnonKey, signJwt, signServiceKey } from '../../src/lib/server/auth/jwt';
import { migrate } from '../../src/lib/server/db/migrate';
import { openPglite } from '../../src/lib/server/db/pglite';
import { openPostgres } from '../../src/lib/server/db/postgres';
import { seedDemo } from '../../src/lib/server/db/seed';
import type { Database } from '../../src/lib/server/db/types';
import { createRpcEndpoint, type RpcEndpoint } from '../../src/lib/server/rpc/endpoint';

export const supabaseDir = resolve(import.meta.dirname, '../../supabase');

/** The origin supabase-js is created with; requests never leave the process. */
export const origin = 'http://samraad.test';

export const seed = {
	publicAssembly: 'a55e0b1e-0000-4000-8000-000000000001',
	privateAssembly: 'a55e0b1e-0000-4000-8000-000000000002',
	handedOverAssembly: 'a55e0b1e-0000-4000-8000-000000000003',
	admin: 'admin@demo.samraad.dk',
	facilitator: 'facilitator@demo.samraad.dk',
	member: 'medlem01@demo.samraad.dk',
	council: 'byraad@demo.samraad.dk',
	evaluator: 'evaluator@demo.samraad.dk',
	otherAssemblyMember: 'dagtilbud01@demo.samraad.dk',
	/** Organisers (5) and members (36) of the public assembly. */
	publicAssemblyPeople: 41
} as const;

/** A database the suite may do anything to, and how to get rid of it afterwards. */
export interface OpenedDatabase {
	db: Database;
	dispose(): Promise<void>;
}

export interface Target {
	name: string;
	open(): Promise<OpenedDatabase>;
}

const missingDatabaseUrl =
	'DATABASE_URL is not set, so the PostgreSQL 15 run of the contract suite cannot start. ' +
	'CI always provides it: run `npm run test:unit`, or `bash scripts/with-pg15.sh npx vitest run tests/contract`, ' +
	'which start a throwaway PostgreSQL 15 cluster and set DATABASE_URL.';

/**
 * The two targets the endpoint serves RPC over: embedded PGlite (in memory) and a PostgreSQL 15
 * server. On the server every run gets a database of its own, created here and dropped afterwards.
 */
export const targets: Target[] = [
	{
		name: 'PGlite (in memory)',
		async open() {
			const db = await openPglite();
			return { db, dispose: () => db.close() };
		}
	},
	{
		name: 'PostgreSQL 15 (DATABASE_URL)',
		async open() {
			const url = process.env.DATABASE_URL;
			if (!url) throw new Error(missingDatabaseUrl);
			const name = `samraad_contract_${randomBytes(6).toString('hex')}`;
			await onServer(url, `create database ${name}`);
			const scoped = new URL(url);
			scoped.pathname = `/${name}`;
			let db: Database;
			try {
				db = await openPostgres(scoped.toString(), 4);
			} catch (error) {
				await onServer(url, `drop database if exists ${name}`);
				throw error;
			}
			return {
				db,
				async dispose() {
					await db.close();
					await onServer(url, `drop database if exists ${name} with (force)`);
				}
			};
		}
	}
];

async function onServer(url: string, sql: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(sql);
	} finally {
		await client.end();
	}
}

/**
 * Functions that exist only in the suite's throwaway databases. The core API has no function that
 * raises a plain `raise exception` (P0001), returns a bare scalar, a setof scalar or a composite
 * row, or fails with a server-class error; these exercise those shapes of the contract.
 */
const fixtureSql = `
create function api.contract_add(a int, b int default 10) returns int
language sql immutable as $$ select a + b $$;

create function api.contract_nothing() returns text
language sql immutable as $$ select null::text $$;

create function api.contract_series(n int) returns setof int
language sql immutable as $$ select generate_series(1, n) $$;

create function api.contract_pair(n int, out doubled int, out label text)
language sql immutable as $$ select n * 2, 'n=' || n $$;

create function api.contract_single_column(n int) returns table (value int)
language sql immutable as $$ select generate_series(1, n) $$;

create function api.contract_single_out(n int, out doubled int)
language sql immutable as $$ select n * 2 $$;

create function api.contract_refuse() returns void
language plpgsql as $$
begin
  raise exception 'I refuse' using detail = 'Pretty simple', hint = 'There is nothing you can do.';
end
$$;

create function api.contract_deadlock() returns void
language plpgsql as $$
begin
  raise exception 'Pretend deadlock' using errcode = '40P01';
end
$$;

grant execute on function api.contract_add(int, int), api.contract_nothing(), api.contract_series(int),
  api.contract_pair(int), api.contract_single_column(int), api.contract_single_out(int), api.contract_refuse(), api.contract_deadlock()
  to anon, authenticated, service_role;
`;

/** Migrates and seeds a fresh database, then adds the suite's fixture functions. */
export async function prepare(db: Database): Promise<void> {
	await migrate(db, supabaseDir);
	await seedDemo(db, supabaseDir);
	await db.exec(fixtureSql);
}

export interface Harness {
	db: Database;
	endpoint: RpcEndpoint;
	jwtSecret: string;
	anonKey: string;
	serviceKey: string;
}

export async function createHarness(db: Database): Promise<Harness> {
	const jwtSecret = randomBytes(32).toString('base64url');
	return {
		db,
		endpoint: createRpcEndpoint({ db, jwtSecret }),
		jwtSecret,
		anonKey: await signAnonKey(jwtSecret),
		serviceKey: await signServiceKey(jwtSecret)
	};
}

/**
 * A supabase-js client whose fetch goes straight to the endpoint, as the app's server does. With no
 * access token it presents the anon key, as a browser would before signing in.
 */
export function clientFor(harness: Harness, accessToken?: string): SupabaseClient {
	return createClient(origin, harness.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: {
			headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
			fetch: (input, init) => harness.endpoint.fetch(new Request(input, init))
		},
		realtime: { transport: WebSocket as never }
	});
}

/** Claims shaped like Supabase Auth's (and the local auth service's) for a signed-in account. */
export function claimsFor(userId: string, email: string) {
	return { sub: userId, role: 'authenticated', email, aud: 'authenticated', app_metadata: {} };
}

/**
 * Signs in as the person with this address: creates the auth.users row (the trigger links it to
 * the person) and signs a session JWT for it.
 */
export async function signInAs(
	harness: Harness,
	email: string
): Promise<{ userId: string; token: string }> {
	const { rows } = await harness.db.query<{ id: string }>(
		`insert into auth.users (email) values ($1)
		 on conflict ((lower(email))) do update set email = excluded.email
		 returning id`,
		[email]
	);
	const userId = rows[0]!.id;
	return { userId, token: await signJwt(claimsFor(userId, email), harness.jwtSecret, 3600) };
}

/** A raw request to the endpoint, for what supabase-js cannot send. */
export function rawRequest(path: string, init: RequestInit = {}): Request {
	return new Request(new URL(path, origin), init);
}
