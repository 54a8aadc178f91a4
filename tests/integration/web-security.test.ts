/**
 * The web defences of the real server: `node build` (built by `npx vite build` here if `build/`
 * is missing) on a free port, on a fresh embedded database with the demo, served as if behind an
 * https proxy (PROTOCOL_HEADER=x-forwarded-proto, no ORIGIN) and with small limits, so each
 * defence is seen from outside as a browser or an attacker would see it.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from './support';

const WELFARE = 'a55e0b1e-0000-4000-8000-000000000001';
const LETTER_CODE = '9P3SBFUVZRU'; // an invitation of the demo's day-care assembly
const MEMBER = 'medlem01@demo.samraad.dk';
const REGISTRANT = 'sikkerhed.test@example.dk';
const EVIL = 'https://evil.example';

let server: ChildProcess;
let base: string; // where the test connects (plain http)
let origin: string; // the origin the app sees behind the "proxy"
let dataDir: string;
const logs: string[] = [];

function freePort(): Promise<number> {
	return new Promise((done, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => done(port));
		});
	});
}

/** A request as it arrives from the https proxy in front of the app. */
function call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
	return fetch(base + path, {
		redirect: 'manual',
		...init,
		headers: {
			'x-forwarded-proto': 'https',
			'accept-language': 'da',
			accept: 'text/html',
			...init.headers
		}
	});
}

/** A same-origin form post, as the app's own pages send it. */
function postForm(
	path: string,
	fields: Record<string, string>,
	headers: Record<string, string> = {}
) {
	return call(path, {
		method: 'POST',
		body: new URLSearchParams(fields).toString(),
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			origin,
			'sec-fetch-site': 'same-origin',
			...headers
		}
	});
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(response: Response): string[] {
	return response.headers.getSetCookie();
}

function cookieHeader(setCookies: string[]): string {
	return setCookies.map((line) => line.split(';')[0]).join('; ');
}

/** The newest dev-outbox mail to an address. */
function latestMailTo(address: string): { text: string } {
	const dir = join(dataDir, 'outbox');
	const files = readdirSync(dir).sort().reverse();
	for (const file of files) {
		const mail = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { to: string; text: string };
		if (mail.to === address) return mail;
	}
	throw new Error(`no mail to ${address}`);
}

beforeAll(async () => {
	if (!existsSync(join(repoDir, 'build', 'index.js'))) {
		// `npm run test:e2e` builds first; run on its own, this test builds for itself.
		const built = spawnSync('npx', ['vite', 'build'], { cwd: repoDir, stdio: 'inherit' });
		if (built.status !== 0) throw new Error('npx vite build failed');
	}
	dataDir = mkdtempSync(join(tmpdir(), 'samraad-websec-'));
	const port = await freePort();
	base = `http://127.0.0.1:${port}`;
	origin = `https://127.0.0.1:${port}`;
	server = spawn(process.execPath, ['build'], {
		cwd: repoDir,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			PORT: String(port),
			HOST: '127.0.0.1',
			PROTOCOL_HEADER: 'x-forwarded-proto',
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			SEED_DEMO: 'true',
			RATE_LIMIT_SIGN_IN_PER_IP: '3',
			RATE_LIMIT_REGISTRATION_PER_IP: '3',
			RATE_LIMIT_EXPORTS_PER_PERSON: '2'
		}
	});
	server.stdout!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
	server.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
	const deadline = Date.now() + 150_000;
	for (;;) {
		if (server.exitCode !== null) throw new Error(`the server exited:\n${logs.join('')}`);
		try {
			if ((await call('/')).ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) throw new Error(`the server did not start:\n${logs.join('')}`);
		await new Promise((done) => setTimeout(done, 300));
	}
}, 400_000);

afterAll(async () => {
	if (server && server.exitCode === null) {
		const exited = new Promise((done) => server.once('exit', done));
		server.kill('SIGTERM');
		await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
		if (server.exitCode === null) server.kill('SIGKILL');
	}
});

