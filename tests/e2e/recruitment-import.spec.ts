import { expect, type Page } from '@playwright/test';
import { DAYCARE, expectAccessible, signInOnce, test } from './support';

const header =
	'first_name,last_name,email,phone,address,postcode,city,birth_year,Køn,Småbørnsforælder';
// Men only, so the quota counts other specs check for women stay as they are.
const rows = (postcode: string) => [
	'Ib,Importsen,ib.importsen@example.dk,,Bygaden 1,7160,Tørring,1950,Mand,Nej',
	`Ole,Importsen,ole.importsen@example.dk,,Bygaden 2,${postcode},Tørring,1980,Mand,Nej`,
	'Per,Importsen,,+45 30 00 00 04,Åvænget 9,7130,Juelsminde,1999,Mand,Ja'
];
const file = (text: string, encoding: BufferEncoding = 'utf8') => ({
	name: 'respondents.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(text, encoding)
});

/** The number in the pool's heading, "Tilmeldte i puljen (90)". */
async function poolSize(page: Page): Promise<number> {
	const heading = await page.getByRole('heading', { name: /^Tilmeldte i puljen/ }).textContent();
	return Number(/\((\d+)\)/.exec(heading ?? '')?.[1]);
}

test('an administrator imports respondents.csv into the pool; a bad line imports nothing', async ({
	page
}) => {
	// Four uploads and two axe runs over a page with the whole pool: slow on a busy machine.
	test.slow();
	await signInOnce(page, 'admin2@demo.samraad.dk');
	await page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	const before = await poolSize(page);
	const form = page.getByRole('form', { name: 'Indlæs respondents.csv i puljen' });
	const fileField = form.getByLabel('Fil (respondents.csv)');

	// Saved as Excel's plain CSV (Windows-1252): refused, with the lines and how to save it right.
	await fileField.setInputFiles(file(`${header}\n${rows('7160').join('\n')}\n`, 'latin1'));
	await form.getByLabel(/Alle i filen har sagt ja/).check();
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	const alert = form.getByRole('alert');
	await expect(alert).toContainText('CSV UTF-8 (kommasepareret)');
	await expect(alert.getByRole('listitem').first()).toHaveText(
		'Linje 1: »Køn« er ikke gemt som UTF-8.'
	);

	// One bad postcode on line 3: the report names it beside the file field, and no one is added.
	await fileField.setInputFiles(file(`${header}\n${rows('716').join('\n')}\n`));
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	await expect(alert).toContainText('Filen kunne ikke indlæses, og ingen er føjet til puljen.');
	await expect(alert.getByRole('listitem')).toHaveText([
		'Linje 3, kolonne "postcode": »716« er ikke et postnummer (fire cifre).'
	]);
	await expect(fileField).toHaveAttribute('aria-describedby', /respondents-problems/);
	await expect(form.getByLabel(/Alle i filen har sagt ja/)).toBeChecked();
	expect(await poolSize(page)).toBe(before);
	await expectAccessible(page);

	// Corrected: all three join the pool, marked as imported, the age band from the birth year.
	await fileField.setInputFiles(file(`${header}\n${rows('7160').join('\n')}\n`));
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	await expect(page.getByRole('status')).toHaveText('3 personer er føjet til puljen.');
	await expect(form.getByRole('alert')).toHaveCount(0);
	await expect.poll(() => poolSize(page)).toBe(before + 3);
	const pool = page.getByRole('region', { name: 'Tilmeldte i puljen' });
	const ib = pool.getByRole('row', { name: /Ib Importsen/ });
	await expect(ib).toContainText('Importeret fil');
	await expect(ib).toContainText('60 år og derover');
	await expect(ib).toContainText('ib.importsen@example.dk');
	await expect(pool.getByRole('row', { name: /Per Importsen/ })).toContainText('16–34 år');
	await expectAccessible(page);

	// The same file again: everyone with an e-mail address is already in the pool.
	await fileField.setInputFiles(file(`${header}\n${rows('7160').join('\n')}\n`));
	await form.getByLabel(/Alle i filen har sagt ja/).check();
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	await expect(form.getByRole('alert').getByRole('listitem')).toHaveText([
		'Linje 2, kolonne "email": »ib.importsen@example.dk« er allerede tilmeldt puljen.',
		'Linje 3, kolonne "email": »ole.importsen@example.dk« er allerede tilmeldt puljen.'
	]);
	expect(await poolSize(page)).toBe(before + 3);
});

test('the import works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, locale: 'da-DK' });
	const page = await context.newPage();
	await signInOnce(page, 'admin2@demo.samraad.dk');
	await page.goto(`/mine/${DAYCARE}/admin/rekruttering`);
	const form = page.getByRole('form', { name: 'Indlæs respondents.csv i puljen' });
	await form
		.getByLabel('Fil (respondents.csv)')
		.setInputFiles(file(`first_name,email,Køn\nAnne,anne@example.dk,Kvinde\n`));
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	// No consent ticked, and the file lacks columns: both said where they belong.
	await expect(page.getByText('Sæt kryds, når alle i filen har sagt ja')).toBeVisible();
	await form
		.getByLabel('Fil (respondents.csv)')
		.setInputFiles(file(`first_name,email,Køn\nAnne,anne@example.dk,Kvinde\n`));
	await form.getByLabel(/Alle i filen har sagt ja/).check();
	await form.getByRole('button', { name: 'Indlæs og føj til puljen' }).click();
	await expect(form.getByRole('alert').getByRole('listitem')).toHaveText([
		'Linje 1, kolonne "address": Kolonnen mangler.',
		'Linje 1, kolonne "postcode": Kolonnen mangler.',
		'Linje 1, kolonne "birth_year": Kolonnen mangler.',
		'Linje 1, kolonne "Småbørnsforælder": Kolonnen mangler.'
	]);
	await context.close();
});
