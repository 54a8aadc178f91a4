import { formatDateTime } from '$lib/format';
import type { Mail } from './mailer';

/** The payload api.queue_deliberation_digests writes: newest first, at most 20 listed. */
export interface DeliberationDigest {
	assembly_id: string;
	assembly_title: string;
	post_count: number;
	posts: {
		thread_id: string;
		thread_title: string;
		stance: 'for' | 'against' | 'question';
		is_reply: boolean;
		excerpt: string;
		created_at: string;
	}[];
}

const STANCES = { for: 'For', against: 'Imod', question: 'Spørgsmål' } as const;

/**
 * The daily digest of new posts, newest first. Danish first, with a line of English beneath.
 * Null when there is nothing to say (the database never queues an empty one; this is the second guard).
 */
export function composeDeliberationDigest(
	to: string,
	fullName: string,
	digest: DeliberationDigest,
	origin: string
): Mail | null {
	if (digest.posts.length === 0) return null;
	const link = `${origin}/mine/${digest.assembly_id}/droeftelse`;
	const lines = digest.posts.map((post) => {
		const kind = post.is_reply ? 'Svar' : STANCES[post.stance];
		const excerpt = post.excerpt.replace(/\s+/g, ' ').trim();
		return [
			`• ${post.thread_title} – ${kind}, ${formatDateTime(post.created_at, 'da')}`,
			`  “${excerpt}”`,
			`  ${origin}/mine/${digest.assembly_id}/droeftelse/${post.thread_id}`
		].join('\n');
	});
	const more = digest.post_count - digest.posts.length;
	return {
		to,
		subject: `${digest.post_count} nye indlæg i drøftelserne – ${digest.assembly_title}`,
		text: [
			`Kære ${fullName}`,
			'',
			`Siden sidst er der skrevet ${digest.post_count} nye indlæg i drøftelserne i ${digest.assembly_title}. Det nyeste først:`,
			'',
			...lines,
			...(more > 0 ? ['', `… og ${more} mere.`] : []),
			'',
			`Læs og svar her: ${link}`,
			'Du kan slå den daglige opsamling fra på samme side.',
			'',
			'—',
			`${digest.post_count} new posts in the deliberation of ${digest.assembly_title}: ${link} (you can turn this daily digest off there).`
		].join('\n')
	};
}
