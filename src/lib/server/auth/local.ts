import type { Database } from '../db/types';
import { readSessionJwt, signJwt, type SessionClaims } from './jwt';

export const LIMITS = {
	codeTtlMinutes: 10,
	linkTtlMinutes: 60,
	attemptsPerCode: 5,
	codesPerAddressPer15Minutes: 5,
	failuresPerAddressPerHour: 10,
	accessTokenSeconds: 3600,
	sessionIdleDays: 14,
	sessionMaxDays: 90
} as const;

export interface SignedIn {
	accessToken: string;
	claims: SessionClaims;
}

export type RequestCodeResult = { ok: true } | { ok: false; reason: 'rate_limited' };
export type VerifyResult =
	| ({ ok: true } & SignedIn)
	| {
			ok: false;
			reason: 'invalid' | 'expired' | 'used' | 'too_many_attempts' | 'locked';
			attemptsLeft?: number;
	  };

interface Options {
	db: Database;
	jwtSecret: string;
	now?: () => Date;
}

const encoder = new TextEncoder();

async function hmac(secret: string, value: string): Promise<string> {
	const key = await crypto.subtle.importKey(
		'raw',
		encoder.encode(secret),
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(value));
	return Buffer.from(signature).toString('hex');
}

/** A uniformly random six-digit code. */
export function randomCode(): string {
	const buffer = new Uint32Array(1);
	const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
	do crypto.getRandomValues(buffer);
	while (buffer[0]! >= limit);
	return String(buffer[0]! % 1_000_000).padStart(6, '0');
}

