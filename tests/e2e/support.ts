import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WELFARE = 'a55e0b1e-0000-4000-8000-000000000001';
export const DAYCARE = 'a55e0b1e-0000-4000-8000-000000000002';

/**
 * Playwright's `test`, which also fails a test when the browser refused anything under the Content
 * Security Policy (an inline script or style, a foreign source): Chromium reports each refusal as
 * a console error. Watches the test's own context and every context the test opens.
 */
export const test = base.extend<{ cspGuard: void }>({
	cspGuard: [
		async ({ context, browser }, use) => {
			const violations: string[] = [];
			const watch = (watched: BrowserContext) =>
				watched.on('console', (message) => {
					if (/Content Security Policy/i.test(message.text()))
						violations.push(`${message.page()?.url() ?? ''}: ${message.text()}`);
				});
			watch(context);
			const newContext = browser.newContext.bind(browser);
			browser.newContext = async (...args) => {
				const created = await newContext(...args);
				watch(created);
				return created;
			};
			await use();
			browser.newContext = newContext;
			expect(violations, 'Content Security Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});

/** Fails the test on any WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

function decodeQuotedPrintable(text: string): string {
	const bytes = text
		.replace(/=\r?\n/g, '')
		.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
	return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The newest mail the SMTP sink received for an address, decoded; waits until one arrives after `since`. */
export async function latestMail(address: string, since: number): Promise<string> {
	const dir = process.env.E2E_MAIL_DIR!;
	let found: string | undefined;
	await expect
		.poll(
			() => {
				const files = readdirSync(dir)
					.filter((f) => Number(f.split('-')[0]) >= since)
					.sort()
					.reverse();
				for (const file of files) {
					const raw = readFileSync(join(dir, file), 'utf8');
					if (raw.startsWith(`X-Envelope-To: ${address}`)) {
						found = decodeQuotedPrintable(raw);
						return true;
					}
				}
				return false;
			},
			{ timeout: 10_000 }
		)
		.toBe(true);
	return found!;
}

/** Asks for a code for the address; returns the mail that arrived. */
export async function requestCode(page: Page, address: string): Promise<string> {
	const since = Date.now() - 1;
	await page.goto('/log-ind');
	// Typed before the page has hydrated, an address can be lost on a loaded machine: wait for it.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('E-mailadresse').fill(address);
	await page.getByRole('button', { name: 'Send mig en kode' }).click();
	await expect(page.getByRole('status')).toContainText(address);
	return latestMail(address, since);
}

/** Signs in with an e-mailed code, as a person would. */
export async function signIn(page: Page, address: string) {
	const mail = await requestCode(page, address);
	const code = /kode til at logge ind på Samråd er: (\d{6})/.exec(mail)?.[1];
	expect(code, 'the mail carries a six-digit code').toBeTruthy();
	await page.getByLabel('Kode fra e-mailen').fill(code!);
	await page.getByRole('button', { name: 'Log ind' }).click();
	// Signed in when the page has moved on from the sign-in form.
	await expect(page).not.toHaveURL(/\/log-ind/);
}

// Sessions of this worker by address (Playwright reuses a worker across spec files).
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/**
 * Signs in like `signIn` the first time for an address, then reuses that session's cookies: codes
 * are limited to five per address per 15 minutes, and the specs together sign some people in more
 * often than that.
 */
export async function signInOnce(page: Page, address: string) {
	const saved = sessions.get(address);
	if (saved) {
		await page.context().addCookies(saved.cookies);
		return;
	}
	await signIn(page, address);
	sessions.set(address, await page.context().storageState());
}

/** Every mail the SMTP sink received since `since`, decoded, oldest first. */
export function mailsSince(since: number): { to: string; text: string }[] {
	const dir = process.env.E2E_MAIL_DIR!;
	return readdirSync(dir)
		.filter((f) => Number(f.split('-')[0]) >= since)
		.sort()
		.map((file) => {
			const raw = readFileSync(join(dir, file), 'utf8');
			return {
				to: /^X-Envelope-To: (.*)$/m.exec(raw)?.[1] ?? '',
				text: decodeQuotedPrintable(raw)
			};
		});
}
