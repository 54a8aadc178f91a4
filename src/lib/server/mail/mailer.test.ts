import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, readOutbox } from './mailer';

describe('mailer over SMTP', () => {
	const received: { to: string[]; raw: string }[] = [];
	let server: SMTPServer;
	let port: number;

	beforeAll(async () => {
		server = new SMTPServer({
			authOptional: true,
			disabledCommands: ['STARTTLS'],
			onData(stream, session, callback) {
				let raw = '';
				stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
				stream.on('end', () => {
					received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
					callback();
				});
			}
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

	it('delivers to the SMTP server with the configured sender', async () => {
		const mailer = createMailer({
			smtpUrl: `smtp://127.0.0.1:${port}`,
			from: 'Samråd <noreply@kommune.dk>',
			outboxDir: '/nonexistent',
			production: true
		});
		expect(mailer.outboxDir).toBeNull();
		await mailer.send({ to: 'borger@example.dk', subject: 'Din kode: 123456', text: 'Hej' });
		expect(received).toHaveLength(1);
		expect(received[0]!.to).toEqual(['borger@example.dk']);
		expect(received[0]!.raw).toContain('From: =?UTF-8?Q?Samr=C3=A5d?= <noreply@kommune.dk>');
		expect(received[0]!.raw).toContain('Subject: Din kode: 123456');
	});
});

describe('mailer without SMTP', () => {
	it('keeps mails in the dev outbox, newest first, outside production', async () => {
		const dir = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox');
		const mailer = createMailer({ from: 'x@y.dk', outboxDir: dir, production: false });
		await mailer.send({ to: 'a@example.dk', subject: 'Første', text: '1' });
		await mailer.send({ to: 'b@example.dk', subject: 'Anden', text: '2' });
		expect(readOutbox(dir).map((mail) => mail.subject)).toEqual(['Anden', 'Første']);
	});

	it('refuses to send in production rather than lose the mail', async () => {
		const mailer = createMailer({ from: 'x@y.dk', outboxDir: '/tmp/never', production: true });
		expect(mailer.outboxDir).toBeNull();
		await expect(mailer.send({ to: 'a@example.dk', subject: 's', text: 't' })).rejects.toThrow(
			/SMTP_URL/
		);
	});
});