describe('Content Security Policy and framing', () => {
	it('sends a nonce-based CSP with no inline scripts, and forbids framing', async () => {
		for (const path of ['/', '/log-ind', '/tilmeld', `/borgersamling/${WELFARE}`]) {
			const response = await call(path);
			expect(response.status, path).toBe(200);
			const csp = response.headers.get('content-security-policy') ?? '';
			const directives = Object.fromEntries(
				csp.split(';').map((d) => {
					const [name, ...values] = d.trim().split(/\s+/);
					return [name, values];
				})
			) as Record<string, string[]>;
			expect(directives['script-src'], path).toContain("'self'");
			expect(
				directives['script-src']!.some((v) => v.startsWith("'nonce-")),
				path
			).toBe(true);
			expect(directives['script-src'], path).not.toContain("'unsafe-inline'");
			expect(directives['script-src'], path).not.toContain("'unsafe-eval'");
			expect(directives['style-src'], path).not.toContain("'unsafe-inline'");
			// Style attributes: only SvelteKit's route announcer, by its hash.
			expect(directives['style-src-attr'], path).not.toContain("'unsafe-inline'");
			expect(
				directives['style-src-attr']!.filter((v) => v.startsWith("'sha256-")),
				path
			).toHaveLength(1);
			expect(directives['frame-ancestors'], path).toEqual(["'none'"]);
			expect(directives['object-src'], path).toEqual(["'none'"]);
			expect(directives['base-uri'], path).toEqual(["'none'"]);
			expect(directives['form-action'], path).toEqual(["'self'"]);
			expect(response.headers.get('x-frame-options'), path).toBe('DENY');
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
			expect(response.headers.get('permissions-policy'), path).toContain('camera=()');
			expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d+/);

			// Every script in the page carries this response's nonce; no handler or style is inline.
			const nonce = directives['script-src']!.find((v) => v.startsWith("'nonce-"))!.slice(7, -1);
			const html = await response.text();
			const scripts = html.match(/<script\b[^>]*>/g) ?? [];
			expect(scripts.length, path).toBeGreaterThan(0);
			for (const tag of scripts) {
				if (/\bsrc=/.test(tag)) continue;
				expect(tag, path).toContain(`nonce="${nonce}"`);
			}
			expect(html, path).not.toMatch(/<[^>]+\son[a-z]+=/i);
			expect(html, path).not.toMatch(/<[^>]+\sstyle=/i);
		}
	});

	it('sends no HSTS over plain http', async () => {
		const response = await call('/', { headers: { 'x-forwarded-proto': 'http' } });
		expect(response.headers.has('strict-transport-security')).toBe(false);
	});
});

