import { expect, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, signIn, signInOnce, WELFARE, test } from './support';

test.describe.configure({ mode: 'serial' });
test.slow();

const TITLE = 'Fordel 100 point på velfærdsområderne';
const SESSION = '5e000000-0000-4000-8000-000000000004';

/** A member votes on a phone: amounts in the order of the welfare areas. */
async function vote(browser: Browser, address: string, amounts: number[]) {
	const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const page = await context.newPage();
	await signIn(page, address);
	await page.goto(`/mine/${WELFARE}/oevelser`);
	await page.getByRole('link', { name: TITLE }).click();
	await page.waitForLoadState('networkidle');
	const fields = page.getByRole('textbox');
	for (const [index, amount] of amounts.entries()) await fields.nth(index).fill(String(amount));
	await page.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(page.getByText(/Din stemme er registreret kl\. \d\d\.\d\d\./)).toBeVisible();
	const code = /Din kvitteringskode: ([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(
		(await page.getByRole('status').filter({ hasText: 'kvitteringskode' }).textContent()) ?? ''
	)?.[1];
	await context.close();
	return code!;
}

test('a facilitator runs a budget allocation; members vote on phones, an unbalanced ballot is refused, each gets a receipt; the result is counted and published', async ({
	page,
	browser
}) => {
	await signInOnce(page, 'facilitator2@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator`);
	await page.getByRole('link', { name: 'Prioriteringsøvelser' }).click();
	await page.waitForLoadState('networkidle');
	const create = page.getByRole('form', { name: 'Ny øvelse' });
	await create.getByLabel('Titel').fill(TITLE);
	await create.getByLabel('Metode').selectOption({ label: 'Budgetfordeling' });
	await create.getByLabel('Spørgsmålet til medlemmerne').fill('Hvordan skal kommunen prioritere?');
	await create.getByLabel('Møde', { exact: true }).selectOption(SESSION);
	await create.getByRole('button', { name: 'Opret øvelsen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Øvelsen er oprettet' })).toBeVisible();
	// Limits and consequence texts per area, checked beside the field, before the round opens.
	await page
		.getByRole('link', { name: `Grænser og konsekvenser pr. område for «${TITLE}»` })
		.click();
	const social = page.getByRole('group', { name: 'Social omsorg' });
	await social.getByLabel('Mindst').fill('50');
	await social.getByLabel('Højst').fill('40');
	await social.getByLabel('Hvad betyder flere penge til området?').fill('Flere hjemmehjælpstimer.');
	await page.getByRole('button', { name: 'Gem indstillingerne' }).click();
	await expect(social.getByText('Det mindste beløb er større end det højeste.')).toBeVisible();
	await expect(social.getByLabel('Hvad betyder flere penge til området?')).toHaveValue(
		'Flere hjemmehjælpstimer.'
	);
	await expectAccessible(page);
	await social.getByLabel('Mindst').fill('10');
	await social.getByLabel('Højst').fill('60');
	await social.getByLabel('Lovbunden del').fill('20');
	await page.getByRole('button', { name: 'Gem indstillingerne' }).click();
	await expect(page.getByText('Indstillingerne er gemt.')).toBeVisible();
	await expect(social.getByLabel('Lovbunden del')).toHaveValue('20');
	await page.goto(`/mine/${WELFARE}/facilitator/oevelser`);

	await page.getByRole('button', { name: `Åbn runde 1 af «${TITLE}»` }).click();
	const exercise = page.getByRole('article', { name: TITLE });
	await expect(exercise.getByText(/^0 af 3[67] har stemt$/)).toBeVisible();
	await expectAccessible(page);

	// A member on a phone: the allocation must balance; the message says by how much.
	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const member = await phone.newPage();
	await signIn(member, 'medlem10@demo.samraad.dk');
	await member.goto(`/mine/${WELFARE}/oevelser`);
	await member.getByRole('link', { name: TITLE }).click();
	await member.waitForLoadState('networkidle');
	await expect(member.getByText(/Ingen – heller ikke facilitatorer/)).toBeVisible();
	await expect(member.getByText('Mere til området: Flere hjemmehjælpstimer.')).toBeVisible();
	await member.getByLabel('Social omsorg').fill('40');
	await member.getByLabel('Beskæftigelse').fill('10');
	await member.getByLabel('Læring').fill('30');
	await member.getByLabel('Vækst, Teknik og Fællesskab').fill('10');
	await member.getByLabel('Økonomi, Personale og IT').fill('5');
	await expect(member.getByText('Fordelt: 95 af 100')).toBeVisible();
	await member.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(
		member.getByText('Fordelingen skal give 100 i alt. Du har fordelt 95.')
	).toBeVisible();
	await expect(member.getByLabel('Social omsorg')).toHaveValue('40');
	await expectAccessible(member);
	await member.getByLabel('Økonomi, Personale og IT').fill('10');
	await member.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(member.getByText(/Din stemme er registreret kl\. \d\d\.\d\d\./)).toBeVisible();
	const receipt = /([A-Z0-9]{5}-[A-Z0-9]{5})/.exec(
		(await member.getByText(/Din kvitteringskode/).textContent()) ?? ''
	)![1]!;
	// The projector counts who has voted (never how), pushed by server-sent events.
	const stream = page.waitForResponse(
		(response) =>
			response.url().endsWith(`/moeder/${SESSION}/live`) &&
			(response.headers()['content-type'] ?? '').startsWith('text/event-stream')
	);
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/projektor`);
	await stream;
	await expect(page.getByText('Har stemt: 1')).toBeVisible();

	// The vote can be changed while the round is open; the receipt stays.
	await member.reload();
	await expect(member.getByLabel('Social omsorg')).toHaveValue('40');
	await member.getByLabel('Social omsorg').fill('45');
	await member.getByLabel('Økonomi, Personale og IT').fill('5');
	await member.getByRole('button', { name: 'Ændr min stemme' }).click();
	await expect(member.getByText(receipt, { exact: false })).toBeVisible();
	await expectAccessible(member);

	const others = [
		await vote(browser, 'medlem11@demo.samraad.dk', [30, 20, 30, 10, 10]),
		await vote(browser, 'medlem13@demo.samraad.dk', [35, 15, 35, 10, 5]),
		await vote(browser, 'medlem14@demo.samraad.dk', [25, 25, 25, 15, 10])
	];
	expect(others.every((code) => /^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(code))).toBe(true);

	// Four ballots so far; the projector and the member's page show the count without reloading.
	await expect(page.getByText('Har stemt: 4')).toBeVisible();
	await expect(member.getByText(/^4 af 3[67] har stemt indtil nu\.$/)).toBeVisible();
	await page.goto(`/mine/${WELFARE}/facilitator/oevelser`);
	await expect(
		page.getByRole('article', { name: TITLE }).getByText(/^4 af 3[67] har stemt$/)
	).toBeVisible();
	await vote(browser, 'medlem15@demo.samraad.dk', [40, 20, 20, 10, 10]);
	// A paper ballot for a member without a device, entered by the facilitator.
	await page.goto(`/mine/${WELFARE}/oevelser`);
	await page.getByRole('link', { name: TITLE }).click();
	await page.waitForLoadState('networkidle');
	const paper = page.getByRole('region', { name: 'Indtast en papirstemme' });
	await paper.getByLabel('Social omsorg').fill('35');
	await paper.getByLabel('Beskæftigelse').fill('15');
	await paper.getByLabel('Læring').fill('30');
	await paper.getByLabel('Vækst, Teknik og Fællesskab').fill('10');
	await paper.getByLabel('Økonomi, Personale og IT').fill('10');
	await paper.getByRole('button', { name: 'Registrér papirstemmen' }).click();
	await expect(page.getByText('Vælg det medlem, stemmen er fra.')).toBeVisible();
	const again = page.getByRole('region', { name: 'Indtast en papirstemme' });
	await expect(again.getByLabel('Social omsorg')).toHaveValue('35');
	await again.getByLabel('Medlem').selectOption({ label: 'Mads Christiansen' });
	await again.getByRole('button', { name: 'Registrér papirstemmen' }).click();
	await expect(page.getByText(/Papirstemmen er registreret kl\. \d\d\.\d\d\./)).toBeVisible();
	await expectAccessible(page);

	// A member without JavaScript opens the ballot while the round is open and sends it only after
	// it has closed: refused beside the form, nothing counted (the server had just read the open
	// round's settings for this page, so this is the vote's fast path meeting a stale round).
	const lateContext = await browser.newContext({ javaScriptEnabled: false });
	const late = await lateContext.newPage();
	await signIn(late, 'medlem18@demo.samraad.dk');
	await late.goto(`/mine/${WELFARE}/oevelser`);
	await late.getByRole('link', { name: TITLE }).click();
	const lateFields = late.getByRole('textbox');
	for (const [index, amount] of [40, 20, 20, 10, 10].entries())
		await lateFields.nth(index).fill(String(amount));

	// Closed from the session's console.
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/konsol`);
	await page.getByRole('button', { name: `Luk runde 1 af «${TITLE}» og tæl op` }).click();
	await late.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(late.getByText('Afstemningen er ikke åben lige nu.')).toBeVisible();
	await expect(late.getByText(/Din kvitteringskode/)).toHaveCount(0);
	await lateContext.close();
	await page
		.getByRole('button', { name: `Offentliggør resultatet af runde 1 af «${TITLE}»` })
		.click();
	await expect(page.getByRole('article', { name: TITLE })).toContainText('Offentliggjort');

	// The facilitator shows the result on the projector; a projector already open shows it without
	// reloading (the state is the server's), with the same numbers in a table; then hides it again.
	const projector = await page.context().newPage();
	await projector.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/projektor`);
	await expect(projector.getByTestId('projector-reveal')).toHaveCount(0);
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/konsol`);
	await page.getByRole('button', { name: `Vis resultat på skærmen: ${TITLE}, runde 1` }).click();
	await expect(page.getByText('Runde 1 vises på skærmen nu.')).toBeVisible();
	const shown = projector.getByRole('region', { name: `Resultat: ${TITLE}, runde 1` });
	await expect(shown.getByText('6 stemmer talt (1 på papir)')).toBeVisible();
	await expect(shown.getByRole('row', { name: /Social omsorg/ })).toContainText('35');
	await expect(shown.getByText(/aldrig hvem der har stemt hvad/)).toBeVisible();
	await expectAccessible(projector);
	await expectAccessible(page);
	await page.getByRole('button', { name: `Skjul resultatet af ${TITLE}, runde 1` }).click();
	await expect(projector.getByTestId('projector-reveal')).toHaveCount(0);
	await projector.close();

	// The member reads the result (aggregate only) and finds their receipt code on the list.
	await member.goto(`/mine/${WELFARE}/oevelser`);
	await member.getByRole('link', { name: TITLE }).click();
	const result = member.getByRole('region', { name: 'Resultat af runde 1' });
	await expect(result.getByText('6 stemmer talt (1 på papir)')).toBeVisible();
	await expect(result.getByRole('row', { name: /Social omsorg/ })).toContainText('35');
	await result.getByText(/Kvitteringskoder for de talte stemmer \(6\)/).click();
	await expect(result.getByText(receipt)).toBeVisible();
	const download = member.waitForEvent('download');
	await result.getByRole('link', { name: 'Hent resultatet som CSV (Excel)' }).click();
	const text = readFileSync((await (await download).path())!, 'utf8');
	expect(text.startsWith('\uFEFFMetode;Mulighed;Placering;Værdi\r\n')).toBe(true);
	expect(text).toContain('allocation;Social omsorg;1;0,35\r\n');
	await expectAccessible(member);

	// The methods side by side: one published allocation is one method, too few to compare yet.
	await member.goto(`/mine/${WELFARE}/oevelser`);
	await member.getByRole('link', { name: 'Sammenlign metodernes resultater side om side' }).click();
	await expect(member.getByRole('heading', { name: 'Metoderne side om side' })).toBeVisible();
	await expect(member.getByText(/mindst to offentliggjorte resultater/)).toBeVisible();
	await expectAccessible(member);
	await phone.close();
});

