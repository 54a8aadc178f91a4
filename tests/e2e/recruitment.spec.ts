import { expect } from '@playwright/test';
import { DAYCARE, expectAccessible, latestMail, signIn, signInOnce, test } from './support';

test.describe.configure({ mode: 'serial' });

test('a citizen registers with the code from the letter on a phone, without JavaScript', async ({
	browser
}) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		viewport: { width: 375, height: 740 },
		locale: 'da-DK'
	});
	const page = await context.newPage();

	// A mistyped code (one symbol off) is caught by the check symbol, with a plain message.
	await page.goto('/tilmeld');
	await page.getByLabel('Kode fra brevet').fill('9P3S-BFUV-ZRV');
	await page.getByRole('button', { name: 'Fortsæt' }).click();
	await expect(page.getByText('Koden er skrevet forkert.')).toBeVisible();

	// The link in the letter: the code moves into a cookie and the address bar is clean.
	await page.goto('/tilmeld?kode=9P3SBFUVZRU');
	await expect(page).toHaveURL('/tilmeld/formular');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Borgersamling om fremtidens dagtilbud' })
	).toBeVisible();

	await page.getByLabel('Fulde navn *').fill('Karen Mølgaard');
	await page.getByLabel('E-mailadresse').fill('karen.molgaard@example.dk');
	await page.getByLabel('Fødselsår *').fill('1961');
	await page.getByLabel('Adresse *').fill('Søndergade 12');
	await page.getByLabel('Postnummer *').fill('8722');
	await page.getByLabel('By').fill('Hedensted');
	await page.getByRole('group', { name: 'Hvilket køn er du? *' }).getByLabel('Kvinde').check();
	await page.getByLabel('Transport').check();
	// The planned dates, asked about on the form.
	const dates = page.getByRole('group', { name: 'Hvilke mødedatoer kan du komme?' });
	await expect(dates.getByRole('checkbox')).toHaveCount(4);
	await dates.getByLabel(/Første møde: dagtilbud i dag: torsdag den 4. marts 2027/).check();
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();

	// Missing answer and missing consent: explained beside each, nothing typed is lost.
	await expect(page.getByRole('group', { name: 'Har du børn under 6 år? *' })).toContainText(
		'Vælg en af mulighederne.'
	);
	await expect(page.getByText('Du skal sige ja til')).toBeVisible();
	await expect(page.getByLabel('Fulde navn *')).toHaveValue('Karen Mølgaard');
	await expect(page.getByLabel('Transport')).toBeChecked();
	await expect(page.getByLabel(/Første møde: dagtilbud i dag/)).toBeChecked();
	await expect(
		page.getByRole('group', { name: 'Hvilket køn er du? *' }).getByLabel('Kvinde')
	).toBeChecked();

	await page.getByRole('group', { name: 'Har du børn under 6 år? *' }).getByLabel('Nej').check();
	await page.getByLabel(/Jeg har læst, hvordan mine oplysninger behandles/).check();
	const since = Date.now() - 1;
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();
	await expect(page).toHaveURL('/tilmeld/tak');
	// Numbered after the pool (90 seeded, and those recruitment-import.spec.ts adds when it runs first).
	await expect(page.getByRole('status')).toContainText(/Dit tilmeldingsnummer er \d+\./);
	const number = /Dit tilmeldingsnummer er (\d+)\./.exec(
		(await page.getByRole('status').textContent()) ?? ''
	)?.[1];
	expect(Number(number)).toBeGreaterThanOrEqual(91);
	const mail = await latestMail('karen.molgaard@example.dk', since);
	expect(mail).toContain(`Dit tilmeldingsnummer er ${number}.`);

	// The code is spent.
	await page.goto('/tilmeld?kode=9P3SBFUVZRU');
	await expect(page.getByRole('alert')).toContainText('Koden er allerede brugt');
	await context.close();
});

test('the registration pages pass axe on a phone, errors shown included', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto('/tilmeld');
	await expectAccessible(page);
	await page.goto('/tilmeld?kode=WF3AXN2BL85');
	await expect(page).toHaveURL('/tilmeld/formular');
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();
	await expect(page.getByText('Udfyld feltet.').first()).toBeVisible();
	await expectAccessible(page);
});

