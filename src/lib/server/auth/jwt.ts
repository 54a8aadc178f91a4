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

/**
 * Verifies a session JWT's signature. An expired token is still returned, marked expired, so the
 * caller can renew it while its server-side session lives; any other fault returns null.
 */
export async function readSessionJwt(
	token: string,
	secret: string,
	now = new Date()
): Promise<{ claims: SessionClaims; expired: boolean } | null> {
	try {
		const { payload } = await jwtVerify(token, encoder.encode(secret), {
			algorithms: ['HS256'],
			issuer: 'samraad',
			currentDate: now,
			// Accept expired tokens here; freshness is judged below against the session row.
			clockTolerance: 400 * 24 * 3600
		});
		if (payload.role !== 'authenticated' || typeof payload.sub !== 'string') return null;
		const expired = (payload.exp ?? 0) * 1000 <= now.getTime();
		return { claims: payload as SessionClaims, expired };
	} catch {
		return null;
	}
}
