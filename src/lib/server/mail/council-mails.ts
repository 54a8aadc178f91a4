import { formatDate } from '$lib/format';
import type { Mail } from './mailer';
import type { QueuedMail } from './outbox';

/** The rounds as the mails name them, Danish and English. */
const ROUND_NAMES: Record<string, [string, string]> = {
	three_months: ['status efter 3 måneder', 'status after 3 months'],
	twelve_months: ['status efter 12 måneder', 'status after 12 months'],
	conclusion: ['afsluttende status', 'concluding status'],
	evaluation: ['status ved evalueringen', 'status at the evaluation']
};

const STATUS_NAMES: Record<string, string> = {
	followed: 'Fulgt',
	partly_followed: 'Delvist fulgt',
	not_followed: 'Ikke fulgt',
	pending: 'Under behandling'
};

interface RoundPayload {
	assembly_id: string;
	assembly_title: string;
	round_id: string;
	round_kind: string;
	due_on: string;
	counts?: Record<string, number>;
	audience?: 'member' | 'subscriber';
	unsubscribe_token?: string;
	reminder?: 'before_due' | 'overdue';
	days?: number;
}

/** The double opt-in mail: a link to a page with one button (so link scanners confirm nothing). */
export function subscriptionConfirmMail(
	to: string,
	assemblyTitle: string,
	token: string,
	origin: string
): Mail {
	const link = `${origin}/abonnement/bekraeft?t=${encodeURIComponent(token)}`;
	return {
		to,
		subject: `Bekræft: Byrådets svar til ${assemblyTitle}`,
		text: [
			`Nogen (forhåbentlig dig) har bedt om at få besked, når Byrådet offentliggør sine svar til «${assemblyTitle}».`,
			'',
			`Bekræft her inden for 7 dage: ${link}`,
			'',
			'Har du ikke bedt om det, så ignorer blot denne mail — så sker der ingenting.',
			'',
			'—',
			`Confirm that you want news of the council's responses to “${assemblyTitle}”: ${link}`
		].join('\n')
	};
}

/** The text of a queued council mail (a published round, or a reminder to the secretariat). */
export function composeCouncilMail(mail: QueuedMail, origin: string): Mail | null {
	if (!mail.email) return null;
	const p = mail.payload as unknown as RoundPayload;
	const [da, en] = ROUND_NAMES[p.round_kind] ?? [p.round_kind, p.round_kind];
	const page = `${origin}/borgersamling/${p.assembly_id}/opfoelgning`;
	if (mail.kind === 'response_reminder') {
		const overdue = p.reminder === 'overdue';
		return {
			to: mail.email,
			subject: overdue
				? `Overskredet: Byrådets ${da} til ${p.assembly_title}`
				: `Påmindelse: Byrådets ${da} skal offentliggøres senest ${formatDate(p.due_on, 'da')}`,
			text: [
				`Kære ${mail.full_name}`,
				'',
				overdue
					? `Fristen for Byrådets ${da} til «${p.assembly_title}» var ${formatDate(p.due_on, 'da')}. Den offentlige side viser nu, at svaret er forsinket.`
					: `Byrådets ${da} til «${p.assembly_title}» skal offentliggøres senest ${formatDate(p.due_on, 'da')} (om ${p.days} dage).`,
				'',
				`Skriv og offentliggør svarene her: ${origin}/mine/${p.assembly_id}/byraad/svar`,
				'',
				'—',
				overdue
					? `The council's ${en} was due on ${formatDate(p.due_on, 'en')}.`
					: `The council's ${en} is due on ${formatDate(p.due_on, 'en')}.`
			].join('\n')
		};
	}
	const counts = Object.entries(p.counts ?? {})
		.map(([status, n]) => `  • ${STATUS_NAMES[status] ?? status}: ${n}`)
		.join('\n');
	const lines = [
		mail.full_name ? `Kære ${mail.full_name}` : 'Hej',
		'',
		`Byrådet har offentliggjort sin ${da} til borgersamlingens anbefalinger i «${p.assembly_title}»:`,
		'',
		counts,
		'',
		`Læs hvert svar, begrundelsen og den beslutning, det hviler på: ${page}`,
		'',
		'—',
		`The council has published its ${en} to the recommendations of “${p.assembly_title}”: ${page}`
	];
	if (p.audience === 'subscriber' && p.unsubscribe_token) {
		const token = encodeURIComponent(p.unsubscribe_token);
		const unsubscribe = `${origin}/abonnement/afmeld?t=${token}`;
		lines.push('', `Afmeld (unsubscribe): ${unsubscribe}`);
		return {
			to: mail.email,
			subject: `Byrådets ${da}: ${p.assembly_title}`,
			text: lines.join('\n'),
			// RFC 8058: mail programs offer "unsubscribe" and POST to the one-click address.
			headers: {
				'List-Unsubscribe': `<${origin}/abonnement/afmeld/et-klik?t=${token}>`,
				'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
			}
		};
	}
	return { to: mail.email, subject: `Byrådets ${da}: ${p.assembly_title}`, text: lines.join('\n') };
}