test('an administrator sets quotas from population shares, makes invitations and sees the pool', async ({
	page
}) => {
	await signIn(page, 'admin2@demo.samraad.dk');
	await expect(page).toHaveURL(`/mine/${DAYCARE}/admin`);
	await page.getByRole('link', { name: 'Rekruttering og lodtrækning' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Rekruttering' })).toBeVisible();
	await expectAccessible(page);

	// The registered citizen is in the pool with her answers; the age band came from her birth year.
	const pool = page.getByRole('region', { name: 'Tilmeldte i puljen' });
	await expect(pool.getByRole('row', { name: /Karen Mølgaard/ })).toContainText('60 år og derover');
	await expect(pool.getByRole('row', { name: /Karen Mølgaard/ })).toContainText(
		'karen.molgaard@example.dk'
	);

	// Quotas from population shares for the panel of 24 with ±1 seat: Kvinde 50,3 % → 12,07 seats.
	const compute = page.getByRole('form', { name: 'Beregn kvoter ud fra befolkningsandele' });
	await compute.getByLabel('Panelets størrelse').fill('24');
	await compute.getByLabel('Tolerance (pladser)').fill('1');
	await compute.getByRole('button', { name: 'Beregn og gem kvoter' }).click();
	await expect(page.getByRole('status')).toHaveText('Ændringerne er gemt.');
	await expect(
		page.getByText('Summen af min. er 21 og af maks. 27 for et panel på 24.').first()
	).toBeVisible();
	const kvinde = page
		.getByRole('table')
		.filter({ hasText: 'Kvinde' })
		.first()
		.getByRole('row', { name: /Kvinde/ });
	// 45 seeded volunteers and Karen are women.
	await expect(kvinde.getByRole('cell')).toHaveText(['50,3 %', '11', '14', '46']);

	// A batch of five codes, with a merge file Danish Excel reads and letters to print.
	const invitations = page.getByRole('form', { name: 'Lav invitationer' });
	await invitations.getByLabel('Navn på udsendelsen').fill('Anden udsendelse');
	await invitations.getByLabel('Antal koder').fill('5');
	await invitations.getByRole('button', { name: 'Lav invitationerne' }).click();
	await expect(page.getByText('5 invitationer er lavet.')).toBeVisible();
	const batch = page.getByRole('listitem').filter({ hasText: 'Anden udsendelse' });
	const download = page.waitForEvent('download');
	await batch.getByRole('link', { name: 'Flettefil til Digital Post (CSV)' }).click();
	const file = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const chunk of file) chunks.push(chunk as Buffer);
	const csv = Buffer.concat(chunks).toString('utf8');
	expect(csv.startsWith('\uFEFFKode;Navn;Adresse;Postnr;By;Område;Link;Brugt')).toBe(true);
	expect(csv.trim().split('\r\n')).toHaveLength(6);
	expect(csv).toMatch(/[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{4}-[23456789A-HJ-NP-Z]{3};/);

	await batch.getByRole('link', { name: 'Breve til print' }).click();
	await expect(page.getByRole('article')).toHaveCount(5);
	await expect(
		page
			.getByRole('article')
			.first()
			.getByRole('img', { name: /\/tilmeld\?kode=[2-9A-Z]{11}$/ })
	).toBeVisible();
	await expectAccessible(page);

	// The same letters as a PDF to print: one A4 page per letter.
	const pdfDownload = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Hent brevene som PDF' }).click();
	const pdfFile = await pdfDownload;
	expect(pdfFile.suggestedFilename()).toMatch(/^breve-[0-9a-f]{8}\.pdf$/);
	const pdfChunks: Buffer[] = [];
	for await (const chunk of await pdfFile.createReadStream()) pdfChunks.push(chunk as Buffer);
	const pdf = Buffer.concat(pdfChunks).toString('latin1');
	expect(pdf.startsWith('%PDF-')).toBe(true);
	expect(pdf.match(/\/Type\s*\/Page(?![a-z])/g)).toHaveLength(5);
});

test('staff register a citizen by phone through the same form', async ({ page }) => {
	await signInOnce(page, 'admin2@demo.samraad.dk');
	await page.goto(`/mine/${DAYCARE}/admin/rekruttering/tilmeld`);
	await page.getByLabel('Kanal').selectOption('phone');
	await page.getByLabel('Fulde navn *').fill('Erik Holm');
	await page.getByLabel('Telefonnummer').fill('75 12 34 56');
	await page.getByLabel('Fødselsår *').fill('1948');
	await page.getByLabel('Adresse *').fill('Bygaden 41');
	await page.getByLabel('Postnummer *').fill('7160');
	await page.getByRole('group', { name: 'Hvilket køn er du? *' }).getByLabel('Mand').check();
	await page.getByRole('group', { name: 'Har du børn under 6 år? *' }).getByLabel('Nej').check();
	await page.getByLabel(/Borgeren har fået teksten/).check();
	await page.getByRole('button', { name: 'Tilmeld mig' }).click();
	await expect(page.getByRole('status')).toContainText(/Erik Holm er tilmeldt med nummer \d+\./);
	await expectAccessible(page);

	await page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	await expect(
		page.getByRole('region', { name: 'Tilmeldte i puljen' }).getByRole('row', { name: /Erik Holm/ })
	).toContainText('Telefon');
});

test('quotas and pool move to and from the Sortition Foundation formats; a bad file is reported line by line', async ({
	page
}) => {
	await signInOnce(page, 'admin2@demo.samraad.dk');
	await page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	const read = async (name: string) => {
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name }).click();
		const chunks: Buffer[] = [];
		for await (const chunk of await (await download).createReadStream())
			chunks.push(chunk as Buffer);
		return Buffer.concat(chunks).toString('utf8');
	};
	const categories = await read('Hent categories.csv');
	expect(categories.split('\r\n')[0]).toBe('category,feature,min,max');
	expect(categories).toContain('Køn,Kvinde,');
	const respondents = await read('Hent respondents.csv');
	expect(respondents.split('\r\n')[0]).toBe('id,Køn,Alder,Småbørnsforælder,household');
	expect(respondents).not.toContain('Karen');

	const form = page.getByRole('form', { name: 'Indlæs categories.csv' });
	await form.getByLabel('Fil (categories.csv)').setInputFiles({
		name: 'categories.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('category,feature,min,max\nKøn,Kvinde,14,12\nKøn,Mand,11,x\n')
	});
	await form.getByRole('button', { name: 'Indlæs og erstat kvoterne' }).click();
	const alert = page
		.getByRole('region', { name: 'Sortition Foundations filformater' })
		.getByRole('alert');
	await expect(alert).toContainText('Filen kunne ikke læses. Intet er gemt');
	await expect(alert.getByRole('listitem')).toHaveText([
		'Linje 2: Min. er større end maks.',
		'Linje 3, kolonne "max": Skal være et helt tal (0 eller mere).'
	]);

	const edited = categories.replace(/Køn,Kvinde,\d+,\d+/, 'Køn,Kvinde,10,15');
	await page
		.getByRole('form', { name: 'Indlæs categories.csv' })
		.getByLabel('Fil (categories.csv)')
		.setInputFiles({
			name: 'categories.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(edited)
		});
	await page.getByRole('button', { name: 'Indlæs og erstat kvoterne' }).click();
	await expect(page.getByText('3 kategorier er indlæst.')).toBeVisible();
	const kvinde = page
		.getByRole('region', { name: 'Køn', exact: true })
		.getByRole('row', { name: /Kvinde/ });
	await expect(kvinde.getByRole('cell').nth(1)).toHaveText('10');
	await expect(kvinde.getByRole('cell').nth(2)).toHaveText('15');
	await expectAccessible(page);
});

