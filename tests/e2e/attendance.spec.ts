import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { WELFARE, expectAccessible, latestMail, signIn, signInOnce, test } from './support';

test.describe.configure({ mode: 'serial' });

// "Prioritering, første runde" on 26 November: 36 members, two have reported absence (seed).
const SESSION = '5e000000-0000-4000-8000-000000000004';
const LATER_SESSION = '5e000000-0000-4000-8000-000000000005';
const base = `/mine/${WELFARE}/facilitator/moeder/${SESSION}`;
const tablet = { width: 1024, height: 768 };
const phone = { width: 390, height: 844 };

test('a facilitator checks people in on a tablet; the projector counts a QR check-in within 2 s', async ({
	browser
}) => {
	// Four people sign in with e-mailed codes along the way.
	test.setTimeout(180_000);
	const facilitator = await browser.newContext({ viewport: tablet, locale: 'da-DK' });
	const tabletPage = await facilitator.newPage();
	await signInOnce(tabletPage, 'facilitator@demo.samraad.dk');

	// From the facilitator's page to the session's check-in list.
	await tabletPage.goto(`/mine/${WELFARE}/facilitator`);
	await tabletPage.getByRole('link', { name: 'Fremmøde', exact: true }).click();
	await tabletPage.getByRole('link', { name: 'Indtjekning: Prioritering, første runde' }).click();
	await expect(tabletPage).toHaveURL(`${base}/indtjekning`);
	await expect(tabletPage.getByTestId('count-present')).toHaveText('0');
	await expect(tabletPage.getByTestId('count-expected')).toHaveText('34');
	// Organisers see the reported absences, with the reason.
	await expect(tabletPage.getByText('Begrundelse: Aftenvagt på arbejdet')).toBeVisible();
	await expect(tabletPage.getByText('Transport: 4')).toBeVisible();
	await expectAccessible(tabletPage);

	// Search by name and tick the member present: a large target that says so.
	await tabletPage.getByLabel('Søg efter navn').fill('kirsten');
	const kirsten = tabletPage.getByRole('button', { name: 'Kirsten Hansen' });
	await expect(
		tabletPage.getByRole('list', { name: /Medlemmer/ }).getByRole('listitem')
	).toHaveCount(1);
	const box = await kirsten.boundingBox();
	expect(box!.height).toBeGreaterThanOrEqual(44);
	expect(box!.width).toBeGreaterThanOrEqual(44);
	await kirsten.click();
	await expect(kirsten).toHaveAttribute('aria-pressed', 'true');
	await expect(tabletPage.getByTestId('count-present')).toHaveText('1');
	await tabletPage.reload();
	await expect(tabletPage.getByRole('button', { name: 'Kirsten Hansen' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// The projector on the big screen (the same signed-in facilitator, another window).
	const projector = await facilitator.newPage();
	await projector.goto(`${base}/projektor`);
	await expect(projector.getByTestId('projector-present')).toHaveText('1 af 34');
	const link = await projector.locator('[data-check-in-url]').getAttribute('data-check-in-url');
	expect(link).toMatch(/\/tjek-ind\/[23456789A-HJ-NP-Z]{10}$/);
	await expect(projector.getByTestId('check-in-link')).toHaveText(link!);
	await expectAccessible(projector);

	// A member scans with a phone, signs in, comes back to the code and is checked in as themself.
	const member = await browser.newContext({ viewport: phone, locale: 'da-DK', isMobile: true });
	const phonePage = await member.newPage();
	await phonePage.goto(link!);
	await expect(phonePage).toHaveURL(/\/log-ind\?next=%2Ftjek-ind%2F/);
	const since = Date.now() - 1;
	await phonePage.getByLabel('E-mailadresse').fill('medlem05@demo.samraad.dk');
	await phonePage.getByRole('button', { name: 'Send mig en kode' }).click();
	const mail = await latestMail('medlem05@demo.samraad.dk', since);
	const code = /kode til at logge ind på Samråd er: (\d{6})/.exec(mail)![1]!;
	await phonePage.getByLabel('Kode fra e-mailen').fill(code);
	await phonePage.getByRole('button', { name: 'Log ind' }).click();
	await expect(phonePage.getByRole('heading', { level: 1 })).toHaveText('Du er tjekket ind');
	await expect(phonePage.getByRole('status')).toContainText('Prioritering, første runde');
	// The projector updates without reloading, within two seconds.
	await expect(projector.getByTestId('projector-present')).toHaveText('2 af 34', {
		timeout: 2_000
	});
	await expectAccessible(phonePage);

	// Scanning again changes nothing; a code that is not on the screen is refused in plain words.
	await phonePage.goto(new URL(link!).pathname);
	await expect(phonePage.getByRole('status')).toContainText('Du var allerede tjekket ind');
	await phonePage.goto('/tjek-ind/ABCDEFGHJK');
	await expect(phonePage.getByRole('alert')).toHaveText(
		'Koden er udløbet — scan den nye kode på skærmen'
	);
	await expectAccessible(phonePage);
	await expect(projector.getByTestId('projector-present')).toHaveText('2 af 34');

	// The tablet's list shows how the member checked in.
	await tabletPage.reload();
	await expect(tabletPage.getByRole('button', { name: 'Hanne Andersen' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(tabletPage.getByText('Til stede (QR)')).toBeVisible();

	// The console moves the agenda on; the projector shows the same item and timer.
	await tabletPage.getByRole('link', { name: 'Konsol' }).click();
	await expect(
		tabletPage.getByRole('heading', { name: 'Mødet er ikke gået i gang' })
	).toBeVisible();
	await expect(tabletPage.getByRole('heading', { name: 'Øvelser' })).toBeVisible();
	await tabletPage.getByRole('button', { name: 'Start første punkt →' }).click();
	await expect(tabletPage.getByTestId('console-item')).toHaveText('Velkommen og dagens program');
	await expect(tabletPage.getByTestId('console-present')).toHaveText('2');
	await expectAccessible(tabletPage);
	await expect(projector.getByTestId('projector-item')).toHaveText('Velkommen og dagens program', {
		timeout: 2_000
	});
	await expect(projector.getByTestId('projector-timer')).toContainText('/ 15:00');
	await tabletPage.getByRole('button', { name: 'Næste →' }).click();
	await expect(projector.getByTestId('projector-item')).toHaveText(
		'Oplæg: konsekvenser af mere og mindre til hvert område',
		{ timeout: 2_000 }
	);
	await expect(projector.getByRole('heading', { name: 'Punkt 2 af 6' })).toBeVisible();

	// The projector shows no personal data.
	await expect(projector.locator('body')).not.toContainText('Hanne');
	await expect(projector.locator('body')).not.toContainText('Kirsten');

	// A member of another assembly with a valid code is refused.
	const outsider = await browser.newContext({ viewport: phone, locale: 'da-DK' });
	const outsiderPage = await outsider.newPage();
	await signIn(outsiderPage, 'dagtilbud01@demo.samraad.dk');
	const current = await projector.locator('[data-check-in-url]').getAttribute('data-check-in-url');
	await outsiderPage.goto(new URL(current!).pathname);
	await expect(outsiderPage.getByRole('alert')).toContainText('Du er ikke medlem');
	await expect(projector.getByTestId('projector-present')).toHaveText('2 af 34');

	await Promise.all([facilitator.close(), member.close(), outsider.close()]);
});

test('the check-in list works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({
		viewport: tablet,
		locale: 'da-DK',
		javaScriptEnabled: false
	});
	const page = await context.newPage();
	await signIn(page, 'facilitator2@demo.samraad.dk');
	await page.goto(`${base}/indtjekning`);
	await page.getByLabel('Søg efter navn').fill('Yusuf');
	await page.getByRole('button', { name: 'Søg' }).click();
	await expect(page).toHaveURL(/\?q=Yusuf/);
	await page.getByRole('button', { name: 'Yusuf Yilmaz' }).click();
	await expect(page.getByRole('button', { name: 'Yusuf Yilmaz' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(page.getByTestId('count-present')).toHaveText('3');
	// And undo.
	await page.getByRole('button', { name: 'Yusuf Yilmaz' }).click();
	await expect(page.getByRole('button', { name: 'Yusuf Yilmaz' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await context.close();
});

test('a member reports absence on a phone and tells what support they need', async ({
	browser
}) => {
	const context = await browser.newContext({ viewport: phone, locale: 'da-DK', isMobile: true });
	const page = await context.newPage();
	await signIn(page, 'medlem08@demo.samraad.dk');

	await page.goto(`/mine/${WELFARE}/moeder/${LATER_SESSION}/fravaer`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meld fravær');
	await expect(page.getByText('Afvejninger mellem områderne')).toBeVisible();
	await page.getByLabel('Begrundelse (valgfri)').fill('Familiefest');
	await page.getByRole('button', { name: 'Meld fravær' }).click();
	await expect(page.getByRole('status')).toHaveText('Tak, dit fravær er meldt.');
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Du har meldt fravær' })).toBeVisible();
	await expect(page.getByText('Begrundelse: Familiefest')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Træk fraværet tilbage' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Dit fravær er trukket tilbage. Vi ses til mødet.'
	);
	await expect(page.getByRole('heading', { name: 'Du har meldt fravær' })).toHaveCount(0);
	await page.getByLabel('Begrundelse (valgfri)').fill('Familiefest i Vejle');
	await page.getByRole('button', { name: 'Meld fravær' }).click();
	await expect(page.getByRole('status')).toHaveText('Tak, dit fravær er meldt.');

	await page.goto(`/mine/${WELFARE}/stoette`);
	await expect(page.getByLabel('Transport')).not.toBeChecked();
	await page.getByLabel('Transport').check();
	await page.getByLabel('Skriv gerne mere').fill('Jeg bor langt fra busruten');
	await page.getByRole('button', { name: 'Gem' }).click();
	await expect(page.getByRole('status')).toHaveText('Dine støttebehov er gemt.');
	await page.reload();
	await expect(page.getByLabel('Transport')).toBeChecked();
	await expect(page.getByLabel('Skriv gerne mere')).toHaveValue('Jeg bor langt fra busruten');
	await expectAccessible(page);
	await context.close();

	// The organisers see the absence on the check-in list, and the support need only as a count.
	const organiser = await browser.newContext({ viewport: tablet, locale: 'da-DK' });
	const tabletPage = await organiser.newPage();
	await signInOnce(tabletPage, 'facilitator@demo.samraad.dk');
	await tabletPage.goto(`/mine/${WELFARE}/facilitator/moeder/${LATER_SESSION}/indtjekning`);
	await expect(tabletPage.getByText('Begrundelse: Familiefest i Vejle')).toBeVisible();
	await expect(tabletPage.getByTestId('count-absent')).toHaveText('1');
	await organiser.close();
});

test('the administrator downloads the allowance CSV for Danish Excel', async ({ browser }) => {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	await signIn(page, 'admin@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator/fremmoede`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fremmøde');
	// Per group, in a table beside the chart.
	const gender = page.getByRole('table', { name: 'Fremmøde pr. gruppe: Køn' });
	await expect(gender.getByRole('row', { name: /Kvinde/ })).toContainText('%');
	await expect(page.getByRole('table', { name: 'Fremmøde pr. medlem' })).toContainText(
		'Hanne Andersen'
	);
	await expectAccessible(page);

	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Hent godtgørelsesfilen (CSV til Excel)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(/^godtgoerelse-\d{4}-\d{2}-\d{2}\.csv$/);
	const bytes = readFileSync((await download.path())!);
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const lines = bytes.toString('utf8').slice(1).split('\r\n');
	expect(lines[0]).toBe('Tilmeldingsnr.;Navn;E-mail;Adresse;Postnr.;By;Antal møder;Mødedatoer');
	expect(lines).toHaveLength(36 + 2);
	expect(lines).toContain(
		'105;Hanne Andersen;medlem05@demo.samraad.dk;Panelvej 5;8722;Hedensted;3;2026-10-03, 2026-11-07, 2026-11-26'
	);
	expect(lines).toContain(
		'103;Kirsten Hansen;medlem03@demo.samraad.dk;Panelvej 3;8722;Hedensted;4;2026-10-03, 2026-10-21, 2026-11-07, 2026-11-26'
	);
	await context.close();
});
