import { afterAll, describe, expect, it } from 'vitest';
import { lettersDocument, makeLetters } from '$lib/recruitment/letters';
import { closePdfBrowser, htmlToPdf } from './pdf';

const text = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1');
/** Pages in the PDF: every page object is `/Type /Page` (the tree is `/Type /Pages`). */
const pageCount = (pdf: Uint8Array) => text(pdf).match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;

afterAll(() => closePdfBrowser());

describe('htmlToPdf', () => {
	it('prints the invitation letters one per A4 page', async () => {
		const letters = await makeLetters(
			['9P3SBFUVZRU', 'WF3AXN2BL85', '6VYXMY854YK'].map((code, i) => ({
				code,
				recipient_name: 'Beboeren',
				address_line: `Søndergade ${i + 1}`,
				postal_code: '8722',
				city: 'Hedensted'
			})),
			'https://samraad.example.dk'
		);
		const html = lettersDocument(
			letters,
			{
				title: 'Borgersamling om fremtidens dagtilbud',
				municipality: 'Hedensted Kommune',
				registration_closes_on: '2027-02-01'
			},
			'samraad.example.dk/tilmeld'
		);
		expect(html).toContain('9P3S-BFUV-ZRU');
		expect(html).toContain('https://samraad.example.dk/tilmeld?kode=WF3AXN2BL85');
		expect(html).toContain('<svg');

		const pdf = await htmlToPdf(html, { title: 'Invitationer' });
		expect(text(pdf.subarray(0, 5))).toBe('%PDF-');
		expect(pageCount(pdf)).toBe(3);
		// A4 is 595 × 842 points (Chromium's are off by a fraction).
		expect(text(pdf)).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
		expect(text(pdf)).toContain('/Title (Invitationer)');
	});

	it('loads nothing from the network', async () => {
		const requested: string[] = [];
		const { createServer } = await import('node:http');
		const server = createServer((request, response) => {
			requested.push(request.url ?? '');
			response.end('x');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as { port: number };
		try {
			const pdf = await htmlToPdf(
				`<!doctype html><html><body><p>Hej</p><img src="http://127.0.0.1:${port}/tracker.png" alt="" /><link rel="stylesheet" href="http://127.0.0.1:${port}/style.css" /></body></html>`
			);
			expect(pageCount(pdf)).toBe(1);
			expect(requested).toEqual([]);
		} finally {
			server.close();
		}
	});
});
