import { jwtVerify, SignJWT, type JWTPayload } from 'jose';

/** The claims Samråd's sessions carry: the same as Supabase Auth's, so RLS cannot tell them apart. */
export interface SessionClaims extends JWTPayload {
	sub: string;
	role: 'authenticated';
	email: string;
	aud: 'authenticated';
	session_id: string;
	app_metadata: Record<string, unknown>;
	user_metadata: Record<string, unknown>;
}

const encoder = new TextEncoder();

/** Signs claims as an HS256 JWT valid for ttlSeconds. */
export async function signJwt(
	claims: JWTPayload,
	secret: string,
	ttlSeconds: number,
	now = new Date()
): Promise<string> {
	const iat = Math.floor(now.getTime() / 1000);
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt(iat)
		.setExpirationTime(iat + ttlSeconds)
		.setIssuer('samraad')
		.sign(encoder.encode(secret));
}

/** The key an anonymous caller presents (Supabase's anon key), long-lived by design. */
export function signAnonKey(secret: string): Promise<string> {
	return signJwt({ role: 'anon' }, secret, 10 * 365 * 24 * 3600, new Date(Date.UTC(2026, 0, 1)));
}

/** The service-role key for trusted server scripts. Never sent to a browser. */
export function signServiceKey(secret: string): Promise<string> {
	return signJwt(
		{ role: 'service_role' },
		secret,
		10 * 365 * 24 * 3600,
		new Date(Date.UTC(2026, 0, 1))
	);
}

/** Accepted past their expiry, so that a session can be renewed (see readSessionJwt). */
const EXPIRED_TOLERANCE_S = 400 * 24 * 3600;

/**
 * Session tokens whose signature was verified, by token and secret: every request verifies the
 * session cookie, and a member's requests carry the same token for its hour, so the HMAC through
 * WebCrypto (and importing the key for it) is done once per token. A hit is used only while the
 * token is within the tolerance below; the oldest entries make way past a few thousand.
 */
const verifiedSessions = new Map<string, SessionClaims>();
const VERIFIED_MAX = 5000;

/**
 * Verifies a session JWT's signature. An expired token is still returned, marked expired, so the
 * caller can renew it while its server-side session lives; any other fault returns null.
 */
export async function readSessionJwt(
	token: string,
	secret: string,
	now = new Date()
): Promise<{ claims: SessionClaims; expired: boolean } | null> {
	const cacheKey = `${secret}\n${token}`;
	const known = verifiedSessions.get(cacheKey);
	if (known && ((known.exp ?? 0) + EXPIRED_TOLERANCE_S) * 1000 > now.getTime()) {
		// A copy: the cached claims are shared by every request with this token.
		return { claims: structuredClone(known), expired: (known.exp ?? 0) * 1000 <= now.getTime() };
	}
	try {
		const { payload } = await jwtVerify(token, encoder.encode(secret), {
			algorithms: ['HS256'],
			issuer: 'samraad',
			currentDate: now,
			// Accept expired tokens here; freshness is judged below against the session row.
			clockTolerance: EXPIRED_TOLERANCE_S
		});
		if (payload.role !== 'authenticated' || typeof payload.sub !== 'string') return null;
		const claims = payload as SessionClaims;
		if (verifiedSessions.size >= VERIFIED_MAX) {
			verifiedSessions.delete(verifiedSessions.keys().next().value!);
		}
		verifiedSessions.set(cacheKey, structuredClone(claims));
		const expired = (payload.exp ?? 0) * 1000 <= now.getTime();
		return { claims, expired };
	} catch {
		return null;
	}
}
