import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { m } from '$lib/paraglide/messages.js';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { authFor } from '$lib/server/auth/port';
import { queueResponseReminders } from '$lib/server/council';
import { startDeliberationDigests } from '$lib/server/deliberation-digest-job';
import { dispatchMail } from '$lib/server/mail/outbox';
import { hitLimit, isExport } from '$lib/server/rate-limit';
import { startRuntime, stopRuntime, supabaseFor } from '$lib/server/runtime';
import { runRetentionNow } from '$lib/server/trust/scheduled';
import { scheduleRetention } from '$lib/server/trust/retention';
import { checkOrigin, describeError, redact, setSecurityHeaders } from '$lib/server/web-security';

export const init: ServerInit = async () => {
	const rt = await startRuntime({ ...env, ...publicEnv });
	console.log(`Samråd: database target ${rt.target}${rt.demo ? ' with the demo assembly' : ''}`);
	// Mail that committed transactions queued: sent now and every minute (retries included).
	const outbox = setInterval(() => void dispatchMail(), 60_000);
	outbox.unref();
	void dispatchMail();
	const digests = startDeliberationDigests();
	// Personal data whose retention has expired: deleted a minute after start and then daily.
	const stopRetention = scheduleRetention(runRetentionNow);
	// The secretariat's reminders of the council's due dates: checked hourly, each sent once.
	const remind = () =>
		queueResponseReminders(env.ORIGIN ?? 'http://localhost:3000')
			.then((queued) => (queued > 0 ? dispatchMail() : 0))
			.catch((error: unknown) => {
				console.error('Samråd: response reminders failed:', describeError(error));
			});
	const reminders = setInterval(() => void remind(), 3_600_000);
	reminders.unref();
	void remind();
	process.once('sveltekit:shutdown', () => {
		clearInterval(outbox);
		clearInterval(reminders);
		clearInterval(digests);
		stopRetention();
		void stopRuntime();
	});
};

/**
 * Refuses state-changing requests from other sites, for every content type: SvelteKit's own check
 * (off in svelte.config.js) covers only forms and cannot make the one-click unsubscribe exception.
 */
const origin: Handle = ({ event, resolve }) => {
	const verdict = checkOrigin(event.request, event.url);
	if (!verdict.ok) return new Response(verdict.reason, { status: 403 });
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		});
	});

const session: Handle = async ({ event, resolve }) => {
	event.locals.auth = authFor(event);
	event.locals.session = await event.locals.auth.session();
	event.locals.supabase = supabaseFor(event.locals.session?.accessToken ?? null, event.url.origin);
	const response = await resolve(event, {
		filterSerializedResponseHeaders: (name) =>
			name === 'content-range' || name === 'x-supabase-api-version'
	});
	setSecurityHeaders(response.headers, event.url);
	return response;
};

/** CSV, JSON and PDF downloads: at most so many per person in a window (rate-limit.ts). */
const exports: Handle = async ({ event, resolve }) => {
	if (event.locals.session && isExport(event.route.id)) {
		const limited = await hitLimit('export_person', event.locals.session.userId);
		if (!limited.ok) {
			return new Response(m.rate_limited_export({ minutes: limited.minutes }), {
				status: 429,
				headers: {
					'retry-after': String(limited.retryAfterSeconds),
					'content-type': 'text/plain; charset=utf-8'
				}
			});
		}
	}
	return resolve(event);
};

export const handle = sequence(origin, i18n, session, exports);

/**
 * Unexpected errors are logged without the personal data or secrets their messages may quote
 * (a constraint's key, a recipient, a token in the address). Not-found is not an error worth a line.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		console.error(
			`Samråd: ${event.request.method} ${redact(event.url.pathname)} failed (${status}):`,
			describeError(error)
		);
	}
	return { message: status === 404 ? 'Not Found' : 'Internal Error' };
};
