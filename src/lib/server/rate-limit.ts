import { createHash } from 'node:crypto';
import { env } from '$env/dynamic/private';
import { api, unwrap } from './api';
import { runtime, supabaseFor } from './runtime';

/**
 * What is limited, per what, and how much by default. Generous on purpose: a whole panel or a
 * library's public computers share one address, so the per-IP limits only stop floods from one
 * machine (the per-address limit on sign-in codes, in auth/local.ts, stays the tight one). Each
 * limit can be set with its environment variable (the end-to-end tests and the voting benchmark
 * sign in hundreds of times from 127.0.0.1 and raise them).
 */
const BUCKETS = {
	/** Requests for a sign-in code, per client IP. */
	sign_in_ip: { variable: 'RATE_LIMIT_SIGN_IN_PER_IP', limit: 60, windowSeconds: 15 * 60 },
	/** Registration codes tried and registrations sent, per client IP. */
	registration_ip: { variable: 'RATE_LIMIT_REGISTRATION_PER_IP', limit: 100, windowSeconds: 3600 },
	/** CSV, JSON and PDF downloads, per signed-in person. */
	export_person: { variable: 'RATE_LIMIT_EXPORTS_PER_PERSON', limit: 60, windowSeconds: 15 * 60 }
} as const;

export type Bucket = keyof typeof BUCKETS;

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number; minutes: number };

/** The limit of a bucket: its environment variable if set to a positive integer, else the default. */
export function limitOf(bucket: Bucket): { limit: number; windowSeconds: number } {
	const { variable, limit, windowSeconds } = BUCKETS[bucket];
	const configured = Number(env[variable]);
	return {
		limit: Number.isInteger(configured) && configured > 0 ? configured : limit,
		windowSeconds
	};
}

/** The key as stored: the SHA-256 of the IP address or person id, never the value itself. */
export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/**
 * Counts one hit of `key` (an IP address or a person's id) in `bucket` and says whether it is
 * within the limit; when it is not, how long until it is. Counted in the database (so several app
 * servers share the count), through the service role: no caller can read or fill a bucket.
 */
export async function hitLimit(bucket: Bucket, key: string): Promise<LimitResult> {
	const { limit, windowSeconds } = limitOf(bucket);
	const service = supabaseFor(runtime().serviceKey, 'http://localhost');
	const rows = unwrap(
		await api(service).rpc('hit_rate_limit', {
			p_bucket: bucket,
			p_key_hash: keyHash(key),
			p_limit: limit,
			p_window_seconds: windowSeconds
		})
	) as { allowed: boolean; retry_after_seconds: number }[];
	const row = rows[0];
	if (!row || row.allowed) return { ok: true };
	return {
		ok: false,
		retryAfterSeconds: row.retry_after_seconds,
		minutes: Math.max(1, Math.ceil(row.retry_after_seconds / 60))
	};
}

/** The route ids of the CSV, JSON and PDF downloads a signed-in person makes (not live polling). */
export function isExport(routeId: string | null): boolean {
	return (
		routeId !== null &&
		routeId.startsWith('/(app)/') &&
		/\.(csv|json|pdf)$/.test(routeId) &&
		!routeId.endsWith('/live.json')
	);
}
