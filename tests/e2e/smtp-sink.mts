/**
 * A real SMTP server for the end-to-end tests: the app sends its mails here over SMTP (nodemailer,
 * `SMTP_URL`), and each message is written to MAIL_DIR as <n>.eml for the tests to read.
 *   tsx tests/e2e/smtp-sink.mts   (env SMTP_PORT, MAIL_DIR)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const port = Number(process.env.SMTP_PORT ?? 2525);
const dir = process.env.MAIL_DIR ?? '/tmp/samraad-e2e-mail';
mkdirSync(dir, { recursive: true });
let count = 0;

const server = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	onData(stream, session, callback) {
		const chunks: Buffer[] = [];
		stream.on('data', (chunk: Buffer) => chunks.push(chunk));
		stream.on('end', () => {
			const to = session.envelope.rcptTo.map((r) => r.address).join(',');
			const file = join(dir, `${Date.now()}-${++count}.eml`);
			writeFileSync(file, `X-Envelope-To: ${to}\r\n${Buffer.concat(chunks).toString('utf8')}`);
			callback();
		});
	}
});
server.listen(port, '127.0.0.1', () => console.log(`SMTP sink on ${port}, writing to ${dir}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
