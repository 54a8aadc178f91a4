/**
 * The invitation letters, as HTML: one `<article class="letter">` per unused code with the address,
 * the plain-Danish text, the code, the personal link and its QR code (inline SVG). One markup for
 * the letters page in the browser and for the PDF (`lettersDocument`), so what the administrator
 * sees is what is printed. Pure: no SvelteKit or database imports.
 */
import QRCode from 'qrcode';
import { formatCode } from './code';
import { formatDate } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';

/** The letters go to residents, so they are in Danish whatever language the administrator reads. */
const LOCALE = 'da';

export interface LetterAssembly {
	title: string;
	municipality: string;
	registration_closes_on: string | null;
}

export interface LetterRecipient {
	code: string;
	recipient_name: string | null;
	address_line: string | null;
	postal_code: string | null;
	city: string | null;
}

export interface Letter extends LetterRecipient {
	/** The code as printed: `XXXX-XXXX-XXX`. */
	display: string;
	/** The personal link, which fills in the code. */
	link: string;
	/** The link's QR code as an SVG element. */
	qr: string;
}

/** The short registration address printed in the letter text: `samraad.example.dk/tilmeld`. */
export function registerUrlOf(origin: string): string {
	return `${new URL(origin).host}/tilmeld`;
}

/** The data of each letter: printable code, personal link and its QR code. */
export async function makeLetters(
	recipients: LetterRecipient[],
	origin: string
): Promise<Letter[]> {
	return Promise.all(
		recipients.map(async (recipient) => {
			const link = `${origin}/tilmeld?kode=${recipient.code}`;
			return {
				...recipient,
				display: formatCode(recipient.code),
				link,
				qr: await QRCode.toString(link, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
			};
		})
	);
}

const escapeHtml = (value: string) =>
	value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');

const lines = (...parts: string[]) => parts.map(escapeHtml).join('<br />');

/** One letter as an `<article>`. `registerUrl` is the short address printed in the text. */
export function letterHtml(letter: Letter, assembly: LetterAssembly, registerUrl: string): string {
	const da = { locale: LOCALE } as const;
	const deadline = assembly.registration_closes_on
		? `<p><strong>${escapeHtml(
				m.letter_deadline({ date: formatDate(assembly.registration_closes_on, LOCALE) }, da)
			)}</strong></p>`
		: '';
	const label = `${letter.recipient_name ?? ''} ${letter.address_line ?? ''}`.trim();
	return `<article class="letter" lang="da"${label ? ` aria-label="${escapeHtml(label)}"` : ''}>
<p class="address">${lines(
		letter.recipient_name ?? '',
		letter.address_line ?? '',
		`${letter.postal_code ?? ''} ${letter.city ?? ''}`.trim()
	)}</p>
<h2>${escapeHtml(assembly.title)}</h2>
<p>${escapeHtml(m.letter_greeting({ name: letter.recipient_name ?? '' }, da))}</p>
<p>${escapeHtml(m.letter_body({ title: assembly.title }, da))}</p>
<h3>${escapeHtml(m.letter_how({}, da))}</h3>
<div class="how">
<ol>
<li>${escapeHtml(m.letter_step_web({ url: registerUrl, code: letter.display }, da))}</li>
<li>${escapeHtml(m.letter_step_qr({}, da))}</li>
<li>${escapeHtml(m.letter_step_phone({}, da))}</li>
</ol>
<div class="qr" role="img" aria-label="${escapeHtml(letter.link)}">${letter.qr}</div>
</div>
<p class="code">${escapeHtml(letter.display)}</p>
${deadline}
<p class="regards">${lines(...m.letter_regards({ municipality: assembly.municipality }, da).split('\n'))}</p>
</article>`;
}

/**
 * The letters' styles, for the page and the PDF alike: A4, one letter per printed page (the last
 * one without a break after it, so n letters are n pages).
 */
export const LETTER_CSS = `
@page { size: A4; margin: 20mm 22mm; }
.letter { max-width: 42rem; font-size: 1.05rem; line-height: 1.5; }
.letter .address { margin: 0 0 2.5rem; }
.letter h2 { font-size: 1.4rem; margin: 0 0 1rem; }
.letter h3 { font-size: 1.15rem; margin: 1.25rem 0 0.5rem; }
.letter .how { display: flex; gap: 1.5rem; align-items: flex-start; }
.letter .how ol { flex: 1; margin: 0; padding-left: 1.25rem; }
.letter .qr { width: 8rem; flex: none; }
.letter .qr svg { display: block; width: 100%; height: auto; }
.letter .code { font-size: 1.6rem; letter-spacing: 0.1em; font-family: ui-monospace, 'DejaVu Sans Mono', monospace; }
@media screen {
	.letter { margin: 2rem auto; padding: 2rem; border: 1px solid var(--line, #b8b8b8); }
}
@media print {
	.letter { margin: 0; padding: 0; border: none; break-after: page; page-break-after: always; }
	.letter:last-child { break-after: auto; page-break-after: auto; }
}
`;

/** A self-contained HTML document of the letters (no external resources), for printing to PDF. */
export function lettersDocument(
	letters: Letter[],
	assembly: LetterAssembly,
	registerUrl: string
): string {
	const title = `${m.recruitment_letters({}, { locale: LOCALE })} · ${assembly.title}`;
	return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8" />
<title>${escapeHtml(title)}</title>
<style>
body { margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; color: #111; background: #fff; }
${LETTER_CSS}
</style>
</head>
<body>
<main class="letters">
${
	letters.length === 0
		? `<p>${escapeHtml(m.recruitment_letters_none({}, { locale: LOCALE }))}</p>`
		: letters.map((letter) => letterHtml(letter, assembly, registerUrl)).join('\n')
}
</main>
</body>
</html>`;
}
