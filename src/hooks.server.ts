import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { env } from '$env/dynamic/private';
import { env as publicEnv } from '$env/dynamic/public';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { authFor } from '$lib/server/auth/port';
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
	process.once('sveltekit:shutdown', () => {
		clearInterval(outbox);
		clearInterval(digests);
		stopRetention();
		void stopRuntime();
	});
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

export const handle = sequence(i18n, session);
