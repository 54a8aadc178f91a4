import { errors as joseErrors, jwtVerify } from 'jose';
import type { Database } from '../db/types';
import { isPgError, sqlLiteral } from '../db/types';
import { callSql, loadCatalog, resolve, type RpcFunction } from './catalog';
import { errorResponse, statusForSqlState } from './errors';

export interface RpcEndpointOptions {
	db: Database;
	/** The HS256 secret that signs every JWT this endpoint accepts. */
	jwtSecret: string;
	/** Exposed schemas; the first is the default (PostgREST's `db-schemas`). */
	schemas?: string[];
}

const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

type Claims = Record<string, unknown> & { role: string };

/** What the endpoint reads of a request: a Request has it, and so does `localRequest`. */
export interface RpcRequest {
	readonly method: string;
	readonly url: string;
	readonly headers: Headers;
	text(): Promise<string>;
}

/**
 * A call from this process's supabase-js (its fetch's arguments) as the endpoint reads it, without
 * building a Request: in-process calls are most of the server's, and a Request (with its body
 * stream) costs more than the rest of the endpoint's work for a small call.
 */
export function localRequest(input: RequestInfo | URL, init?: RequestInit): RpcRequest {
	if (input instanceof Request) return input;
	const body = init?.body;
	return {
		method: init?.method ?? 'GET',
		url: String(input),
		headers: new Headers(init?.headers),
		text: async () =>
			body === undefined || body === null
				? ''
				: typeof body === 'string'
					? body
					: new Response(body).text()
	};
}

/**
 * Serves PostgREST's RPC contract (`/rest/v1/rpc/:fn`) over the embedded or PostgreSQL database, so
 * supabase-js works unchanged on every target. See ARCHITECTURE.md for the contract.
 */
