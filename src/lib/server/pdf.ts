/**
 * HTML to PDF with Chromium's own print (through playwright-core), for print-ready documents:
 * invitation letters now, the council's handover report later. The HTML must be self-contained:
 * the page gets no network (every request other than a data: URL is aborted) and no JavaScript.
 *
 * One browser per process, launched on first use and closed by `closePdfBrowser` on shutdown
 * (stopRuntime): starting Chromium takes about a second, a page in a running one a few ms.
 */
import { chromium, type Browser } from 'playwright-core';

export interface PdfOptions {
	/** The document title in the PDF's metadata; default: the HTML's `<title>`. */
	title?: string;
}

// Printing takes about 20 ms a page on two cores: 500 letters ≈ 10 s.
const TIMEOUT_MS = 120_000;

// The process-wide browser, like the database in runtime.ts: shared by every request.
let browser: Promise<Browser> | null = null;

function launch(): Promise<Browser> {
	const root = process.getuid?.() === 0;
	const launching = chromium
		.launch({
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			// Chromium refuses to start its sandbox as root (containers, CI).
			args: root ? ['--no-sandbox'] : [],
			timeout: TIMEOUT_MS
		})
		.then((launched) => {
			launched.on('disconnected', () => {
				if (browser === launching) browser = null;
			});
			return launched;
		});
	// A failed launch is not kept: the next call tries again.
	launching.catch(() => {
		if (browser === launching) browser = null;
	});
	return launching;
}

/** Renders a self-contained HTML document to an A4 PDF (the document's `@page` rules win). */
export async function htmlToPdf(
	html: string,
	options: PdfOptions = {}
): Promise<Uint8Array<ArrayBuffer>> {
	browser ??= launch();
	const context = await (await browser).newContext({ javaScriptEnabled: false });
	try {
		const page = await context.newPage();
		page.setDefaultTimeout(TIMEOUT_MS);
		await page.route('**/*', (route) =>
			route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')
		);
		await page.setContent(html, { waitUntil: 'load' });
		if (options.title !== undefined) {
			await page.evaluate((title) => {
				document.title = title;
			}, options.title);
		}
		const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
		return new Uint8Array(pdf);
	} finally {
		await context.close();
	}
}

/** Closes the shared browser, if one was started. */
export async function closePdfBrowser(): Promise<void> {
	const closing = browser;
	browser = null;
	if (!closing) return;
	try {
		await (await closing).close();
	} catch {
		// It never started, or is already gone: nothing to close.
	}
}
