import { expect } from '@playwright/test';
import {
	expectAccessible,
	latestMail,
	mailsSince,
	signIn,
	signInOnce,
	WELFARE,
	test
} from './support';

test.describe.configure({ mode: 'serial' });

test('a facilitator plans a session: bad times and dates are refused beside the field, the agenda is built, the session is moved and cancelled', async ({
	page
}) => {
	await signInOnce(page, 'facilitator@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator`);
	await page.getByRole('link', { name: 'Planlæg møder' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Planlæg møder' })).toBeVisible();

	// The candidate dates, the one most members can attend first.
	const candidates = page.getByRole('table', { name: 'Forslag til datoer' });
	await expect(candidates.getByRole('row').nth(1)).toContainText('Ekstra møde (forslag B)');
	await expect(candidates.getByRole('row').nth(2)).toContainText('Ekstra møde (forslag A)');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Nyt møde' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Titel', { exact: true }).fill('Ekstra møde om ældreplejen');
	await page.getByLabel('Slags møde').selectOption({ label: 'Drøftelse' });
	await page.getByLabel('Dato', { exact: true }).fill('2027-01-28');
	await page.getByLabel('Begynder kl.').fill('21:00');
	await page.getByLabel('Slutter kl.').fill('17:00');
	await page.getByLabel('Sted', { exact: true }).fill('Hedensted Rådhus');
	await page.getByLabel('Adresse').fill('Niels Espes Vej 8, 8722 Hedensted');
	await page.getByLabel('Lokale', { exact: true }).fill('Mødelokale 4');
	await page.getByRole('button', { name: 'Opret mødet' }).click();
	await expect(page.getByText('Mødet skal slutte efter, det begynder.')).toBeVisible();
	await expect(page.getByLabel('Slutter kl.')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Titel', { exact: true })).toHaveValue('Ekstra møde om ældreplejen');

	// Outside the assembly's period: the database refuses, the message sits beside the date.
	await page.getByLabel('Begynder kl.').fill('17:00');
	await page.getByLabel('Slutter kl.').fill('21:00');
	await page.getByLabel('Dato', { exact: true }).fill('2027-06-01');
	await page.getByRole('button', { name: 'Opret mødet' }).click();
	await expect(page.getByText(/uden for borgersamlingens periode/)).toBeVisible();
	await expect(page.getByLabel('Dato', { exact: true })).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Lokale', { exact: true })).toHaveValue('Mødelokale 4');
	await expectAccessible(page);

	await page.getByLabel('Dato', { exact: true }).fill('2027-01-28');
	await page.getByRole('button', { name: 'Opret mødet' }).click();
	await expect(page.getByText('Mødet er oprettet.', { exact: false })).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Ekstra møde om ældreplejen' })
	).toBeVisible();

	// The same room at the time of another session is taken.
	await page.getByLabel('Dato', { exact: true }).fill('2026-11-26');
	await page.getByLabel('Lokale', { exact: true }).fill('Byrådssalen');
	await page.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(page.getByText(/Lokalet er optaget af et andet møde/)).toBeVisible();
	await page.getByLabel('Dato', { exact: true }).fill('2027-01-28');
	await page.getByLabel('Lokale', { exact: true }).fill('Mødelokale 4');
	await page.getByRole('button', { name: 'Gem ændringer' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Gemt.' })).toBeVisible();

	// The agenda: two items, the second moved first; clock times follow the planned minutes.
	const addItem = page.getByRole('form', { name: 'Tilføj punkt' });
	await addItem.getByLabel('Punkt', { exact: true }).fill('Drøftelse ved bordene');
	await addItem.getByLabel('Minutter').fill('90');
	await addItem.getByLabel('Ansvarlig').fill('Bordværter');
	await addItem.getByRole('button', { name: 'Tilføj punkt' }).click();
	await expect(page.getByRole('table', { name: /Dagsorden/ })).toContainText(
		'Drøftelse ved bordene'
	);
	const again = page.getByRole('form', { name: 'Tilføj punkt' });
	await again.getByLabel('Punkt', { exact: true }).fill('Velkomst');
	await again.getByLabel('Minutter').fill('nul');
	await again.getByRole('button', { name: 'Tilføj punkt' }).click();
	await expect(
		page.getByRole('form', { name: 'Tilføj punkt' }).getByText('Skriv et helt tal.')
	).toBeVisible();
	await page.getByRole('form', { name: 'Tilføj punkt' }).getByLabel('Minutter').fill('15');
	await page
		.getByRole('form', { name: 'Tilføj punkt' })
		.getByRole('button', { name: 'Tilføj punkt' })
		.click();
	await page.getByRole('button', { name: 'Flyt «Velkomst» op' }).click();
	const agenda = page.getByRole('table', { name: /Dagsorden/ });
	await expect(agenda.getByRole('row').nth(1)).toContainText('17.00');
	await expect(agenda.getByRole('row').nth(1)).toContainText('Velkomst');
	await expect(agenda.getByRole('row').nth(2)).toContainText('17.15');
	await expect(agenda.getByRole('row').nth(2)).toContainText('Drøftelse ved bordene');
	await expectAccessible(page);

	// Cancelled: it stays in the plan, marked, with the reason.
	await page.getByLabel('Hvorfor aflyses mødet?').fill('Ingen ledige lokaler');
	await page.getByRole('button', { name: 'Aflys mødet' }).click();
	await expect(page.getByText('Aflyst: Ingen ledige lokaler').first()).toBeVisible();

	await page.goto(`/borgersamling/${WELFARE}/moeder`);
	const cancelled = page.getByRole('region', { name: 'Ekstra møde om ældreplejen' });
	await expect(cancelled).toContainText('Aflyst');
	await expect(cancelled).toContainText('torsdag den 28. januar 2027 kl. 17.00–21.00');
});

test('a member on a phone reads the plan and the agenda, answers the date poll and subscribes to the calendar', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, 'medlem05@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/medlem`);
	await page.getByRole('link', { name: 'Mødeplan' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mødeplan' })).toBeVisible();
	await page.waitForLoadState('networkidle');

	const poll = page.getByRole('article').filter({ hasText: 'Ekstra møde (forslag A)' });
	await poll.getByLabel('Kan ikke').check();
	await poll.getByRole('button', { name: 'Gem svar' }).click();
	await expect(poll.getByRole('status')).toHaveText('Tak, dit svar er gemt.');
	await page.reload();
	await expect(
		page.getByRole('article').filter({ hasText: 'Ekstra møde (forslag A)' }).getByLabel('Kan ikke')
	).toBeChecked();
	await expectAccessible(page);

	// The calendar subscription: a secret address that lists the sessions, cancelled ones marked.
	await page.getByRole('button', { name: 'Opret kalenderabonnement' }).click();
	const address = await page.getByLabel('Din kalenderadresse').inputValue();
	expect(address).toMatch(/\/kalender\/[0-9a-f]{64}\.ics$/);
	const feed = await page.request.get(address);
	expect(feed.headers()['content-type']).toContain('text/calendar');
	const ics = (await feed.text()).replace(/\r\n[ \t]/g, '');
	expect(ics).toContain('SUMMARY:Prioritering\\, første runde');
	expect(ics).toContain('SUMMARY:Aflyst: Ekstra møde om ældreplejen');
	expect(ics).toContain('STATUS:CANCELLED');
	expect(ics).not.toContain('forslag A');

	// A new address retires the old one.
	await page.getByRole('button', { name: 'Lav en ny adresse' }).click();
	await expect(
		page.getByText('Du har fået en ny kalenderadresse.', { exact: false })
	).toBeVisible();
	expect((await page.request.get(address)).status()).toBe(404);

	await page.getByRole('link', { name: 'Prioritering, første runde' }).first().click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Prioritering, første runde' })
	).toBeVisible();
	const agenda = page.getByRole('table', { name: /Dagsorden/ });
	await expect(agenda.getByRole('row', { name: /Budgetfordeling, første runde/ })).toContainText(
		'Facilitator'
	);
	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Hent til kalenderen (.ics)' }).click();
	expect((await download).suggestedFilename()).toMatch(/\.ics$/);
	await expectAccessible(page);
});

test('a facilitator publishes material to everyone at once; each member gets one digest and reads it on a phone', async ({
	page,
	browser
}) => {
	await signInOnce(page, 'facilitator@demo.samraad.dk');
	// Session 6 (16 January 2027) is more than five days ahead: on time.
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/5e000000-0000-4000-8000-000000000006`);
	await page.waitForLoadState('networkidle');
	const add = page.getByRole('form', { name: 'Tilføj materiale' });

	// Neither file nor link: the message sits beside the file field, the title is kept.
	await add.getByLabel('Titel').fill('Oplæg om ældreplejen');
	await add.getByRole('button', { name: 'Tilføj materiale' }).click();
	await expect(page.getByText('Vælg en fil eller skriv et link.')).toBeVisible();
	await expect(
		page.getByRole('form', { name: 'Tilføj materiale' }).getByLabel('Titel')
	).toHaveValue('Oplæg om ældreplejen');
	// A program file is refused.
	const form = page.getByRole('form', { name: 'Tilføj materiale' });
	await form.getByLabel('Fil', { exact: true }).setInputFiles({
		name: 'program.exe',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from('MZ')
	});
	await form.getByRole('button', { name: 'Tilføj materiale' }).click();
	await expect(page.getByText(/Den slags fil kan ikke bruges/)).toBeVisible();

	const pdf = Buffer.from('%PDF-1.4\n% Oplæg om ældreplejen\n%%EOF\n');
	const again = page.getByRole('form', { name: 'Tilføj materiale' });
	await again.getByLabel('Titel').fill('Oplæg om ældreplejen');
	await again.getByLabel('Fil', { exact: true }).setInputFiles({
		name: 'oplaeg-aeldrepleje.pdf',
		mimeType: 'application/pdf',
		buffer: pdf
	});
	await again.getByRole('button', { name: 'Tilføj materiale' }).click();
	await expect(page.getByText('Materialet er tilføjet.', { exact: false })).toBeVisible();
	const link = page.getByRole('form', { name: 'Tilføj materiale' });
	await link.getByLabel('Titel').fill('Budgetforslag 2027');
	await link.getByLabel('Eller et link (https://…)').fill('https://www.hedensted.dk/budget');
	await link.getByRole('button', { name: 'Tilføj materiale' }).click();
	await expect(page.getByRole('heading', { name: 'Klar til udsendelse (2)' })).toBeVisible();
	await expectAccessible(page);

	const since = Date.now() - 1;
	await page.getByRole('button', { name: 'Udsend 2 til alle medlemmer nu' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'er udsendt' })).toContainText(
		'medlemmer får én e-mail'
	);
	await expect(page.getByText('Til tiden').first()).toBeVisible();

	// One digest per member, not one per file.
	const digest = await latestMail('medlem07@demo.samraad.dk', since);
	expect(digest).toContain('Oplæg om ældreplejen');
	expect(digest).toContain('Budgetforslag 2027');
	await expect
		.poll(() => mailsSince(since).filter((mail) => mail.to === 'medlem07@demo.samraad.dk').length)
		.toBe(1);
	await expect.poll(() => mailsSince(since).length).toBeGreaterThanOrEqual(36);

	// A member on a phone reads and downloads it.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const member = await phone.newPage();
	await signIn(member, 'medlem07@demo.samraad.dk');
	await member.goto(`/mine/${WELFARE}/moeder/5e000000-0000-4000-8000-000000000006`);
	await expect(member.getByRole('heading', { name: 'Materiale (2)' })).toBeVisible();
	const download = member.waitForEvent('download');
	await member.getByRole('link', { name: 'Oplæg om ældreplejen' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('oplaeg-aeldrepleje.pdf');
	await expectAccessible(member);
	await phone.close();
});

test('a member asks for facts, the facilitator answers, and every member reads the answer but not who asked', async ({
	page,
	browser
}) => {
	await signIn(page, 'medlem08@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/medlem`);
	await page.getByRole('link', { name: 'Spørgsmål og svar' }).click();
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Dit spørgsmål').fill('Hej');
	await page.getByRole('button', { name: 'Send spørgsmålet' }).click();
	await expect(page.getByText('Teksten er for kort (mindst 5 tegn).')).toBeVisible();
	await page.getByLabel('Dit spørgsmål').fill('Hvor mange elever går i kommunens skoler i 2027?');
	await page.getByRole('button', { name: 'Send spørgsmålet' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Tak. Dit spørgsmål er sendt til facilitatorerne.'
	);
	await expect(
		page.getByRole('article', { name: 'Hvor mange elever går i kommunens skoler i 2027?' })
	).toContainText('af dig');
	await expectAccessible(page);

	const desk = await browser.newContext();
	const facilitator = await desk.newPage();
	await signInOnce(facilitator, 'facilitator@demo.samraad.dk');
	await facilitator.goto(`/mine/${WELFARE}/spoergsmaal`);
	const request = facilitator.getByRole('article', {
		name: 'Hvor mange elever går i kommunens skoler i 2027?'
	});
	await expect(request).toContainText('Lars Sørensen');
	await request.getByLabel('Status').selectOption({ label: 'Besvaret' });
	await request.getByRole('button', { name: 'Gem svar' }).click();
	const again = facilitator.getByRole('article', {
		name: 'Hvor mange elever går i kommunens skoler i 2027?'
	});
	await expect(again.getByText(/Skriv svaret/)).toBeVisible();
	await again.getByLabel(/^Svar/).fill('Ca. 5.900 elever i skoleåret 2027/28.');
	await again.getByRole('button', { name: 'Gem svar' }).click();
	await expect(facilitator.getByRole('status').filter({ hasText: 'Svaret er gemt' })).toBeVisible();
	await desk.close();

	const other = await browser.newContext();
	const reader = await other.newPage();
	await signIn(reader, 'medlem09@demo.samraad.dk');
	await reader.goto(`/mine/${WELFARE}/spoergsmaal`);
	const answered = reader.getByRole('article', {
		name: 'Hvor mange elever går i kommunens skoler i 2027?'
	});
	await expect(answered).toContainText('Ca. 5.900 elever i skoleåret 2027/28.');
	await expect(answered).not.toContainText('Lars Sørensen');
	await expectAccessible(reader);
	await other.close();
});

test('the public reads the plan without personal data or candidate dates', async ({ page }) => {
	await page.goto(`/borgersamling/${WELFARE}`);
	await page.getByRole('link', { name: 'Mødeplan' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mødeplan' })).toBeVisible();
	const session = page.getByRole('region', { name: 'Prioritering, første runde' });
	await session.getByText('Dagsorden (6)').click();
	await expect(session.getByRole('table')).toContainText('Budgetfordeling, første runde');
	await expect(session.getByRole('columnheader', { name: 'Ansvarlig' })).toHaveCount(0);
	await expect(page.getByText('Ekstra møde (forslag A)')).toHaveCount(0);
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a member answers the date poll', async ({ page }) => {
		await signIn(page, 'medlem06@demo.samraad.dk');
		await page.goto(`/mine/${WELFARE}/moeder`);
		const poll = page.getByRole('article').filter({ hasText: 'Ekstra møde (forslag B)' });
		await poll.getByLabel('Måske').check();
		await poll.getByRole('button', { name: 'Gem svar' }).click();
		const after = page.getByRole('article').filter({ hasText: 'Ekstra møde (forslag B)' });
		await expect(after.getByRole('status')).toHaveText('Tak, dit svar er gemt.');
		await expect(after.getByLabel('Måske')).toBeChecked();
	});
});
