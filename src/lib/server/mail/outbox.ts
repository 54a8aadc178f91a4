import { formatSessionTime } from '$lib/format';
import { api, unwrap } from '../api';
import { runtime, supabaseFor } from '../runtime';
import { describeError } from '../web-security';
import { composeCouncilMail } from './council-mails';
import { composeDeliberationDigest, type DeliberationDigest } from './deliberation-digest';
import type { Mail } from './mailer';

/** A mail a committed transaction put in app.mail_outbox, as the dispatcher claims it. */
export interface QueuedMail {
	id: string;
	email: string | null;
	full_name: string;
	kind:
		'material_digest' | 'response_round_published' | 'response_reminder' | 'deliberation_digest';
	payload: Record<string, unknown>;
}

interface MaterialDigest {
	assembly_id: string;
	assembly_title: string;
	session_id: string;
	session_title: string;
	starts_at: string;
	ends_at: string;
	items: string[];
}

/** The text of one queued mail. Danish first, with the English beneath, as the platform's mails are. */
export function composeMail(mail: QueuedMail, origin: string): Mail | null {
	if (!mail.email) return null;
	if (mail.kind === 'deliberation_digest') {
		return composeDeliberationDigest(
			mail.email,
			mail.full_name,
			mail.payload as unknown as DeliberationDigest,
			origin
		);
	}
	if (mail.kind !== 'material_digest') return composeCouncilMail(mail, origin);
	const digest = mail.payload as unknown as MaterialDigest;
	const link = `${origin}/mine/${digest.assembly_id}/moeder/${digest.session_id}`;
	const when = formatSessionTime(digest.starts_at, digest.ends_at, 'da');
	const items = digest.items.map((title) => `  • ${title}`).join('\n');
	return {
		to: mail.email,
		subject: `Nyt materiale til mødet «${digest.session_title}»`,
		text: [
			`Kære ${mail.full_name}`,
			'',
			`Der er nyt materiale til mødet «${digest.session_title}» ${when} i ${digest.assembly_title}.`,
			'Alle i panelet får det på samme tid:',
			'',
			items,
			'',
			`Læs det her: ${link}`,
			'',
			'—',
			`New material for the session “${digest.session_title}” (${formatSessionTime(digest.starts_at, digest.ends_at, 'en')}): ${link}`
		].join('\n')
	};
}

let running: Promise<number> = Promise.resolve(0);
let knownOrigin = process.env.ORIGIN ?? 'http://localhost:3000';

/**
 * Sends what the outbox holds, in batches, one dispatcher at a time in this process (claiming
 * with SKIP LOCKED keeps several processes apart). A failed send is retried later, up to five times.
 * Logs counts only, never addresses.
 */
export function dispatchMail(origin?: string): Promise<number> {
	if (origin) knownOrigin = origin;
	running = running
		.then(() => dispatchBatches(knownOrigin))
		.catch((error: unknown) => {
			// An SMTP refusal can quote the recipient's address.
			console.error('Samråd: mail dispatch failed:', describeError(error));
			return 0;
		});
	return running;
}

async function dispatchBatches(origin: string): Promise<number> {
	const rt = runtime();
	const service = supabaseFor(rt.serviceKey, origin);
	let sent = 0;
	for (;;) {
		const batch: QueuedMail[] = unwrap(await api(service).rpc('claim_mail', { batch: 50 }));
		if (batch.length === 0) return sent;
		for (const queued of batch) {
			let failure: string | null = null;
			try {
				const mail = composeMail(queued, origin);
				if (mail) await rt.mailer.send(mail);
			} catch (error) {
				failure = (error as Error).message;
			}
			unwrap(await api(service).rpc('mark_mail', { mail_id: queued.id, failure }));
			if (!failure) sent += 1;
		}
	}
}
