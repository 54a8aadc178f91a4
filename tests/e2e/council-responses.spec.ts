import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectAccessible, latestMail, signInOnce, test } from './support';

// The handed-over climate assembly: 3-month round published late in the seed, 12-month round due
// 20 August 2027 with drafts for three of its four recommendations.
const KLIMA = 'a55e0b1e-0000-4000-8000-000000000003';
const FOLLOW_UP = `/borgersamling/${KLIMA}/opfoelgning`;
const SUBSCRIBER = 'presse@example.dk';

test.describe.configure({ mode: 'serial' });

/** Moves the server's "today" (honoured only with SAMRAAD_TEST_CLOCK=cookie, as in the e2e config). */
async function setToday(page: Page, date: string) {
	await page
		.context()
		.addCookies([{ name: 'samraad-test-today', value: date, domain: 'localhost', path: '/' }]);
}

/** The newest mail to an address as the SMTP sink wrote it (headers undecoded). */
function rawMail(address: string, since: number): string {
	const dir = process.env.E2E_MAIL_DIR!;
	const file = readdirSync(dir)
		.filter((f) => Number(f.split('-')[0]) >= since)
		.sort()
		.reverse()
		.find((f) => readFileSync(join(dir, f), 'utf8').startsWith(`X-Envelope-To: ${address}`));
	return file ? readFileSync(join(dir, file), 'utf8') : '';
}

const twelveMonths = (page: Page) => page.locator('tr[data-round="twelve_months"]');

