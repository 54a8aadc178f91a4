import { expect } from '@playwright/test';
import { expectAccessible, latestMail, signInOnce, WELFARE, test } from './support';

const CLIMATE = 'a55e0b1e-0000-4000-8000-000000000003';
const THREAD = 'Skal ældreplejen have en større del af budgettet?';

test('a member argues and replies on a phone, and a script in a post is removed', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await signInOnce(page, 'medlem04@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/medlem`);
	await page.getByRole('link', { name: 'Drøftelser' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Drøftelser' })).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: THREAD }).click();
	await expect(page.getByRole('heading', { level: 1, name: THREAD })).toBeVisible();

	// An empty argument is refused beside the field; the choice is kept.
	await page.getByLabel('Imod', { exact: true }).check();
	await page.getByLabel('Dit indlæg').fill(' ');
	await page.getByRole('button', { name: 'Send indlæg' }).click();
	await expect(page.getByText('Teksten er for kort (mindst 2 tegn).')).toBeVisible();
	await expect(page.getByLabel('Imod', { exact: true })).toBeChecked();

	const argument = 'Skolerne mangler også penge. <script>alert("hej")</script> **Forebyg** først.';
	await page.getByLabel('Dit indlæg').fill(argument);
	await page.getByRole('button', { name: 'Send indlæg' }).click();
	await expect(page.getByRole('status')).toHaveText('Dit indlæg er sendt.');
	const mine = page.getByRole('article', { name: /^Imod: dig$/ });
	await expect(mine).toContainText('Skolerne mangler også penge.');
	await expect(mine).not.toContainText('alert');
	await expect(mine.locator('strong', { hasText: 'Forebyg' })).toBeVisible();
	await expect(mine.locator('script')).toHaveCount(0);

	// A reply to another member's argument, under it.
	const first = page.getByRole('article').filter({ hasText: 'Ja. Vi bliver flere ældre' }).first();
	await first.getByText('Svar', { exact: true }).click();
	await first.getByLabel('Dit svar til indlægget').fill('Hvor mange flere over 80 bliver vi?');
	await first.getByRole('button', { name: 'Send svar' }).click();
	await expect(
		page
			.getByRole('article')
			.filter({ hasText: 'Ja. Vi bliver flere ældre' })
			.first()
			.getByRole('region', { name: /Svar/ })
	).toContainText('Hvor mange flere over 80 bliver vi?');

	// An argument changed my mind: the count rises, and only I see that it was me.
	const against = page.getByRole('article').filter({ hasText: 'Nej, ikke hvis det går' }).first();
	await expect(against).toContainText('2 har ændret mening af dette');
	// The post's own button comes before those of its replies.
	await against
		.getByRole('button', { name: 'Det her fik mig til at ændre mening' })
		.first()
		.click();
	const after = page.getByRole('article').filter({ hasText: 'Nej, ikke hvis det går' }).first();
	await expect(after).toContainText('3 har ændret mening af dette');
	await expect(after).toContainText('kun du kan se det');
	await expectAccessible(page);
});

test('a facilitator hides a post with a reason that everyone sees', async ({ page, browser }) => {
	await signInOnce(page, 'facilitator@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator`);
	await page.getByRole('link', { name: 'Drøftelser' }).click();
	await page.getByRole('link', { name: THREAD }).click();

	const reply = page
		.getByRole('article')
		.filter({ hasText: 'Har vi tal på, hvor meget forebyggelsen sparer?' })
		.last();
	await reply.getByText('Moderér').click();
	// Too short a reason is refused beside the field.
	await reply.getByLabel('Begrundelse (vises for alle)').fill('nå');
	await reply.getByRole('button', { name: 'Skjul indlægget' }).click();
	const again = page
		.getByRole('article')
		.filter({ hasText: 'Har vi tal på, hvor meget forebyggelsen sparer?' })
		.last();
	await expect(again.getByText('Teksten er for kort (mindst 3 tegn).')).toBeVisible();
	await again
		.getByLabel('Begrundelse (vises for alle)')
		.fill('Spørgsmålet er sendt til forvaltningen');
	await again.getByRole('button', { name: 'Skjul indlægget' }).click();
	await expect(
		page.getByText('Skjult af facilitator: Spørgsmålet er sendt til forvaltningen')
	).toBeVisible();
	await expectAccessible(page);

	// A member sees the reason, not the text.
	const member = await browser.newContext({ baseURL: page.url().replace(/\/mine\/.*$/, '') });
	const memberPage = await member.newPage();
	await signInOnce(memberPage, 'medlem05@demo.samraad.dk');
	await memberPage.goto(page.url());
	await expect(
		memberPage.getByText('Skjult af facilitator: Spørgsmålet er sendt til forvaltningen')
	).toBeVisible();
	await expect(memberPage.getByText('Har vi tal på, hvor meget forebyggelsen sparer?')).toHaveCount(
		0
	);
	await member.close();
});

test('parties answer a hearing through their links, and every response appears at once when it closes', async ({
	page,
	browser
}) => {
	// A long journey (three parties, a late invitation, the close, a council citation).
	test.setTimeout(180_000);
	await signInOnce(page, 'klima-byraad@demo.samraad.dk');
	await page.goto(`/mine/${CLIMATE}/byraad`);
	await page.getByRole('link', { name: 'Høring', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Høring' })).toBeVisible();
	await expectAccessible(page);

	// A malformed party list is refused beside the field, the text kept.
	await page.getByLabel('Høringsberettigede parter').fill('HovedMED\nHovedMED');
	await page.getByRole('button', { name: 'Åbn høringen' }).click();
	await expect(page.getByText('Den samme part står der to gange.')).toBeVisible();

	const opened = Date.now() - 1;
	await page
		.getByLabel('Høringsberettigede parter')
		.fill('HovedMED; hovedmed@kommune.example\nÆldrerådet\nHandicaprådet');
	await page.getByRole('button', { name: 'Åbn høringen' }).click();
	await expect(page.getByText('Linkene vises kun denne ene gang.')).toBeVisible();
	const links = page.getByRole('table').first();
	const linkOf = async (party: string) =>
		(await links
			.getByRole('row', { name: new RegExp(party) })
			.locator('code')
			.textContent())!;
	const hovedmed = await linkOf('HovedMED');
	const aeldreraadet = await linkOf('Ældrerådet');
	const handicapraadet = await linkOf('Handicaprådet');
	expect(hovedmed).toMatch(/\/hoering\/[0-9a-f]{64}$/);
	// A party with an address gets its link by mail; the others' links are for the secretariat to send.
	await expect(links.getByRole('row', { name: /HovedMED/ })).toContainText('Sendt med mail');
	await expect(links.getByRole('row', { name: /Ældrerådet/ })).toContainText('Ingen adresse');
	expect(await latestMail('hovedmed@kommune.example', opened)).toContain(hovedmed);

	// A forgotten party is invited while the hearing is open; a name already invited is refused.
	const hearing = page.getByRole('article', { name: 'Høring om borgersamlingens anbefalinger' });
	await hearing.getByLabel('Partens navn').fill('ældrerådet');
	await hearing.getByRole('button', { name: 'Inviter parten' }).click();
	await expect(page.getByText('Den samme part står der to gange.')).toBeVisible();
	await page
		.getByRole('article', { name: 'Høring om borgersamlingens anbefalinger' })
		.getByLabel('Partens navn')
		.fill('Lokalrådet i Nordby');
	await page
		.getByRole('article', { name: 'Høring om borgersamlingens anbefalinger' })
		.getByRole('button', { name: 'Inviter parten' })
		.click();
	await expect(page.getByText('Linkene vises kun denne ene gang.')).toBeVisible();
	const lokalraadet = await linkOf('Lokalrådet i Nordby');
	expect(lokalraadet).toMatch(/\/hoering\/[0-9a-f]{64}$/);
	await expectAccessible(page);

	// Nothing of the hearing is public before it closes.
	const origin = new URL(hovedmed).origin;
	const visitor = await browser.newContext({ baseURL: origin });
	const publicPage = await visitor.newPage();
	await publicPage.goto(`/borgersamling/${CLIMATE}/hoering`);
	await expect(publicPage.getByText('Der er ingen afsluttede høringer endnu.')).toBeVisible();

	// A party answers once, overall and on one recommendation.
	const party = await visitor.newPage();
	await party.goto(hovedmed);
	await expect(
		party.getByRole('heading', { level: 1, name: 'Høringssvar fra HovedMED' })
	).toBeVisible();
	await expectAccessible(party);
	await party.getByRole('button', { name: 'Send høringssvaret' }).click();
	await expect(party.getByText(/Skriv et samlet svar, et svar til mindst én/)).toBeVisible();
	await party.getByLabel('Samlet høringssvar').fill('HovedMED bakker op om anbefalingerne.');
	await party
		.getByLabel(/Svar til anbefaling 2:/)
		.fill('Husk arbejdsmiljøet, når solcellerne monteres.');
	await party.getByRole('button', { name: 'Send høringssvaret' }).click();
	await expect(party.getByRole('status')).toContainText('Tak. Jeres høringssvar er modtaget');
	// The used link shows the response read-only, never a new form.
	await party.goto(hovedmed);
	await expect(party.getByText('HovedMED bakker op om anbefalingerne.')).toBeVisible();
	await expect(party.getByRole('button', { name: 'Send høringssvaret' })).toHaveCount(0);

	await party.goto(lokalraadet);
	await party.getByLabel('Samlet høringssvar').fill('Lokalrådet i Nordby støtter busserne.');
	await party.getByRole('button', { name: 'Send høringssvaret' }).click();
	await expect(party.getByRole('status')).toContainText('Tak. Jeres høringssvar er modtaget');

	await party.goto(aeldreraadet);
	await party.getByLabel('Samlet høringssvar').fill('Ældrerådet ønsker flere busser om aftenen.');
	await party.getByRole('button', { name: 'Send høringssvaret' }).click();
	await expect(party.getByRole('status')).toContainText('Tak. Jeres høringssvar er modtaget');

	// Still nothing public; the secretariat sees who answered, not what.
	await publicPage.reload();
	await expect(publicPage.getByText('HovedMED bakker op om anbefalingerne.')).toHaveCount(0);
	await page.goto(`/mine/${CLIMATE}/hoering`);
	await expect(page.getByText('3 af 4 parter har svaret')).toBeVisible();
	await expect(page.getByText('HovedMED bakker op om anbefalingerne.')).toHaveCount(0);

	// The secretariat closes the hearing (the test's way to reach the deadline): all at once.
	await page.getByRole('button', { name: 'Luk høringen nu' }).click();
	await expect(page.getByRole('status')).toContainText('Høringen er lukket');
	await publicPage.goto(`/borgersamling/${CLIMATE}`);
	await expect(
		publicPage.getByText(
			'Overleveringen den 20. august 2026 kommer før 1. behandling den 19. september 2026'
		)
	).toBeVisible();
	await publicPage.getByRole('link', { name: 'Høringssvar' }).click();
	await expect(publicPage.getByRole('heading', { name: 'HovedMED' })).toBeVisible();
	await expect(publicPage.getByRole('heading', { name: 'Ældrerådet' })).toBeVisible();
	await expect(publicPage.getByRole('heading', { name: 'Lokalrådet i Nordby' })).toBeVisible();
	await expect(
		publicPage.getByText('Husk arbejdsmiljøet, når solcellerne monteres.')
	).toBeVisible();
	await expect(publicPage.getByText('3 af 4 parter har svaret')).toBeVisible();
	await expectAccessible(publicPage);

	// The council's response can now cite a hearing response: a correction of the 3-month response.
	await page.goto(`/mine/${CLIMATE}/byraad/svar`);
	await page.getByRole('link', { name: 'Status efter 3 måneder' }).click();
	const second = page.getByRole('article', { name: /Anbefaling 2:/ });
	await second.getByText('Ret svaret').click();
	await expect(second.getByLabel(/HovedMED.*har svaret på denne anbefaling/)).toBeVisible();
	await second.getByLabel(/HovedMED/).check();
	await second.getByLabel('Hvad er rettet').fill('Høringssvaret fra HovedMED er taget med.');
	await second.getByRole('button', { name: 'Gem rettelse' }).click();
	await expect(page.getByRole('status')).toContainText('Gemt.');
	await page
		.getByRole('article', { name: /Anbefaling 2:/ })
		.getByRole('button', { name: 'Offentliggør rettelsen' })
		.click();
	await expect(page.getByRole('status')).toContainText('Rettelsen er offentliggjort');
	await publicPage.goto(`/borgersamling/${CLIMATE}/opfoelgning`);
	const cited = publicPage.getByRole('article', { name: /Anbefaling 2:/ });
	await expect(cited.getByText('Bygger på høringssvar fra')).toBeVisible();
	await cited.getByRole('link', { name: 'HovedMED' }).click();
	await expect(publicPage).toHaveURL(/\/hoering#svar-[0-9a-f-]{36}$/);
	await expect(publicPage.getByText('HovedMED bakker op om anbefalingerne.')).toBeVisible();

	// After the close a party that did not answer gets no form; a broken link opens nothing.
	await party.goto(handicapraadet);
	await expect(
		party.getByText('Høringen er lukket. Der kan ikke længere afgives svar.')
	).toBeVisible();
	await expect(party.getByRole('button', { name: 'Send høringssvaret' })).toHaveCount(0);
	await party.goto(handicapraadet.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
	await expect(party.getByText('Linket er ikke gyldigt.')).toBeVisible();
	await visitor.close();
});

test('organisers see the budget calendar and the public reads the published deliberation', async ({
	page
}) => {
	await signInOnce(page, 'klima-admin@demo.samraad.dk');
	await page.goto(`/mine/${CLIMATE}/budgetkalender`);
	await expect(page.getByRole('heading', { level: 1, name: 'Budgetkalender 2026' })).toBeVisible();
	const reading = page.getByRole('group', { name: '1. behandling' });
	await reading.getByLabel('Fra').fill('2026-08-14');
	await reading.getByRole('button', { name: 'Gem' }).click();
	await expect(
		page.getByText(
			'Overleveringen den 20. august 2026 kommer efter 1. behandling den 14. august 2026'
		)
	).toBeVisible();
	await expectAccessible(page);
	// Back to the default (an empty date).
	await page.getByRole('group', { name: '1. behandling' }).getByLabel('Fra').fill('');
	await page
		.getByRole('group', { name: '1. behandling' })
		.getByRole('button', { name: 'Gem' })
		.click();
	await expect(page.getByText(/kommer før 1\. behandling den 19\. september 2026/)).toBeVisible();

	await page.goto(`/borgersamling/${CLIMATE}/droeftelse`);
	await expect(
		page.getByRole('heading', { name: 'Busser eller cykelstier i landdistrikterne?' })
	).toBeVisible();
	await expect(page.getByText('Cykelstier er billigere at drive')).toBeVisible();
	await expect(page.getByText('Et panelmedlem').first()).toBeVisible();
	await expectAccessible(page);
});
