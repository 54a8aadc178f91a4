import { error } from '@sveltejs/kit';
import { readOutbox } from '$lib/server/mail/mailer';
import { runtime } from '$lib/server/runtime';
import type { PageServerLoad } from './$types';

// Only exists while mails go to the outbox: no SMTP_URL and not production.
export const load = (({ setHeaders }) => {
	const dir = runtime().mailer.outboxDir;
	if (!dir) error(404, { message: 'Not found' });
	setHeaders({ 'cache-control': 'no-store' });
	return { mails: readOutbox(dir) };
}) satisfies PageServerLoad;
