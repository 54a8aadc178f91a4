import { describe, expect, it } from 'vitest';
import { readSessionJwt, signJwt } from './jwt';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const claims = {
	sub: 'u1',
	role: 'authenticated',
	email: 'a@example.dk',
	aud: 'authenticated',
	session_id: 's1',
	app_metadata: {},
	user_metadata: {}
};

describe('readSessionJwt', () => {
	it('reads a token again from its verified signature, and never for another secret', async () => {
		const now = new Date('2026-12-07T12:00:00Z');
		const token = await signJwt(claims, SECRET, 3600, now);
		const first = await readSessionJwt(token, SECRET, now);
		expect(first).toMatchObject({ claims: { sub: 'u1' }, expired: false });
		first!.claims.sub = 'changed by a caller';
		expect((await readSessionJwt(token, SECRET, now))!.claims.sub).toBe('u1');
		expect(await readSessionJwt(token, `${SECRET}-other`, now)).toBeNull();
		expect(await readSessionJwt(`${token.slice(0, -2)}xx`, SECRET, now)).toBeNull();
		// Expired (renewable) after its hour, and refused once past the tolerance.
		const later = new Date(now.getTime() + 2 * 3600_000);
		expect(await readSessionJwt(token, SECRET, later)).toMatchObject({ expired: true });
		const muchLater = new Date(now.getTime() + 500 * 24 * 3600_000);
		expect(await readSessionJwt(token, SECRET, muchLater)).toBeNull();
	});
});
