import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { createLocalAuth, type LocalAuth } from './auth/local';
import { signAnonKey, signServiceKey } from './auth/jwt';
import { migrate } from './db/migrate';
import { openPgliteWorker } from './db/pglite-worker';
import { openPostgres } from './db/postgres';
import { seedDemo } from './db/seed';
import type { Database } from './db/types';
import { createMailer, type Mailer } from './mail/mailer';
import { closePdfBrowser } from './pdf';
import { createRpcEndpoint, localRequest, type RpcEndpoint } from './rpc/endpoint';

export type Target = 'embedded' | 'postgres' | 'supabase';

/** Settings read from the environment; README.md lists them. */
export interface Settings {
	DATA_DIR?: string;
	DATABASE_URL?: string;
	PUBLIC_SUPABASE_URL?: string;
	PUBLIC_SUPABASE_ANON_KEY?: string;
	SUPABASE_SERVICE_ROLE_KEY?: string;
	JWT_SECRET?: string;
	SMTP_URL?: string;
	MAIL_FROM?: string;
	SEED_DEMO?: string;
	NODE_ENV?: string;
	SUPABASE_DIR?: string;
}

/** The process-wide resources: opened once in the `init` hook, closed on shutdown. */
export interface Runtime {
	target: Target;
	/** The database the app serves RPC over; null on hosted Supabase. */
	db: Database | null;
	rpc: RpcEndpoint | null;
	auth: LocalAuth | null;
	mailer: Mailer;
	anonKey: string;
	serviceKey: string;
	supabaseUrl: string | null;
	/** Where uploaded files are kept, by their SHA-256. */
	filesDir: string;
	/** Whether the demo assembly was seeded into this database (shown on the sign-in page). */
	demo: boolean;
}

let current: Runtime | null = null;

export function targetOf(settings: Settings): Target {
	if (settings.PUBLIC_SUPABASE_URL && settings.PUBLIC_SUPABASE_ANON_KEY) return 'supabase';
	if (settings.DATABASE_URL) return 'postgres';
	return 'embedded';
}

/** The JWT secret: from JWT_SECRET, or made once and kept in the data directory. */
function jwtSecretFor(settings: Settings, dataDir: string): string {
	if (settings.JWT_SECRET) {
		if (settings.JWT_SECRET.length < 32)
			throw new Error('JWT_SECRET must be at least 32 characters.');
		return settings.JWT_SECRET;
	}
	const file = join(dataDir, 'jwt-secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dataDir, { recursive: true });
	const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url');
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}

/** Opens the database of the configured target, migrates it and, when new, seeds the demo. */
export async function startRuntime(settings: Settings): Promise<Runtime> {
	if (current) return current;
	const target = targetOf(settings);
	const dataDir = resolve(settings.DATA_DIR ?? '.data');
	const supabaseDir = resolve(settings.SUPABASE_DIR ?? 'supabase');
	const production = settings.NODE_ENV === 'production';
	const mailer = createMailer({
		smtpUrl: settings.SMTP_URL,
		from: settings.MAIL_FROM ?? 'Samråd <noreply@samraad.localhost>',
		outboxDir: join(dataDir, 'outbox'),
		production
	});

	if (target === 'supabase') {
		current = {
			target,
			db: null,
			rpc: null,
			auth: null,
			mailer,
			anonKey: settings.PUBLIC_SUPABASE_ANON_KEY!,
			serviceKey: settings.SUPABASE_SERVICE_ROLE_KEY ?? '',
			supabaseUrl: settings.PUBLIC_SUPABASE_URL!,
			filesDir: join(dataDir, 'files'),
			demo: false
		};
		return current;
	}

	const db =
		target === 'postgres'
			? await openPostgres(settings.DATABASE_URL!)
			: await openPgliteWorker(join(dataDir, 'pglite'));
	try {
		const applied = await migrate(db, supabaseDir);
		const isNew = applied.length > 0 && applied[0] === (await firstVersion(db));
		const wantDemo = settings.SEED_DEMO ? settings.SEED_DEMO !== 'false' : target === 'embedded';
		if (isNew && wantDemo) await seedDemo(db, supabaseDir);
		const jwtSecret = jwtSecretFor(settings, dataDir);
		const demo =
			(await db.query(`select 1 from app.people where email like '%@demo.samraad.dk' limit 1`)).rows
				.length > 0;
		current = {
			target,
			db,
			rpc: createRpcEndpoint({ db, jwtSecret }),
			auth: createLocalAuth({ db, jwtSecret }),
			mailer,
			anonKey: await signAnonKey(jwtSecret),
			serviceKey: await signServiceKey(jwtSecret),
			supabaseUrl: null,
			filesDir: join(dataDir, 'files'),
			demo
		};
		return current;
	} catch (error) {
		await db.close();
		throw error;
	}
}

async function firstVersion(db: Database): Promise<string | undefined> {
	const { rows } = await db.query<{ version: string }>(
		'select min(version) as version from supabase_migrations.schema_migrations'
	);
	return rows[0]?.version;
}

export function runtime(): Runtime {
	if (!current) throw new Error('The runtime has not started: the init hook opens it.');
	return current;
}

export async function stopRuntime(): Promise<void> {
	const closing = current;
	current = null;
	clients.clear();
	await Promise.all([closing?.db?.close(), closePdfBrowser()]);
}

/**
 * Clients by access token and origin. A client holds nothing but its headers (no session is
 * persisted or refreshed), so one caller's requests can share one, and making a client (its auth,
 * storage and realtime parts) costs more than some of the calls it serves. The oldest make way
 * past a few thousand; a token is good for an hour.
 */
const clients = new Map<string, SupabaseClient>();
const CLIENTS_MAX = 2000;

/**
 * A supabase-js client for one caller. On the embedded and PostgreSQL targets its fetch goes
 * straight to the in-process RPC endpoint (no network); on Supabase it is the real client.
 */
export function supabaseFor(accessToken: string | null, origin: string): SupabaseClient {
	const key = `${origin}\n${accessToken ?? ''}`;
	const known = clients.get(key);
	if (known) return known;
	const rt = runtime();
	const headers: Record<string, string> = accessToken
		? { Authorization: `Bearer ${accessToken}` }
		: {};
	const client = createClient(rt.supabaseUrl ?? origin, rt.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
		global: {
			headers,
			fetch: rt.rpc ? (input, init) => rt.rpc!.fetch(localRequest(input, init)) : fetch
		},
		realtime: { transport: WebSocket as never }
	});
	if (clients.size >= CLIENTS_MAX) clients.delete(clients.keys().next().value!);
	clients.set(key, client);
	return client;
}
