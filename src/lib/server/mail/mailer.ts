import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface Mail {
	to: string;
	subject: string;
	text: string;
	html?: string;
	/** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
	headers?: Record<string, string>;
}

export interface Mailer {
	send(mail: Mail): Promise<void>;
	/** Where mails went when there is no SMTP server: the dev outbox, else null. */
	readonly outboxDir: string | null;
}

export interface OutboxMail extends Mail {
	id: string;
	sentAt: string;
}

/** Sends in this process so far: orders the dev outbox within one millisecond. */
let sequence = 0;

/**
 * Mail through SMTP (`SMTP_URL`, e.g. `smtp://user:pass@host:587`) when configured. Without it, and
 * only outside production, mails are written as files to an outbox directory that the dev outbox
 * page shows. In production without SMTP, sending fails loudly rather than losing mail.
 */
export function createMailer(options: {
	smtpUrl?: string;
	from: string;
	outboxDir: string;
	production: boolean;
}): Mailer {
	if (options.smtpUrl) {
		const transport = nodemailer.createTransport(options.smtpUrl);
		return {
			outboxDir: null,
			async send(mail) {
				await transport.sendMail({ from: options.from, ...mail });
			}
		};
	}
	if (options.production) {
		return {
			outboxDir: null,
			async send() {
				throw new Error('No SMTP_URL is configured, and the dev outbox is off in production.');
			}
		};
	}
	return {
		outboxDir: options.outboxDir,
		async send(mail) {
			mkdirSync(options.outboxDir, { recursive: true });
			const sentAt = new Date().toISOString();
			// The counter keeps two mails of the same millisecond in the order they were sent.
			sequence += 1;
			const id = `${sentAt.replace(/[:.]/g, '-')}-${String(sequence).padStart(9, '0')}-${crypto.randomUUID().slice(0, 8)}`;
			const stored: OutboxMail = { id, sentAt, ...mail };
			writeFileSync(join(options.outboxDir, `${id}.json`), JSON.stringify(stored, null, 2));
		}
	};
}

/** The newest mails of the dev outbox first. */
export function readOutbox(outboxDir: string, limit = 50): OutboxMail[] {
	let files: string[];
	try {
		files = readdirSync(outboxDir).filter((file) => file.endsWith('.json'));
	} catch {
		return [];
	}
	return files
		.sort()
		.reverse()
		.slice(0, limit)
		.map((file) => JSON.parse(readFileSync(join(outboxDir, file), 'utf8')) as OutboxMail);
}