test('on a phone a member ranks the welfare areas (two on one place is refused beside the field) and compares pairs, with a receipt for each', async ({
	page,
	browser
}) => {
	await signIn(page, 'facilitator2@demo.samraad.dk');
	for (const [title, kind] of [
		['Rangér velfærdsområderne', 'Rangering'],
		['Sammenlign to og to', 'Parvis sammenligning']
	] as const) {
		await page.goto(`/mine/${WELFARE}/facilitator/oevelser`);
		const create = page.getByRole('form', { name: 'Ny øvelse' });
		await create.getByLabel('Titel').fill(title);
		await create.getByLabel('Metode').selectOption({ label: kind });
		await create.getByRole('button', { name: 'Opret øvelsen' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Øvelsen er oprettet' })).toBeVisible();
		await page.getByRole('button', { name: `Åbn runde 1 af «${title}»` }).click();
		await expect(page.getByRole('article', { name: title }).getByText(/^0 af/)).toBeVisible();
	}

	const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const member = await phone.newPage();
	await signIn(member, 'medlem16@demo.samraad.dk');
	await member.goto(`/mine/${WELFARE}/oevelser`);
	await member.getByRole('link', { name: 'Rangér velfærdsområderne' }).click();
	const areas = [
		'Social omsorg',
		'Beskæftigelse',
		'Læring',
		'Vækst, Teknik og Fællesskab',
		'Økonomi, Personale og IT'
	];
	for (const [index, area] of areas.entries()) {
		await member.getByLabel(`Plads: ${area}`).selectOption(String(index === 1 ? 1 : index + 1));
	}
	await member.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(
		member.getByText('To muligheder har fået samme plads. Giv hver sin plads.')
	).toBeVisible();
	await expect(member.getByLabel('Plads: Læring')).toHaveValue('3');
	await expectAccessible(member);
	await member.getByLabel('Plads: Beskæftigelse').selectOption('2');
	await member.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(member.getByText(/Din stemme er registreret kl\. \d\d\.\d\d\./)).toBeVisible();
	await expect(member.getByText(/Din kvitteringskode: [A-Z0-9]{5}-[A-Z0-9]{5}/)).toBeVisible();

	await member.goto(`/mine/${WELFARE}/oevelser`);
	await member.getByRole('link', { name: 'Sammenlign to og to' }).click();
	const pairs = member.getByRole('group', { name: /Hvad er vigtigst\?/ });
	await expect(pairs.first()).toBeVisible();
	const count = await pairs.count();
	expect(count).toBeGreaterThan(0);
	for (let index = 0; index < count; index++) {
		await pairs.nth(index).getByRole('radio').first().check();
	}
	await member.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(member.getByText(/Din kvitteringskode: [A-Z0-9]{5}-[A-Z0-9]{5}/)).toBeVisible();
	await expectAccessible(member);
	await phone.close();

	// Kiosk mode: the facilitator turns this browser into the session's shared tablet (and is signed
	// out); a member signs in on it, ranks, and is signed out again once the ballot is in.
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/konsol`);
	await page.getByRole('button', { name: 'Start kioskvisning på denne enhed' }).click();
	await expect(page).toHaveURL(/\/log-ind\?next=/);
	await expect(page.getByText(/Fælles tablet i kioskvisning/)).toBeVisible();
	await expectAccessible(page);
	await signIn(page, 'medlem17@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/oevelser`);
	await expect(page.getByText(/Du bliver logget ud, når du har stemt/)).toBeVisible();
	await page.getByRole('link', { name: 'Rangér velfærdsområderne' }).click();
	for (const [index, area] of areas.entries()) {
		await page.getByLabel(`Plads: ${area}`).selectOption(String(areas.length - index));
	}
	await page.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(page.getByText(/Din kvitteringskode: [A-Z0-9]{5}-[A-Z0-9]{5}/)).toBeVisible();
	await expect(
		page.getByText('Du er nu logget ud. Giv tabletten videre til den næste.')
	).toBeVisible();
	await expectAccessible(page);
	await page.goto(`/mine/${WELFARE}/oevelser`);
	await expect(page).toHaveURL(/\/log-ind/);
	// Only an organiser ends kiosk mode, signed in on the tablet, from the console.
	await signIn(page, 'facilitator2@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/facilitator/moeder/${SESSION}/konsol`);
	await page.getByRole('button', { name: 'Afslut kioskvisning' }).click();
	await page.goto('/log-ind');
	await expect(page.getByText(/Fælles tablet i kioskvisning/)).toHaveCount(0);
});
