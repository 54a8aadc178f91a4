import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { authFor } from '$lib/server/auth/port';
import { queueResponseReminders } from '$lib/server/council';
import { startDeliberationDigests } from '$lib/server/deliberation-digest-job';
import { dispatchMail } from '$lib/server/mail/outbox';
import { startRuntime, stopRuntime, supabaseFor } from '$lib/server/runtime';
import { runRetentionNow } from '$lib/server/trust/scheduled';
import { scheduleRetention } from '$lib/server/trust/retention';

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
				console.error('Samråd: response reminders failed:', (error as Error).message);
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

/** Where mail programs POST a one-click unsubscribe (RFC 8058), from their own servers. */
const ONE_CLICK_UNSUBSCRIBE = '/abonnement/afmeld/et-klik';
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * SvelteKit's cross-site form check (switched off in svelte.config.js), kept for every address
 * but the one-click unsubscribe, which carries its own secret token and changes nothing else.
 */
const csrf: Handle = ({ event, resolve }) => {
	const { request, url } = event;
	const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
	if (
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(request.method) &&
		FORM_TYPES.includes(type) &&
		request.headers.get('origin') !== url.origin &&
		url.pathname !== ONE_CLICK_UNSUBSCRIBE
	) {
		return new Response(`Cross-site ${request.method} form submissions are forbidden`, {
			status: 403
		});
	}
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
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('x-frame-options', 'DENY');
	response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	return response;
};

export const handle = sequence(csrf, i18n, session);
