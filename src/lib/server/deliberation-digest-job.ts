import { queueDeliberationDigests } from './deliberation';
import { dispatchMail } from './mail/outbox';
import { describeError } from './web-security';

/**
 * The daily deliberation digest: every hour, queue the digests due (the database queues at most one
 * per member and day, so hourly runs — on any number of servers — never send a second) and send them.
 * Logs counts only.
 */
export function startDeliberationDigests(
	origin = process.env.ORIGIN ?? 'http://localhost:3000'
): NodeJS.Timeout {
	const run = async () => {
		try {
			const queued = await queueDeliberationDigests(origin);
			if (queued > 0) {
				console.log(`Samråd: ${queued} deliberation digest(s) queued`);
				await dispatchMail();
			}
		} catch (error) {
			console.error('Samråd: deliberation digest failed:', describeError(error));
		}
	};
	const timer = setInterval(() => void run(), 60 * 60_000);
	timer.unref();
	void run();
	return timer;
}
