import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { createServerClient } from '@supabase/ssr';
import { runtime } from '../runtime';
import { LIMITS, normaliseEmail, type VerifyResult } from './local';

/** The signed-in person as the app sees them, the same from either adapter. */
export interface Session {
	userId: string;
	email: string;
	accessToken: string;
	appMetadata: Record<string, unknown>;
}

export type SignInFailure = Extract<VerifyResult, { ok: false }>['reason'];

/** What a sign-in mail says; composed by the caller in the person's language. */
export type ComposeMail = (input: { code: string; link: string; minutes: number }) => {
	subject: string;
	text: string;
};

/**
 * The auth port: one interface, two adapters (local for the embedded and PostgreSQL targets,
 * Supabase Auth for the hosted target), both yielding the same claims.
 */
export interface AuthPort {
	/** Sends a code and a personal link to the address, if anyone by that address may sign in. */
	requestCode(
		email: string,
		compose: ComposeMail
	): Promise<{ ok: true } | { ok: false; reason: 'rate_limited' }>;
	verifyCode(
		email: string,
		code: string
	): Promise<{ ok: true } | { ok: false; reason: SignInFailure; attemptsLeft?: number }>;
	exchangeLink(token: string): Promise<{ ok: true } | { ok: false; reason: SignInFailure }>;
	/** The current session, renewed if needed; null when signed out. */
	session(): Promise<Session | null>;
	signOut(): Promise<void>;
}

const cookieName = (url: URL) =>
	url.protocol === 'https:' ? '__Host-samraad_session' : 'samraad_session';

function setSessionCookie(cookies: Cookies, url: URL, token: string) {
	cookies.set(cookieName(url), token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		maxAge: LIMITS.sessionIdleDays * 86_400
	});
}

function localAdapter(event: RequestEvent): AuthPort {
	const rt = runtime();
	const auth = rt.auth!;
	const { cookies, url } = event;
	return {
		async requestCode(email, compose) {
			const issued = await auth.issueCode(email);
			if (!issued.ok) return issued;
			if (issued.code !== null) {
				const link = new URL('/log-ind/link', url.origin);
				link.searchParams.set('t', issued.token);
				const mail = compose({
					code: issued.code,
					link: link.href,
					minutes: LIMITS.codeTtlMinutes
				});
				await rt.mailer.send({ to: normaliseEmail(email), ...mail });
			}
			return { ok: true };
		},
		async verifyCode(email, code) {
			const result = await auth.verifyCode(email, code);
			if (!result.ok) return result;
			setSessionCookie(cookies, url, result.accessToken);
			return { ok: true };
		},
		async exchangeLink(token) {
			const result = await auth.exchangeLink(token);
			if (!result.ok) return result;
			setSessionCookie(cookies, url, result.accessToken);
			return { ok: true };
		},
		async session() {
			const token = cookies.get(cookieName(url));
			if (!token) return null;
			const resumed = await auth.resume(token);
			if (!resumed) {
				cookies.delete(cookieName(url), { path: '/' });
				return null;
			}
			if (resumed.accessToken !== token) setSessionCookie(cookies, url, resumed.accessToken);
			return {
				userId: resumed.claims.sub,
				email: resumed.claims.email,
				accessToken: resumed.accessToken,
				appMetadata: resumed.claims.app_metadata
			};
		},
		async signOut() {
			const token = cookies.get(cookieName(url));
			if (token) await auth.signOut(token);
			cookies.delete(cookieName(url), { path: '/' });
		}
	};
}

/** Supabase Auth through @supabase/ssr: GoTrue sends the code and link mails (custom SMTP there). */
function supabaseAdapter(event: RequestEvent): AuthPort {
	const rt = runtime();
	const client = createServerClient(rt.supabaseUrl!, rt.anonKey, {
		cookies: {
			getAll: () => event.cookies.getAll(),
			setAll: (all) =>
				all.forEach(({ name, value, options }) =>
					event.cookies.set(name, value, { ...options, path: '/' })
				)
		}
	});
	const failure = (message: string): SignInFailure =>
		/expired/i.test(message) ? 'expired' : /rate|too many/i.test(message) ? 'locked' : 'invalid';
	return {
		async requestCode(email) {
			const { error } = await client.auth.signInWithOtp({
				email: normaliseEmail(email),
				options: {
					shouldCreateUser: false,
					emailRedirectTo: new URL('/log-ind/link', event.url.origin).href
				}
			});
			if (error?.status === 429) return { ok: false, reason: 'rate_limited' };
			// Unknown addresses are answered like known ones, so addresses cannot be probed.
			return { ok: true };
		},
		async verifyCode(email, code) {
			const { error } = await client.auth.verifyOtp({
				email: normaliseEmail(email),
				token: code,
				type: 'email'
			});
			return error ? { ok: false, reason: failure(error.message) } : { ok: true };
		},
		async exchangeLink(tokenHash) {
			const { error } = await client.auth.verifyOtp({ token_hash: tokenHash, type: 'email' });
			return error ? { ok: false, reason: failure(error.message) } : { ok: true };
		},
		async session() {
			const { data } = await client.auth.getClaims();
			const claims = data?.claims;
			if (!claims) return null;
			const { data: sessionData } = await client.auth.getSession();
			return {
				userId: claims.sub,
				email: String(claims.email ?? ''),
				accessToken: sessionData.session?.access_token ?? '',
				appMetadata: (claims.app_metadata as Record<string, unknown>) ?? {}
			};
		},
		async signOut() {
			await client.auth.signOut();
		}
	};
}

/** The auth port for this request, by the configured target. */
export function authFor(event: RequestEvent): AuthPort {
	return runtime().target === 'supabase' ? supabaseAdapter(event) : localAdapter(event);
}