test('the public page turns overdue on the clock and keeps the late 3-month round visible', async ({
	page
}) => {
	await page.goto(`/borgersamling/${KLIMA}`);
	await page.getByRole('link', { name: 'Opfølgning: Byrådets svar' }).click();
	await expect(page).toHaveURL(FOLLOW_UP);
	await expect(
		page.getByRole('heading', { level: 1, name: 'Opfølgning: Byrådets svar' })
	).toBeVisible();
	// The 3-month round was published a week after its due date, and it says so.
	const three = page.locator('tr[data-round="three_months"]');
	await expect(three).toContainText('20. november 2026');
	await expect(three).toContainText('7 dage efter fristen');
	// A correction shows that it was corrected and what changed.
	const bus = page.getByRole('article', { name: /Anbefaling 1:/ });
	await expect(bus.getByText(/^Rettet /)).toBeVisible();
	await bus.getByText('Se hvad der er ændret').click();
	await expect(bus.locator('del', { hasText: '1187' })).toBeVisible();
	await expect(bus.locator('ins', { hasText: '1178' })).toBeVisible();
	// Frozen text and its hash.
	await expect(bus.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
	// The status table beside the chart.
	await expect(page.getByRole('table', { name: /Antal anbefalinger pr. status/ })).toContainText(
		'Status efter 3 måneder'
	);
	await expectAccessible(page);

	await setToday(page, '2027-08-19');
	await page.reload();
	await expect(twelveMonths(page)).toContainText('1 dage tilbage');
	await setToday(page, '2027-08-20');
	await page.reload();
	await expect(twelveMonths(page)).toContainText('Frist i dag');
	await expect(twelveMonths(page)).not.toContainText('Overskredet');
	await setToday(page, '2027-08-21');
	await page.reload();
	await expect(twelveMonths(page)).toContainText('Overskredet med 1 dage');
	// Turning the clock back cannot hide it: the database reads "today" forward only.
	await setToday(page, '2026-01-01');
	await page.reload();
	await expect(page.locator('tr[data-round="twelve_months"]')).toContainText('dage tilbage');
});

test('a reader subscribes by e-mail with double opt-in', async ({ page }) => {
	await page.goto(FOLLOW_UP);
	// Typed text must not be reset by hydration.
	await page.waitForLoadState('networkidle');
	const since = Date.now() - 1;
	await page.getByLabel('E-mailadresse').fill('ikke en adresse');
	await page.getByLabel('E-mailadresse').evaluate((el: HTMLInputElement) => (el.type = 'text'));
	await page.getByRole('button', { name: 'Få besked' }).click();
	await expect(page.getByText('Skriv en gyldig e-mailadresse')).toBeVisible();
	await expect(page.getByLabel('E-mailadresse')).toHaveValue('ikke en adresse');
	await page.getByLabel('E-mailadresse').fill(SUBSCRIBER);
	await page.getByRole('button', { name: 'Få besked' }).click();
	await expect(page.getByRole('status')).toContainText('Tjek din e-mail');

	const mail = await latestMail(SUBSCRIBER, since);
	const link = /(http:\/\/localhost:\d+\/abonnement\/bekraeft\?t=[A-Za-z0-9_%-]+)/.exec(
		mail.replace(/=\r?\n/g, '')
	)?.[1];
	expect(link, 'the mail carries a confirmation link').toBeTruthy();
	await page.goto(link!);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Bekræft' }).click();
	await expect(page).toHaveURL(new RegExp(`${FOLLOW_UP}\\?bekraeftet=1`));
	await expect(page.getByRole('status')).toContainText('du får nu besked');
	// The link works once.
	await page.goto(link!);
	await page.getByRole('button', { name: 'Bekræft' }).click();
	await expect(page.getByRole('alert')).toContainText('Linket virker ikke');
});

test('the council publishes the 12-month round: on time again, in the feed and in the members’ mail', async ({
	page,
	request
}) => {
	await signInOnce(page, 'klima-byraad@demo.samraad.dk');
	await setToday(page, '2027-08-21');
	await page.goto(`/mine/${KLIMA}/byraad`);
	await page.getByRole('link', { name: 'Skriv og offentliggør Byrådets svar' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Byrådets svar' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Status efter 12 måneder' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Status efter 12 måneder' })
	).toBeVisible();
	await expect(page.getByText('Overskredet med 1 dage')).toBeVisible();
	await expectAccessible(page);

	// Publishing with a recommendation unanswered is refused, with the way out said.
	await page.getByRole('button', { name: 'Offentliggør', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('Runden mangler svar');

	// "Ikke fulgt" without a reason or a decision: errors beside the fields, nothing lost.
	const method = page.getByRole('article', { name: /Metode 4:/ });
	await method.getByLabel('Status').selectOption('not_followed');
	await method.getByLabel('Forklaring').fill('Metoden bruges ikke i budget 2028.');
	await method.getByLabel('Ansvarligt udvalg').fill('Økonomiudvalget');
	await method.getByLabel('Sagsnummer').fill('2027-88');
	await method.getByRole('button', { name: 'Gem kladde' }).click();
	const again = page.getByRole('article', { name: /Metode 4:/ });
	await expect(again.getByText('Skriv en begrundelse')).toBeVisible();
	await expect(again.getByText('Skriv sagsnummeret som i dagsordenen')).toBeVisible();
	await expect(again.getByLabel('Forklaring')).toHaveValue('Metoden bruges ikke i budget 2028.');
	await expect(again.getByLabel('Sagsnummer')).toHaveValue('2027-88');

	// The secretariat marks the rest "Under behandling" with a reason, then publishes.
	await page.locator('#pending-committee').fill('Økonomiudvalget');
	await page.locator('#pending-reason').fill('Behandles sammen med klimaplanen i efteråret 2027.');
	await page.getByRole('button', { name: 'Markér resten' }).click();
	await expect(page.getByRole('status')).toContainText('1 anbefalinger er markeret');
	const since = Date.now() - 1;
	await page.getByRole('button', { name: 'Offentliggør', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('Runden er offentliggjort');

	// The public page: the round is published before its due date — on time, overdue mark gone.
	await page.goto(FOLLOW_UP);
	await expect(twelveMonths(page)).toContainText('Offentliggjort');
	await expect(twelveMonths(page)).toContainText('rettidigt');
	await expect(twelveMonths(page)).not.toContainText('Overskredet');
	const method4 = page.getByRole('article', { name: /Metode 4:/ });
	await expect(method4.getByText('Behandles sammen med klimaplanen i efteråret 2027.')).toHaveCount(
		2
	);
	await expectAccessible(page);

	// The Atom feed lists the published responses and is well-formed XML.
	const feed = await request.get(`${FOLLOW_UP}.atom`);
	expect(feed.headers()['content-type']).toContain('application/atom+xml');
	const xml = await feed.text();
	expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
	expect(xml).toContain('Status efter 12 måneder: Under behandling');
	const wellFormed = await page.evaluate(
		(text) =>
			new DOMParser().parseFromString(text, 'application/xml').getElementsByTagName('parsererror')
				.length === 0,
		xml
	);
	expect(wellFormed).toBe(true);

	// One mail per member, and one to the subscriber with one-click unsubscribe.
	const member = await latestMail('klima01@demo.samraad.dk', since);
	expect(member).toContain('Byrådet har offentliggjort sin status efter 12 måneder');
	expect(member).toContain(FOLLOW_UP);
	await latestMail(SUBSCRIBER, since);
	const subscriber = rawMail(SUBSCRIBER, since);
	expect(subscriber).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
	const oneClick = /List-Unsubscribe:\s*<([^>]+)>/.exec(subscriber.replace(/\r?\n\s+/g, ''))?.[1];
	expect(oneClick, 'the mail carries a List-Unsubscribe address').toBeTruthy();
	// A mail program posts from its own server (no Origin): allowed here, and only here.
	const done = await request.post(oneClick!, {
		form: { 'List-Unsubscribe': 'One-Click' },
		headers: { origin: '' }
	});
	expect(done.status()).toBe(200);
	const twice = await request.post(oneClick!, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(twice.status()).toBe(404);
});

test('a member answers the evaluation once, anonymously; the evaluator reads aggregates only', async ({
	page
}) => {
	const WELFARE = 'a55e0b1e-0000-4000-8000-000000000001';
	await signInOnce(page, 'medlem11@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/medlem`);
	await page.getByRole('link', { name: 'Evaluér borgersamlingen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Evaluering: dit svar' })).toBeVisible();
	await expectAccessible(page);
	await page
		.getByRole('group', { name: 'Jeg fik sagt det, jeg ville, og blev hørt.' })
		.getByLabel('Enig', { exact: true })
		.check();
	await page.getByLabel('Hvad skal gøres anderledes næste gang?').fill('Flere pauser.');
	await page.getByRole('button', { name: 'Send svar' }).click();
	await expect(page.getByRole('status')).toContainText('du har svaret på dette spørgeskema');
	await expect(page.getByRole('button', { name: 'Send svar' })).toHaveCount(0);

	await page.context().clearCookies();
	await signInOnce(page, 'evaluator@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/evaluering`);
	await expect(page.getByRole('heading', { name: 'Resultater af spørgeskemaerne' })).toBeVisible();
	const members = page.getByRole('region', { name: 'Spørgeskema til paneldeltagere' });
	await expect(members.getByRole('row', { name: /blev hørt/ })).toContainText(
		'Skjult (under 5 svar)'
	);
	await expect(page.getByText('Flere pauser.')).toHaveCount(0);
	await expectAccessible(page);
});

test('the council corrects a published response: a new version, and the public page shows what changed', async ({
	page
}) => {
	await signInOnce(page, 'klima-byraad@demo.samraad.dk');
	await page.goto(`/mine/${KLIMA}/byraad/svar`);
	await page.getByRole('link', { name: 'Status efter 3 måneder' }).click();
	const nature = page.getByRole('article', { name: /Anbefaling 3:/ });
	await nature.getByText('Ret svaret').click();
	await nature.getByLabel('Forklaring').fill('Arealerne bevares som i dag indtil 2029.');
	// (The browser asks for the note too; without that check the server refuses it the same way.)
	await nature
		.getByLabel('Hvad er rettet')
		.evaluate((el: HTMLTextAreaElement) => el.removeAttribute('required'));
	await nature.getByRole('button', { name: 'Gem rettelse' }).click();
	// A correction must say what was corrected.
	const again = page.getByRole('article', { name: /Anbefaling 3:/ });
	await expect(again.getByText('Skriv, hvad der er rettet, og hvorfor.')).toBeVisible();
	await expect(again.getByLabel('Forklaring')).toHaveValue(
		'Arealerne bevares som i dag indtil 2029.'
	);
	await again.getByLabel('Hvad er rettet').fill('Årstallet manglede.');
	await again.getByRole('button', { name: 'Gem rettelse' }).click();
	await expect(page.getByRole('status')).toContainText('Gemt.');
	await page
		.getByRole('article', { name: /Anbefaling 3:/ })
		.getByRole('button', { name: 'Offentliggør rettelsen' })
		.click();
	await expect(page.getByRole('status')).toContainText('Rettelsen er offentliggjort');

	await page.goto(FOLLOW_UP);
	const published = page.getByRole('article', { name: /Anbefaling 3:/ });
	await expect(published.getByText(/^Rettet /)).toBeVisible();
	await expect(published.getByText('Årstallet manglede.')).toBeVisible();
	await published.getByText('Se hvad der er ændret').click();
	await expect(published.locator('ins', { hasText: '2029' })).toBeVisible();
});

test('a subscriber can also unsubscribe from the page the mail links to', async ({ page }) => {
	await page.goto(FOLLOW_UP);
	await page.waitForLoadState('networkidle');
	const since = Date.now() - 1;
	await page.getByLabel('E-mailadresse').fill('nabo@example.dk');
	await page.getByRole('button', { name: 'Få besked' }).click();
	await expect(page.getByRole('status')).toContainText('Tjek din e-mail');
	const mail = await latestMail('nabo@example.dk', since);
	await page.goto(
		/(http:\/\/localhost:\d+\/abonnement\/bekraeft\?t=[A-Za-z0-9_-]+)/.exec(mail)![1]!
	);
	await page.getByRole('button', { name: 'Bekræft' }).click();
	await expect(page.getByRole('status')).toContainText('du får nu besked');
	// The unsubscribe link of a subscriber mail is made by the database; a made-up one does nothing.
	await page.goto('/abonnement/afmeld?t=00000000-0000-4000-8000-000000000000.00');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Afmeld' }).click();
	await expect(page.getByRole('alert')).toContainText('Linket virker ikke');
});