/** An unguessable single-use token for a personal link (256 bits, URL-safe). */
export function randomToken(): string {
	return Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/**
 * Local sign-in for the embedded and PostgreSQL targets: e-mailed one-time codes and personal
 * links, sessions as short-lived HS256 JWTs renewed against a server-side session row (so sign-out
 * and expiry are real). Limits count per code and per address, never per IP: a whole panel shares
 * one municipal Wi-Fi.
 */
export function createLocalAuth({ db, jwtSecret, now = () => new Date() }: Options) {
	/** Whether anyone by this address may sign in: a person of an assembly, or an existing account. */
	async function isKnown(email: string): Promise<boolean> {
		const { rows } = await db.query(
			`select 1 from app.people where lower(email) = $1
			 union all select 1 from auth.users where lower(email) = $1 limit 1`,
			[email]
		);
		return rows.length > 0;
	}

	/**
	 * Issues a code and a link token for an address. Resolves to null when the address is unknown
	 * (the caller says the same thing either way, so addresses cannot be probed).
	 */
	async function issueCode(
		rawEmail: string
	): Promise<
		| { ok: true; code: string; token: string }
		| { ok: true; code: null }
		| { ok: false; reason: 'rate_limited' }
	> {
		const email = normaliseEmail(rawEmail);
		const { rows } = await db.query<{ n: number }>(
			`select count(*)::int as n from auth.one_time_codes
			 where lower(email) = $1 and kind = 'code' and created_at > $2::timestamptz - interval '15 minutes'`,
			[email, now().toISOString()]
		);
		if ((rows[0]?.n ?? 0) >= LIMITS.codesPerAddressPer15Minutes)
			return { ok: false, reason: 'rate_limited' };
		if (!(await isKnown(email))) return { ok: true, code: null };
		const code = randomCode();
		const token = randomToken();
		const at = now();
		await db.transaction(async (tx) => {
			// A new code replaces the ones before it.
			await tx.query(
				`update auth.one_time_codes set used_at = $2 where lower(email) = $1 and used_at is null and kind = 'code'`,
				[email, at.toISOString()]
			);
			await tx.query(
				`insert into auth.one_time_codes (email, kind, secret_hash, expires_at, created_at)
				 values ($1, 'code', $2, $3, $5), ($1, 'link', $4, $6, $5)`,
				[
					email,
					await hmac(jwtSecret, `code:${email}:${code}`),
					new Date(at.getTime() + LIMITS.codeTtlMinutes * 60_000).toISOString(),
					await hmac(jwtSecret, `link:${token}`),
					at.toISOString(),
					new Date(at.getTime() + LIMITS.linkTtlMinutes * 60_000).toISOString()
				]
			);
		});
		return { ok: true, code, token };
	}

	/** Issues a personal-link token for a known address, valid for the given days. */
	async function issueLink(rawEmail: string, validDays: number): Promise<string> {
		const email = normaliseEmail(rawEmail);
		const token = randomToken();
		const at = now();
		await db.query(
			`insert into auth.one_time_codes (email, kind, secret_hash, expires_at, created_at)
			 values ($1, 'link', $2, $3, $4)`,
			[
				email,
				await hmac(jwtSecret, `link:${token}`),
				new Date(at.getTime() + validDays * 86_400_000).toISOString(),
				at.toISOString()
			]
		);
		return token;
	}

	async function startSession(email: string): Promise<SignedIn> {
		const at = now();
		const { rows } = await db.query<{
			id: string;
			email: string;
			app_metadata: Record<string, unknown>;
			user_metadata: Record<string, unknown>;
		}>(
			`insert into auth.users (email, last_sign_in_at) values ($1, $2)
			 on conflict ((lower(email))) do update set last_sign_in_at = excluded.last_sign_in_at
			 returning id, email, raw_app_meta_data as app_metadata, raw_user_meta_data as user_metadata`,
			[email, at.toISOString()]
		);
		const user = rows[0]!;
		const session = await db.query<{ id: string }>(
			`insert into auth.sessions (user_id, created_at, refreshed_at, expires_at) values ($1, $2, $2, $3) returning id`,
			[
				user.id,
				at.toISOString(),
				new Date(at.getTime() + LIMITS.sessionIdleDays * 86_400_000).toISOString()
			]
		);
		return mint(user, session.rows[0]!.id);
	}

	async function mint(
		user: {
			id: string;
			email: string;
			app_metadata: Record<string, unknown>;
			user_metadata: Record<string, unknown>;
		},
		sessionId: string
	): Promise<SignedIn> {
		const claims: SessionClaims = {
			sub: user.id,
			role: 'authenticated',
			aud: 'authenticated',
			email: user.email,
			session_id: sessionId,
			app_metadata: user.app_metadata ?? {},
			user_metadata: user.user_metadata ?? {}
		};
		const accessToken = await signJwt(claims, jwtSecret, LIMITS.accessTokenSeconds, now());
		return { accessToken, claims };
	}

	async function recordFailure(email: string) {
		await db.query('insert into auth.failed_attempts (email, created_at) values ($1, $2)', [
			email,
			now().toISOString()
		]);
	}

	async function lockedOut(email: string): Promise<boolean> {
		const { rows } = await db.query<{ n: number }>(
			`select count(*)::int as n from auth.failed_attempts
			 where lower(email) = $1 and created_at > $2::timestamptz - interval '1 hour'`,
			[email, now().toISOString()]
		);
		return (rows[0]?.n ?? 0) >= LIMITS.failuresPerAddressPerHour;
	}

	/** Checks a code typed by a person. A wrong code counts against the code and the address. */
	async function verifyCode(rawEmail: string, rawCode: string): Promise<VerifyResult> {
		const email = normaliseEmail(rawEmail);
		const code = rawCode.replace(/\s/g, '');
		if (await lockedOut(email)) return { ok: false, reason: 'locked' };
		const { rows } = await db.query<{
			id: string;
			secret_hash: string;
			expires_at: Date | string;
			attempts: number;
			used_at: unknown;
		}>(
			`select id, secret_hash, expires_at, attempts, used_at from auth.one_time_codes
			 where lower(email) = $1 and kind = 'code' order by created_at desc, used_at nulls first limit 1`,
			[email]
		);
		const latest = rows[0];
		if (!latest || latest.used_at) {
			await recordFailure(email);
			return { ok: false, reason: latest ? 'used' : 'invalid' };
		}
		if (new Date(latest.expires_at).getTime() <= now().getTime())
			return { ok: false, reason: 'expired' };
		if (latest.attempts >= LIMITS.attemptsPerCode)
			return { ok: false, reason: 'too_many_attempts' };
		if ((await hmac(jwtSecret, `code:${email}:${code}`)) !== latest.secret_hash) {
			await db.query('update auth.one_time_codes set attempts = attempts + 1 where id = $1', [
				latest.id
			]);
			await recordFailure(email);
			const attemptsLeft = LIMITS.attemptsPerCode - latest.attempts - 1;
			return attemptsLeft > 0
				? { ok: false, reason: 'invalid', attemptsLeft }
				: { ok: false, reason: 'too_many_attempts' };
		}
		// Single use: only the request that flips used_at wins.
		const claimed = await db.query(
			'update auth.one_time_codes set used_at = $2 where id = $1 and used_at is null returning id',
			[latest.id, now().toISOString()]
		);
		if (claimed.rows.length === 0) return { ok: false, reason: 'used' };
		return { ok: true, ...(await startSession(email)) };
	}

	/** Exchanges a personal-link token for a session, once. */
	async function exchangeLink(token: string): Promise<VerifyResult> {
		const hash = await hmac(jwtSecret, `link:${token}`);
		const { rows } = await db.query<{ email: string; expires_at: Date | string }>(
			`update auth.one_time_codes set used_at = $2
			 where secret_hash = $1 and kind = 'link' and used_at is null
			 returning email, expires_at`,
			[hash, now().toISOString()]
		);
		const row = rows[0];
		if (!row) {
			const seen = await db.query('select 1 from auth.one_time_codes where secret_hash = $1', [
				hash
			]);
			return { ok: false, reason: seen.rows.length ? 'used' : 'invalid' };
		}
		if (new Date(row.expires_at).getTime() <= now().getTime())
			return { ok: false, reason: 'expired' };
		return { ok: true, ...(await startSession(row.email)) };
	}

	/**
	 * Reads a session token. A valid one is returned as it is; an expired one is renewed when its
	 * server-side session is still alive and not revoked; otherwise null.
	 */
	async function resume(token: string): Promise<SignedIn | null> {
		const read = await readSessionJwt(token, jwtSecret, now());
		if (!read) return null;
		if (!read.expired) return { accessToken: token, claims: read.claims };
		const at = now();
		const { rows } = await db.query<{
			id: string;
			email: string;
			app_metadata: Record<string, unknown>;
			user_metadata: Record<string, unknown>;
		}>(
			`update auth.sessions s set refreshed_at = $2,
			   expires_at = least($2::timestamptz + make_interval(days => $3), s.created_at + make_interval(days => $4))
			 from auth.users u
			 where s.id = $1 and u.id = s.user_id and s.revoked_at is null and s.expires_at > $2::timestamptz
			 returning u.id, u.email, u.raw_app_meta_data as app_metadata, u.raw_user_meta_data as user_metadata`,
			[read.claims.session_id, at.toISOString(), LIMITS.sessionIdleDays, LIMITS.sessionMaxDays]
		);
		return rows[0] ? mint(rows[0], read.claims.session_id) : null;
	}

	/** Ends a session on the server, so its token cannot be renewed. */
	async function signOut(token: string): Promise<void> {
		const read = await readSessionJwt(token, jwtSecret, now());
		if (!read) return;
		await db.query(
			'update auth.sessions set revoked_at = $2 where id = $1 and revoked_at is null',
			[read.claims.session_id, now().toISOString()]
		);
	}

	return { issueCode, issueLink, verifyCode, exchangeLink, resume, signOut };
}

export type LocalAuth = ReturnType<typeof createLocalAuth>;