describe('origin check on every state-changing request', () => {
	const rpc = '/rest/v1/rpc/list_assemblies';
	const json = (headers: Record<string, string>) =>
		call(rpc, {
			method: 'POST',
			body: '{}',
			headers: { 'content-type': 'application/json', ...headers }
		});

	it('refuses a cross-site JSON post to the RPC endpoint', async () => {
		expect((await json({ origin: EVIL })).status).toBe(403);
		expect((await json({ origin: EVIL, apikey: 'anon' })).status).toBe(403);
		expect((await json({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
		// Neither from a browser (no Origin) nor from an API client (no apikey): refused.
		expect((await json({})).status).toBe(403);
	});

	it('lets the same origin and API clients with an apikey through', async () => {
		const same = await json({ origin, 'sec-fetch-site': 'same-origin' });
		expect(same.status).toBe(200);
		expect(Array.isArray(await same.json())).toBe(true);
		const client = await json({ apikey: 'anon-key' });
		expect(client.status).toBe(200);
	});

	it('refuses a cross-site form post', async () => {
		const response = await postForm('/log-ind?/sendCode', { email: MEMBER }, { origin: EVIL });
		expect(response.status).toBe(403);
		const noOrigin = await call('/log-ind?/sendCode', {
			method: 'POST',
			body: `email=${encodeURIComponent(MEMBER)}`,
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
		expect(noOrigin.status).toBe(403);
	});

	it('still accepts the RFC 8058 one-click unsubscribe from a mail provider', async () => {
		const response = await call('/abonnement/afmeld/et-klik?t=no-such-token', {
			method: 'POST',
			body: 'List-Unsubscribe=One-Click',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://mail.provider.example'
			}
		});
		// Through the origin check to the handler, which knows no such subscription.
		expect(response.status).toBe(404);
	});
});

describe('hearing links', () => {
	it('move the token into a cookie scoped to /hoering and land on a token-free address', async () => {
		const response = await call(`/hoering/${'ab'.repeat(32)}`);
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/hoering');
		expect(response.headers.get('referrer-policy')).toBe('no-referrer');
		const cookie = cookiesOf(response).find((line) => line.startsWith('samraad_hearing='));
		expect(cookie).toMatch(/Path=\/hoering/);
		expect(cookie).toMatch(/HttpOnly/);
		expect(cookie).toMatch(/Secure/);
		const page = await call('/hoering', { headers: { cookie: cookieHeader([cookie!]) } });
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('role="alert"'); // unknown link, said so
	});
});

describe('sign-in, registration and export limits (and what the logs keep)', () => {
	let session = '';

	it('signs in with a __Host- session cookie behind https', async () => {
		const asked = await postForm('/log-ind?/sendCode', { email: MEMBER });
		expect(asked.status).toBe(200);
		const code = /(\d{6})/.exec(latestMailTo(MEMBER).text)![1]!;
		const signedIn = await postForm('/log-ind?/verifyCode', { email: MEMBER, code });
		expect(signedIn.status).toBe(303);
		const cookie = cookiesOf(signedIn).find((line) => line.startsWith('__Host-samraad_session='));
		expect(cookie).toBeDefined();
		expect(cookie).toMatch(/; Path=\//);
		expect(cookie).toMatch(/; Secure/);
		expect(cookie).toMatch(/; HttpOnly/);
		expect(cookie).not.toMatch(/Domain=/i);
		session = cookieHeader([cookie!]);
	});

	it('refuses more sign-in codes per IP than the limit, beside the field, with Retry-After', async () => {
		// The limit is 3 per IP; one was used above. Different addresses: not the per-address limit.
		expect((await postForm('/log-ind?/sendCode', { email: 'a@example.dk' })).status).toBe(200);
		expect((await postForm('/log-ind?/sendCode', { email: 'b@example.dk' })).status).toBe(200);
		const refused = await postForm('/log-ind?/sendCode', { email: 'c@example.dk' });
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.text()).toContain('Der er bedt om for mange koder fra dette netværk');
		// X-Forwarded-For is not trusted without ADDRESS_HEADER: a spoofed one changes nothing.
		const spoofed = await postForm(
			'/log-ind?/sendCode',
			{ email: 'd@example.dk' },
			{ 'x-forwarded-for': '203.0.113.7' }
		);
		expect(spoofed.status).toBe(429);
	});

	it('refuses more registrations per IP than the limit, in English too', async () => {
		// A whole registration: the letter's code (hit 1), then the form (hit 2).
		const accepted = await postForm('/tilmeld', { code: LETTER_CODE });
		expect(accepted.status).toBe(303);
		const jar = cookieHeader(cookiesOf(accepted));
		const form = await (await call('/tilmeld/formular', { headers: { cookie: jar } })).text();
		const fields: Record<string, string> = {
			full_name: 'Sikker Testesen',
			email: REGISTRANT,
			phone: '',
			birth_year: '1980',
			address_line: 'Søndergade 12',
			postal_code: '8722',
			city: 'Hedensted',
			support_note: '',
			consent: 'on'
		};
		for (const tag of form.match(/<input\b[^>]*type="radio"[^>]*>/g) ?? []) {
			const name = /name="([^"]+)"/.exec(tag)![1]!;
			fields[name] ??= /value="([^"]+)"/.exec(tag)![1]!;
		}
		const registered = await postForm('/tilmeld/formular', fields, { cookie: jar });
		expect(registered.status).toBe(303);
		expect(registered.headers.get('location')).toBe('/tilmeld/tak');

		expect((await postForm('/tilmeld', { code: 'AAAAAAAAAAA' })).status).toBe(400); // hit 3
		const refused = await postForm('/tilmeld', { code: LETTER_CODE });
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.text()).toContain('Der er kommet for mange tilmeldinger');
		const english = await postForm(
			'/tilmeld',
			{ code: LETTER_CODE },
			{ cookie: 'PARAGLIDE_LOCALE=en' }
		);
		expect(english.status).toBe(429);
		expect(await english.text()).toContain('Too many registrations have come from this network');
	});

	it('refuses more exports per person than the limit', async () => {
		const download = () => call('/mine/persondata/eksport.json', { headers: { cookie: session } });
		expect((await download()).status).toBe(200);
		expect((await download()).status).toBe(200);
		const refused = await download();
		expect(refused.status).toBe(429);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		expect(await refused.text()).toContain('Du har hentet for mange filer');
	});

	it('writes no e-mail address, code or token to the server log', async () => {
		// The letter's link once more, over the limit: the code is in the address, not in the log.
		await call(`/tilmeld?kode=${LETTER_CODE}`);
		const log = logs.join('');
		expect(log).toContain('Samråd: database target embedded'); // the log was captured
		for (const secret of [MEMBER, REGISTRANT, 'a@example.dk', LETTER_CODE, 'Sikker Testesen'])
			expect(log).not.toContain(secret);
		expect(log).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
		expect(log).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
	});
});
