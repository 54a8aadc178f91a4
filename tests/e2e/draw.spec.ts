import { expect, type Browser } from '@playwright/test';
import { DAYCARE, expectAccessible, mailsSince, signIn, test } from './support';

test.describe.configure({ mode: 'serial' });
// A whole recruitment-to-panel journey with a LEXIMIN computation: longer than one page's test.
test.setTimeout(180_000);

async function asPerson(browser: Browser, address: string) {
	const context = await browser.newContext({ locale: 'da-DK' });
	const page = await context.newPage();
	await signIn(page, address);
	return { page, context };
}

test('the administrator computes and publishes the distribution, two people enter the dice, the panel is drawn and verifies', async ({
	browser
}) => {
	const admin = await asPerson(browser, 'admin2@demo.samraad.dk');
	await admin.page.goto(`/mine/${DAYCARE}/lodtraekning`, { waitUntil: 'networkidle' });
	await expect(admin.page.getByRole('heading', { level: 1, name: 'Lodtrækning' })).toBeVisible();
	await expectAccessible(admin.page);

	await admin.page.getByLabel('Kilde 1', { exact: true }).fill('Terningekast på borgermødet');
	await admin.page
		.getByLabel('Beskrivelse af kilde 1')
		.fill('Fem terninger kastes på biblioteket 1. december kl. 19');
	await admin.page.getByRole('button', { name: 'Beregn og offentliggør fordelingen' }).click();

	// The computation runs in a worker; the page follows its progress until the commitment is out.
	await expect(
		admin.page.getByRole('heading', { name: /Fordelingen er offentliggjort/ })
	).toBeVisible({ timeout: 60_000 });
	const hash = (await admin.page.locator('code').first().textContent())!;
	expect(hash).toMatch(/^[0-9a-f]{64}$/);

	await admin.page.getByLabel('Værdi fra Terningekast på borgermødet').fill('3 5 1 6 2');
	await admin.page.getByRole('button', { name: 'Gem min indtastning' }).click();
	await expect(admin.page.getByText('1 af 2 indtastninger er gemt.')).toBeVisible();
	await expect(admin.page.getByRole('button', { name: 'Træk panelet' })).toBeDisabled();

	// The second person, a facilitator, types the same dice a little differently.
	const facilitator = await asPerson(browser, 'facilitator-dagtilbud@demo.samraad.dk');
	await facilitator.page.goto(`/mine/${DAYCARE}/lodtraekning`, { waitUntil: 'networkidle' });
	await expect(
		facilitator.page.getByRole('heading', { name: 'Indtast de offentlige tilfældige tal' })
	).toBeVisible();
	await facilitator.page.getByLabel('Værdi fra Terningekast på borgermødet').fill('3, 5, 1, 6, 2');
	await facilitator.page.getByRole('button', { name: 'Gem min indtastning' }).click();
	await expect(facilitator.page.getByText('2 af 2 indtastninger er gemt.')).toBeVisible();

	await admin.page.reload();
	await admin.page.getByRole('button', { name: 'Træk panelet' }).click();
	await expect(admin.page.getByText(/Lodtrækningen er gennemført/)).toBeVisible();

	await admin.page.getByRole('link', { name: 'Se den offentlige side for lodtrækningen' }).click();
	await expect(admin.page.getByRole('status')).toHaveText(
		'Efterprøvet: alle hashværdier, frøet, panelet og reservelisten passer.'
	);
	await expect(admin.page.getByText(hash)).toBeVisible();
	await expect(admin.page.getByRole('heading', { name: 'Udtrukket (24)' })).toBeVisible();
	// The distribution of selection probabilities, as a chart and the same numbers in a table: 90 people.
	const bins = admin.page
		.getByRole('region', { name: /Antal personer i puljen efter/ })
		.locator('tbody td');
	expect((await bins.allTextContents()).reduce((sum, n) => sum + Number(n), 0)).toBe(90);
	await expectAccessible(admin.page);

	// The pool now shows who was selected and who is a reserve.
	await admin.page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	await expect(admin.page.getByRole('list').getByText('Udtrukket')).toBeVisible();
	await expect(admin.page.getByRole('list').getByText('Reserve')).toBeVisible();

	// Every selected person gets a personal answer link by mail.
	const since = Date.now() - 1;
	await admin.page.getByRole('button', { name: 'Send svar-links til de udtrukne' }).click();
	await expect(admin.page.getByText('24 udtrukne har fået et svar-link.')).toBeVisible();
	await expect
		.poll(
			() => mailsSince(since).filter((mail) => mail.text.includes('Du er blevet udtrukket')).length
		)
		.toBe(24);
	const invitation = mailsSince(since).find((mail) =>
		mail.text.includes('Du er blevet udtrukket')
	)!;
	const link = /(http:\/\/localhost:\d+\/tilmeld\/svar\?t=[\w-]+)/.exec(invitation.text)![1]!;

	// A selected person confirms on their phone, and is now a member who can sign in.
	const citizen = await browser.newContext({
		locale: 'da-DK',
		viewport: { width: 375, height: 740 }
	});
	const phone = await citizen.newPage();
	await phone.goto(link);
	await expect(phone).toHaveURL('/tilmeld/svar');
	await expectAccessible(phone);
	await phone.getByRole('button', { name: 'Ja, jeg deltager' }).click();
	await expect(phone.getByRole('status')).toContainText('Du er nu med i borgersamlingen');
	await signIn(phone, invitation.to);
	await expect(phone).toHaveURL(`/mine/${DAYCARE}/medlem`);
	await citizen.close();

	// The member withdraws; the reserve who best keeps the quotas takes the seat.
	await admin.page.reload();
	await admin.page.getByRole('button', { name: /^Registrér at .* har trukket sig$/ }).click();
	await admin.page.getByRole('button', { name: /^Find en reserve i stedet for / }).click();
	// Which member withdraws depends on whose mail came first, so whether every quota still holds
	// varies; the page says which.
	await expect(admin.page.getByRole('status')).toContainText(
		/Reserve nr\. \d+ erstatter\. Kvoterne er (stadig opfyldt|ikke længere alle opfyldt)\./
	);

	// In aggregate, the report shows the 24 selected across each category.
	await admin.page.goto(`/borgersamling/${DAYCARE}/repraesentativitet`);
	const gender = admin.page.getByRole('region', { name: 'Køn', exact: true });
	const selected = await gender.locator('tbody tr td:nth-child(4)').allTextContents();
	expect(selected.reduce((sum, text) => sum + Number(text.split(' ')[0]), 0)).toBe(24);
	await expectAccessible(admin.page);
	await admin.context.close();
	await facilitator.context.close();
});