export function createRpcEndpoint({ db, jwtSecret, schemas = ['api'] }: RpcEndpointOptions) {
	const key = new TextEncoder().encode(jwtSecret);
	// Tokens whose signature was already verified, with their expiry: a page load makes several
	// calls with one token, and verifying each costs an HMAC through WebCrypto. A hit is used only
	// until the token's own expiry; the oldest entries make way past a few thousand.
	const verified = new Map<string, { claims: Claims; expiresAt: number }>();
	const VERIFIED_MAX = 5000;
	const catalogs = new Map<string, Map<string, RpcFunction[]>>();

	async function candidates(schema: string, name: string, reload: boolean) {
		if (reload || !catalogs.has(schema)) catalogs.set(schema, await loadCatalog(db, schema));
		return catalogs.get(schema)!.get(name) ?? [];
	}

	async function claimsOf(request: RpcRequest): Promise<Claims | Response> {
		const header = request.headers.get('authorization');
		if (!header) return { role: 'anon' };
		const token = /^Bearer\s+(.+)$/i.exec(header)?.[1];
		if (!token) {
			return errorResponse(401, {
				code: 'PGRST301',
				message: 'Expected a Bearer token in the Authorization header',
				details: null,
				hint: null
			});
		}
		const known = verified.get(token);
		if (known && known.expiresAt > Date.now()) return known.claims;
		try {
			const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'] });
			const role = typeof payload.role === 'string' ? payload.role : 'anon';
			if (!ROLES.has(role)) {
				return errorResponse(401, {
					code: 'PGRST301',
					message: `JWT role "${role}" is not allowed`,
					details: null,
					hint: null
				});
			}
			const claims: Claims = { ...payload, role };
			if (typeof payload.exp === 'number') {
				if (verified.size >= VERIFIED_MAX) verified.delete(verified.keys().next().value!);
				verified.set(token, { claims, expiresAt: payload.exp * 1000 });
			}
			return claims;
		} catch (error) {
			const expired = error instanceof joseErrors.JWTExpired;
			return errorResponse(
				401,
				{
					code: expired ? 'PGRST303' : 'PGRST301',
					message: expired ? 'JWT expired' : 'JWT could not be verified',
					details: null,
					hint: null
				},
				{ 'www-authenticate': `Bearer error="invalid_token"` }
			);
		}
	}

	async function handle(request: RpcRequest, fnName: string): Promise<Response> {
		const method = request.method.toUpperCase();
		if (method !== 'GET' && method !== 'POST' && method !== 'HEAD') {
			return errorResponse(405, {
				code: 'PGRST101',
				message: 'For functions, only GET and POST verbs are allowed',
				details: null,
				hint: null
			});
		}
		const readOnly = method !== 'POST';
		const schema =
			request.headers.get(readOnly ? 'accept-profile' : 'content-profile') ?? schemas[0]!;
		if (!schemas.includes(schema)) {
			return errorResponse(406, {
				code: 'PGRST106',
				message: `Invalid schema: ${schema}`,
				details: null,
				hint: `Only the following schemas are exposed: ${schemas.join(', ')}`
			});
		}

		const claims = await claimsOf(request);
		if (claims instanceof Response) return claims;
		const url = new URL(request.url);

		let args: Record<string, unknown>;
		if (readOnly) {
			args = Object.fromEntries(url.searchParams);
		} else {
			// supabase-js puts filters and modifiers (.eq, .limit, select=) in the query string; this
			// endpoint serves plain calls only, so it says so rather than return unfiltered rows.
			if (url.searchParams.size > 0) {
				return errorResponse(400, {
					code: 'PGRST100',
					message: 'Filters, ordering and column selection on function results are not supported',
					details: [...url.searchParams.keys()].join(', '),
					hint: 'Filter inside the SQL function instead.'
				});
			}
			const text = await request.text();
			try {
				args = text.trim() === '' ? {} : JSON.parse(text);
			} catch {
				return errorResponse(400, {
					code: 'PGRST102',
					message: 'Empty or invalid json',
					details: null,
					hint: null
				});
			}
			if (typeof args !== 'object' || args === null || Array.isArray(args)) {
				return errorResponse(400, {
					code: 'PGRST102',
					message: 'Expected a JSON object of named arguments',
					details: null,
					hint: null
				});
			}
		}

		const keys = Object.keys(args);
		const fn =
			resolve(await candidates(schema, fnName, false), keys) ??
			resolve(await candidates(schema, fnName, true), keys);
		if (!fn) {
			return errorResponse(404, {
				code: 'PGRST202',
				message: `Could not find the function ${schema}.${fnName}(${keys.sort().join(', ')}) in the schema cache`,
				details: `Searched for the function ${schema}.${fnName} with parameters ${keys.join(', ') || 'none'}, but no matches were found in the schema cache.`,
				hint: null
			});
		}

		try {
			// One round trip: the caller's role and claims, local to the call's implicit transaction,
			// then the call; the values go in as literals (sqlLiteral), not as parameters.
			const settings = [
				...(readOnly ? [`set_config('transaction_read_only', 'on', true)`] : []),
				`set_config('role', ${sqlLiteral(claims.role)}, true)`,
				`set_config('request.jwt.claims', ${sqlLiteral(JSON.stringify(claims))}, true)`,
				`set_config('request.method', ${sqlLiteral(method)}, true)`,
				`set_config('request.path', ${sqlLiteral(url.pathname)}, true)`
			];
			const result = await db.script<{ body: string | null }>(
				`select ${settings.join(', ')};\n${callSql(fn, keys, sqlLiteral(JSON.stringify(args)))}`
			);
			const body = result.rows[0]?.body ?? null;
			if (fn.returns === 'void') return new Response(null, { status: 204 });
			// `.single()` asks for exactly one object (PostgREST's singular response).
			if (/application\/vnd\.pgrst\.object\+json/.test(request.headers.get('accept') ?? '')) {
				const parsed: unknown = JSON.parse(body ?? 'null');
				const rows = Array.isArray(parsed) ? parsed : [parsed];
				if (rows.length !== 1) {
					return errorResponse(406, {
						code: 'PGRST116',
						message: 'JSON object requested, multiple (or no) rows returned',
						details: `The result contains ${rows.length} rows`,
						hint: null
					});
				}
				return new Response(method === 'HEAD' ? null : JSON.stringify(rows[0]), {
					status: 200,
					headers: { 'content-type': 'application/vnd.pgrst.object+json; charset=utf-8' }
				});
			}
			return new Response(method === 'HEAD' ? null : (body ?? 'null'), {
				status: 200,
				headers: JSON_HEADERS
			});
		} catch (error) {
			if (!isPgError(error)) throw error;
			const code = error.code!;
			return errorResponse(statusForSqlState(code, claims.role === 'anon'), {
				code,
				message: error.message,
				details: error.detail ?? null,
				hint: error.hint ?? null
			});
		}
	}

	/** A fetch-shaped entry: routes `/rest/v1/rpc/:fn` to handle, anything else to a 404. */
	async function fetchLike(request: RpcRequest): Promise<Response> {
		const match = /^\/rest\/v1\/rpc\/([A-Za-z_][A-Za-z0-9_]*)$/.exec(new URL(request.url).pathname);
		if (!match) {
			return errorResponse(404, {
				code: 'PGRST125',
				message: 'Invalid path specified in request URL',
				details: null,
				hint: 'Only /rest/v1/rpc/:function is served by this endpoint.'
			});
		}
		return handle(request, match[1]!);
	}

	return {
		handle,
		fetch: fetchLike,
		/** Forgets the cached catalog, as PostgREST's schema reload does. */
		reload: () => catalogs.clear()
	};
}

export type RpcEndpoint = ReturnType<typeof createRpcEndpoint>;
