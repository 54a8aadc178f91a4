import { describe, expect, it } from 'vitest';
import { carriesSecret, checkOrigin, redact, setSecurityHeaders } from './web-security';

const app = new URL('https://samraad.kommune.dk/mine');

function request(method: string, headers: Record<string, string>, path = '/mine') {
	return new Request(new URL(path, app), { method, headers });
}

/** A request and the URL SvelteKit would give the hook for it. */
function at(method: string, headers: Record<string, string>, path: string): [Request, URL] {
	const r = request(method, headers, path);
	return [r, new URL(r.url)];
}

describe('checkOrigin', () => {
	it('lets reads through whatever their origin', () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS'])
			expect(checkOrigin(request(method, { origin: 'https://evil.example' }), app).ok).toBe(true);
	});

	it('lets a same-origin form post and JSON post through', () => {
		const form = { origin: app.origin, 'content-type': 'application/x-www-form-urlencoded' };
		const json = { origin: app.origin, 'content-type': 'application/json' };
		expect(checkOrigin(request('POST', form), app).ok).toBe(true);
		expect(checkOrigin(request('POST', json, '/rest/v1/rpc/whoami'), app).ok).toBe(true);
	});

	it('refuses every state-changing method from a foreign origin, forms and JSON alike', () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
			for (const type of [
				'application/x-www-form-urlencoded',
				'multipart/form-data',
				'text/plain',
				'application/json'
			]) {
				const verdict = checkOrigin(
					request(method, { origin: 'https://evil.example', 'content-type': type }),
					app
				);
				expect(verdict, `${method} ${type}`).toEqual({
					ok: false,
					reason: expect.stringContaining('Cross-site') as string
				});
			}
	});

	it('refuses the opaque origin "null" and a lookalike on another scheme or port', () => {
		for (const origin of ['null', 'http://samraad.kommune.dk', 'https://samraad.kommune.dk:8443'])
			expect(checkOrigin(request('POST', { origin }), app).ok, origin).toBe(false);
	});

	it('refuses what the browser marks as cross-site, even with a matching Origin and an apikey', () => {
		const headers = { origin: app.origin, 'sec-fetch-site': 'cross-site', apikey: 'anon' };
		expect(checkOrigin(request('POST', headers), app).ok).toBe(false);
		expect(
			checkOrigin(request('POST', { 'sec-fetch-site': 'same-origin', origin: app.origin }), app).ok
		).toBe(true);
	});

	it('without Origin, lets only API callers (apikey or Authorization) through', () => {
		const json = { 'content-type': 'application/json' };
		expect(checkOrigin(request('POST', json, '/rest/v1/rpc/whoami'), app).ok).toBe(false);
		expect(
			checkOrigin(request('POST', { 'content-type': 'application/x-www-form-urlencoded' }), app).ok
		).toBe(false);
		expect(checkOrigin(request('POST', { ...json, apikey: 'anon-key' }), app).ok).toBe(true);
		expect(checkOrigin(request('POST', { ...json, authorization: 'Bearer x' }), app).ok).toBe(true);
	});

	it('accepts the one-click unsubscribe from a mail provider, and only by POST', () => {
		const headers = {
			origin: 'https://mail.example',
			'content-type': 'application/x-www-form-urlencoded'
		};
		expect(checkOrigin(...at('POST', headers, '/abonnement/afmeld/et-klik')).ok).toBe(true);
		expect(checkOrigin(...at('DELETE', headers, '/abonnement/afmeld/et-klik')).ok).toBe(false);
		expect(checkOrigin(...at('POST', headers, '/abonnement/afmeld')).ok).toBe(false);
	});
});

describe('setSecurityHeaders', () => {
	it('forbids framing and sniffing, isolates the window and switches off unused features', () => {
		const headers = new Headers();
		setSecurityHeaders(headers, new URL('http://localhost:3000/'));
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
		expect(headers.get('permissions-policy')).toContain('camera=()');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.has('strict-transport-security')).toBe(false);
	});

	it('sends HSTS over https and keeps a stricter referrer policy a page set', () => {
		const headers = new Headers({ 'referrer-policy': 'no-referrer' });
		setSecurityHeaders(headers, app);
		expect(headers.get('strict-transport-security')).toMatch(/^max-age=\d{8,}/);
		expect(headers.get('referrer-policy')).toBe('no-referrer');
	});
});

describe('carriesSecret', () => {
	it('knows the addresses that hold a token or a letter code, and sends them without a Referer', () => {
		for (const path of [
			'/hoering/' + 'a'.repeat(64),
			'/kalender/abc.ics',
			'/log-ind/link?t=x',
			'/tilmeld?kode=ABCD',
			'/abonnement/afmeld?t=x'
		]) {
			const headers = new Headers();
			setSecurityHeaders(headers, new URL(path, app));
			expect(carriesSecret(new URL(path, app)), path).toBe(true);
			expect(headers.get('referrer-policy'), path).toBe('no-referrer');
		}
		for (const path of ['/hoering', '/mine', '/tilmeld', '/borgersamling?side=2'])
			expect(carriesSecret(new URL(path, app)), path).toBe(false);
	});
});

describe('redact', () => {
	it('removes e-mail addresses, tokens and the secrets in links', () => {
		const line = redact(
			'duplicate key (email)=(Karen.Jensen+1@kommune.dk); see https://x.dk/log-ind/link?t=abcDEF123_-xyz&next=/mine ' +
				'and /hoering/0123456789abcdefABCDEF_- and Authorization: Bearer abc.def/ghi= and eyJhbGciOi.eyJzdWIi.c2lnbmF0dXJl'
		);
		expect(line).not.toMatch(/Karen|kommune\.dk|abcDEF123|0123456789abcdef|abc\.def|eyJ/);
		expect(line).toContain('[e-mail]');
		expect(line).toContain('t=[secret]&next=/mine');
		expect(line).toContain('/hoering/[secret]');
		expect(line).toContain('Bearer [token]');
	});

	it('leaves ordinary messages alone', () => {
		expect(redact('mail dispatch failed: ECONNREFUSED 127.0.0.1:2525')).toBe(
			'mail dispatch failed: ECONNREFUSED 127.0.0.1:2525'
		);
	});
});
