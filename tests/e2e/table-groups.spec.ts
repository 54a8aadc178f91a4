import { expect, type Page } from '@playwright/test';
import { expectAccessible, signIn, signInOnce, WELFARE, test } from './support';

test.describe.configure({ mode: 'serial' });

const SESSION = '5e000000-0000-4000-8000-000000000005';
const TABLES = `/mine/${WELFARE}/facilitator/moeder/${SESSION}/borde`;
const QUESTION = 'Hvordan kan vi tænke frivillige ind i ældreplejen?';
const NOTE = 'Gruppe-referat: vi vil have en frivillighedsmesse og telefonkæder mellem ældre.';

const table = (page: Page, n: number) => page.getByRole('list', { name: `Bord ${n}`, exact: true });
const firstAt = async (page: Page, n: number) =>
	((await table(page, n).getByRole('listitem').first().textContent()) ?? '').trim();

async function expectSixTablesOfSix(page: Page) {
	await expect(
		page.getByRole('heading', { level: 2, name: '6 borde med 36 personer' })
	).toBeVisible();
	for (let n = 1; n <= 6; n++) await expect(table(page, n).getByRole('listitem')).toHaveCount(6);
}

test('a facilitator makes tables, is told beside the field what is wrong, swaps two people and prints the lists', async ({
	page,
	context
}) => {
	await signInOnce(page, 'facilitator@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}`);
	await page.getByRole('link', { name: 'Borde og referater' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Borde: Afvejninger mellem områderne' })
	).toBeVisible();
	await expectAccessible(page);

	// Table size 0: refused beside the field, and who is (not) present is kept.
	await page.getByLabel('Hanne Andersen').uncheck();
	await page.getByLabel('Antal personer ved hvert bord').fill('0');
	await page.getByRole('button', { name: 'Lav borde' }).click();
	await expect(page.getByText('Skriv et helt tal fra 1 til 50')).toBeVisible();
	await expect(page.getByLabel('Antal personer ved hvert bord')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByLabel('Hanne Andersen')).not.toBeChecked();
	await expect(page.getByLabel('Anne Nielsen')).toBeChecked();

	await page.getByLabel('Hanne Andersen').check();
	// The 36 demo members; another spec may have added a 37th (Grethe Mikkelsen), who is away today.
	const added = page.getByLabel('Grethe Mikkelsen');
	if ((await added.count()) > 0) await added.uncheck();
	await page.getByLabel('Antal personer ved hvert bord').fill('6');
	await page.getByRole('button', { name: 'Lav borde' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Bordene er lavet og gemt.' })
	).toBeVisible();
	await expectSixTablesOfSix(page);
	const measures = page.getByRole('table', { name: 'Hvor godt bordene er blandet' });
	await expect(measures).toContainText('Tilfældig fordeling');
	await expect(table(page, 1).locator('xpath=..')).toContainText('Køn');
	await expectAccessible(page);

	// Someone who is no longer seated (the tables were made again in another window) cannot be swapped.
	const gone = await firstAt(page, 3);
	const other = await context.newPage();
	await other.goto(TABLES);
	await other.getByLabel(gone, { exact: true }).uncheck();
	await other.getByRole('button', { name: 'Bland igen', exact: true }).click();
	await expect(
		other.getByRole('heading', { level: 2, name: '6 borde med 35 personer' })
	).toBeVisible();
	await other.close();

	const swap = page.getByRole('form', { name: 'Byt to personer' });
	await swap.getByLabel('Første person').selectOption({ label: `${gone} (bord 3)` });
	await swap.getByLabel('Anden person').selectOption({ index: 1 });
	await swap.getByRole('button', { name: 'Byt plads' }).click();
	await expect(page.getByText(/Personen sidder ikke ved et bord/)).toBeVisible();
	await expect(page.getByLabel('Første person')).toHaveAttribute('aria-invalid', 'true');

	// Everyone back; then a swap by hand, which "keep my moves" keeps.
	await page.goto(TABLES);
	await page.getByLabel(gone, { exact: true }).check();
	await page.getByRole('button', { name: 'Bland igen', exact: true }).click();
	await expectSixTablesOfSix(page);

	const a = await firstAt(page, 1);
	const b = await firstAt(page, 2);
	await page.getByLabel('Første person').selectOption({ label: `${a} (bord 1)` });
	await page.getByLabel('Anden person').selectOption({ label: `${b} (bord 2)` });
	await page.getByRole('button', { name: 'Byt plads' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'De to har byttet plads.' })
	).toBeVisible();
	await expect(table(page, 1)).toContainText(b);
	await expect(table(page, 2)).toContainText(a);
	await expect(table(page, 1)).not.toContainText(a);

	await page.getByRole('button', { name: 'Bland igen, men behold mine flytninger' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Bordene er lavet og gemt.' })
	).toBeVisible();
	await expect(table(page, 1)).toContainText(b);
	await expect(table(page, 2)).toContainText(a);
	await expectSixTablesOfSix(page);

	// The question the tables discuss.
	await page.getByRole('textbox', { name: 'Spørgsmål' }).fill(QUESTION);
	await page.getByRole('button', { name: 'Tilføj spørgsmål' }).click();
	await expect(page.getByRole('heading', { level: 3, name: QUESTION })).toBeVisible();

	await page.getByRole('link', { name: 'Udskriv bordlister' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Bordlister: Afvejninger mellem områderne' })
	).toBeVisible();
	for (let n = 1; n <= 6; n++) {
		await expect(page.getByRole('heading', { level: 2, name: `Bord ${n}` })).toBeVisible();
	}
	await expect(page.getByRole('region', { name: 'Bord 1' })).toContainText(b);
	await expectAccessible(page);
});

test('a member sees their table and writes its note; the facilitator publishes; another member reads it', async ({
	browser
}) => {
	const open = async () =>
		(await browser.newContext({ locale: 'da-DK', timezoneId: 'Europe/Copenhagen' })).newPage();
	const member = await open();
	await signIn(member, 'medlem05@demo.samraad.dk');
	await member.goto(`/mine/${WELFARE}/moeder/${SESSION}`);
	await member.getByRole('link', { name: 'Dit bord og bordenes referater' }).click();
	const seat = member.getByText(/Du sidder ved bord \d/);
	await expect(seat).toBeVisible();
	const number = /bord (\d)/.exec((await seat.textContent()) ?? '')?.[1];
	await expect(member.getByRole('list', { name: `Bord ${number}` })).toContainText('Hanne');
	await expect(
		member.getByRole('list', { name: `Bord ${number}` }).getByRole('listitem')
	).toHaveCount(6);
	await expect(member.getByText('Referaterne er ikke offentliggjort endnu.')).toBeVisible();
	await expectAccessible(member);

	const note = member.getByLabel(`Gruppe ${number}: ${QUESTION}`);
	await note.fill('   ');
	await member.getByRole('button', { name: 'Gem referatet' }).click();
	await expect(member.getByText('Udfyld feltet.')).toBeVisible();
	await member.getByLabel(`Gruppe ${number}: ${QUESTION}`).fill(NOTE);
	await member.getByRole('button', { name: 'Gem referatet' }).click();
	await expect(member.getByRole('status').filter({ hasText: 'Referatet er gemt.' })).toBeVisible();
	await member.context().close();

	const facilitator = await open();
	// The assembly's other facilitator (sign-in codes are limited per address, and the suite signs
	// in the first one often).
	await signInOnce(facilitator, 'facilitator2@demo.samraad.dk');
	await facilitator.goto(TABLES);
	await expect(facilitator.getByText(NOTE)).toBeVisible();
	await facilitator.getByRole('button', { name: 'Offentliggør referaterne' }).click();
	await expect(facilitator.getByText('1 af 1 referater er offentliggjort.')).toBeVisible();
	await facilitator.context().close();

	const reader = await open();
	await signIn(reader, 'medlem12@demo.samraad.dk');
	await reader.goto(`/mine/${WELFARE}/moeder/${SESSION}/borde`);
	await expect(reader.getByText(/Du sidder ved bord \d/)).toBeVisible();
	const published = reader.getByRole('region', { name: 'Bordenes referater' });
	await expect(published.getByRole('heading', { level: 3, name: QUESTION })).toBeVisible();
	await expect(
		published.getByRole('heading', { level: 4, name: `Gruppe ${number}` })
	).toBeVisible();
	await expect(published).toContainText(NOTE);
	await expectAccessible(reader);
	await reader.context().close();
});

test('without JavaScript a facilitator swaps two people', async ({ browser }) => {
	const context = await browser.newContext({
		javaScriptEnabled: false,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen'
	});
	const page = await context.newPage();
	await signInOnce(page, 'facilitator2@demo.samraad.dk');
	await page.goto(TABLES);
	await expectSixTablesOfSix(page);
	const a = await firstAt(page, 5);
	const b = await firstAt(page, 6);
	await page.getByLabel('Første person').selectOption({ label: `${a} (bord 5)` });
	await page.getByLabel('Anden person').selectOption({ label: `${b} (bord 6)` });
	await page.getByRole('button', { name: 'Byt plads' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'De to har byttet plads.' })
	).toBeVisible();
	await expect(table(page, 5)).toContainText(b);
	await expect(table(page, 6)).toContainText(a);
	await context.close();
});
