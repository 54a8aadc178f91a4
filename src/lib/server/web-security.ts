/**
 * The web's own defences, in one place: which requests that change state are refused as
 * cross-site, and which security headers every response carries. The Content Security Policy
 * itself is SvelteKit's (`kit.csp` in svelte.config.js), because only SvelteKit knows the nonce of
 * the scripts it writes into a page.
 */

/** Where mail programs POST a one-click unsubscribe (RFC 8058), from their own servers. */
export const ONE_CLICK_UNSUBSCRIBE = '/abonnement/afmeld/et-klik';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type OriginVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Whether a request may change state, judged by where it comes from. SvelteKit's own check (off in
 * svelte.config.js) covers only form posts; this covers every method and content type:
 *
 * - GET, HEAD and OPTIONS change nothing and pass.
 * - The one-click unsubscribe passes: mail programs POST it from their servers, and it carries
 *   its own secret token and changes nothing else.
 * - A browser marks a cross-site request with `Sec-Fetch-Site: cross-site` and always sends
 *   `Origin` on a cross-site POST: either one, if foreign, is refused.
 * - Without `Origin` (a form post without one is refused, as SvelteKit does), a request passes
 *   only as an API caller with an `apikey` or `Authorization` header: supabase-js always sends
 *   `apikey`, and a browser cannot add either header cross-site without a CORS preflight, which
 *   this app never answers.
 */
export function checkOrigin(request: Request, url: URL): OriginVerdict {
	if (!STATE_CHANGING.has(request.method)) return { ok: true };
	if (url.pathname === ONE_CLICK_UNSUBSCRIBE && request.method === 'POST') return { ok: true };
	const refuse = (reason: string): OriginVerdict => ({
		ok: false,
		reason: `Cross-site ${request.method} requests are forbidden (${reason})`
	});
	if (request.headers.get('sec-fetch-site') === 'cross-site') return refuse('Sec-Fetch-Site');
	const origin = request.headers.get('origin');
	if (origin !== null) return origin === url.origin ? { ok: true } : refuse('Origin');
	if (request.headers.has('apikey') || request.headers.has('authorization')) return { ok: true };
	return refuse('no Origin and no apikey');
}

/** Browser features the app never uses, switched off for every page and anything it embeds. */
export const PERMISSIONS_POLICY = [
	'accelerometer=()',
	'autoplay=()',
	'camera=()',
	'display-capture=()',
	'geolocation=()',
	'gyroscope=()',
	'magnetometer=()',
	'microphone=()',
	'midi=()',
	'payment=()',
	'usb=()',
	'interest-cohort=()'
].join(', ');

/** Query parameters that carry a secret: sign-in and answer links, subscriptions, letter codes. */
const SECRET_PARAMS = ['t', 'token', 'kode'];

/**
 * Whether an address carries a secret: a hearing or calendar token in the path, or a link token
 * or letter code in the query. Such pages send no Referer at all, so the secret cannot leak to
 * another site through a link on the page.
 */
export function carriesSecret(url: URL): boolean {
	return (
		/^\/(hoering|kalender)\/./.test(url.pathname) ||
		SECRET_PARAMS.some((name) => url.searchParams.has(name))
	);
}

/** Two years, the preload list's minimum being one. */
const HSTS = 'max-age=63072000; includeSubDomains';

/**
 * Sets the security headers on a response. An address that carries a secret gets
 * `Referrer-Policy: no-referrer`; a route that set its own Referrer-Policy keeps it. HSTS only over https: sent over plain
 * http it means nothing, and on localhost it would pin the developer's browser.
 */
export function setSecurityHeaders(headers: Headers, url: URL): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('x-frame-options', 'DENY');
	if (carriesSecret(url)) headers.set('referrer-policy', 'no-referrer');
	else if (!headers.has('referrer-policy'))
		headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	headers.set('cross-origin-opener-policy', 'same-origin');
	if (url.protocol === 'https:') headers.set('strict-transport-security', HSTS);
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Query parameters and path segments that carry a secret: sign-in links, personal links, feeds. */
const SECRET_PARAM =
	/([?&](?:t|token|kode|code|key|apikey|access_token|refresh_token)=)[^&#\s"']+/gi;
const SECRET_PATH = /(\/(?:hoering|kalender|log-ind\/link)\/)[A-Za-z0-9_-]{16,}/g;
const BEARER = /(bearer\s+)[A-Za-z0-9._~+/-]+=*/gi;
const JWT = /\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g;

/**
 * A text fit for a log line: e-mail addresses, bearer tokens, JWTs and the secrets in links are
 * replaced. Error messages from the database, the mail server or a library may quote the input
 * that caused them; the logs must not keep it.
 */
export function redact(text: string): string {
	return text
		.replace(EMAIL, '[e-mail]')
		.replace(JWT, '[token]')
		.replace(BEARER, '$1[token]')
		.replace(SECRET_PARAM, '$1[secret]')
		.replace(SECRET_PATH, '$1[secret]');
}

/** The message of something thrown, redacted, for `console.error`. */
export function describeError(error: unknown): string {
	if (error instanceof Error) return redact(`${error.name}: ${error.message}`);
	return redact(String(error));
}