test('a random sample of an address extract, oversampling an area, becomes a batch of letters', async ({
	page
}) => {
	await signInOnce(page, 'admin2@demo.samraad.dk');
	await page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	const rows = Array.from(
		{ length: 12 },
		(_, i) =>
			`Beboeren;Vej ${i + 1};${i % 2 ? '7130;Juelsminde;Juelsminde' : '8722;Hedensted;Hedensted by'}`
	);
	const file = {
		name: 'adresser.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(`navn;adresse;postnr;by;område\n${rows.join('\n')}\n`)
	};
	const form = page.getByRole('form', { name: 'Lav invitationer' });
	await form.getByLabel('Navn på udsendelsen').fill('Udsnit med oversampling');
	await form.getByLabel('Adresseudtræk (CSV)').setInputFiles(file);
	await form.getByLabel('Udtræk et tilfældigt udsnit på (antal breve)').fill('4');
	await form.getByLabel('Oversampling pr. område').fill('Juelsminde;nul');
	await form.getByRole('button', { name: 'Lav invitationerne' }).click();
	await expect(page.getByText('Linje 1 kunne ikke læses.')).toBeVisible();

	await page.getByLabel('Adresseudtræk (CSV)').setInputFiles(file);
	await page.getByLabel('Oversampling pr. område').fill('Juelsminde;3');
	await page.getByRole('button', { name: 'Lav invitationerne' }).click();
	await expect(page.getByText('4 invitationer er lavet.')).toBeVisible();
	await expect(
		page.getByRole('listitem').filter({ hasText: 'Udsnit med oversampling' })
	).toContainText('4 (0 brugt)');
});
