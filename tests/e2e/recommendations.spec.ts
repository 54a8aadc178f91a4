import { expect, type Browser, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expectAccessible, signInOnce, WELFARE, test } from './support';

test.describe.configure({ mode: 'serial' });
test.slow();

const CLIMATE = 'a55e0b1e-0000-4000-8000-000000000003';
const TITLE = 'Flere hænder i hjemmeplejen';
const PARAGRAPH_1 = 'Kommunen bør ansætte 20 flere hjemmehjælpere.';
const PARAGRAPH_2 = 'Det betales af besparelser på administration.';
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function as(browser: Browser, address: string, javaScriptEnabled = true): Promise<Page> {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signInOnce(page, address);
	return page;
}

/** The recommendation's page (its URL is learnt when it is created). */
let recommendationUrl = '';

test('a working group member drafts a recommendation; script in its Markdown is neutralised', async ({
	browser
}) => {
	const page = await as(browser, 'medlem01@demo.samraad.dk');
	await page.goto(`/mine/${WELFARE}/medlem`);
	await page.getByRole('link', { name: 'Anbefalinger' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Anbefalinger' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Forebyggelse før pleje' })).toBeVisible();
	await expectAccessible(page);

	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('Arbejdsgruppe').selectOption({ label: 'Ældre og sundhed' });
	await form.getByLabel('Titel').fill(TITLE);
	// Too short a title is refused beside the field, and the text is kept.
	await form.getByLabel('Titel').fill('Ny');
	await form
		.getByLabel('Tekst', { exact: true })
		.fill(`${PARAGRAPH_1}\n\n<script>alert(1)</script>`);
	await form.getByLabel('Anslået udgift eller besparelse (mio. kr. om året)').fill('8,5');
	await form.getByRole('button', { name: 'Opret anbefalingen' }).click();
	await expect(page.locator('#new-title-error')).toContainText('for kort');
	await expect(
		page.locator('form[action="?/create"]').getByLabel('Tekst', { exact: true })
	).toHaveValue(`${PARAGRAPH_1}\n\n<script>alert(1)</script>`);
	await page.locator('form[action="?/create"]').getByLabel('Titel').fill(TITLE);
	await page
		.locator('form[action="?/create"]')
		.getByRole('button', { name: 'Opret anbefalingen' })
		.click();

	await expect(page.getByRole('heading', { level: 1, name: `3. ${TITLE}` })).toBeVisible();
	recommendationUrl = new URL(page.url()).pathname;
	const text = page.getByRole('article', { name: 'Anbefalingens tekst' });
	await expect(text).toContainText(PARAGRAPH_1);
	await expect(text.locator('script')).toHaveCount(0);
	await expect(text).toContainText('8,5 mio. kr.');
	await expectAccessible(page);
	await page.context().close();
});

test('the working group revises; a concurrent save is refused with the difference shown and the text kept', async ({
	browser
}) => {
	const first = await as(browser, 'medlem01@demo.samraad.dk');
	const second = await as(browser, 'medlem02@demo.samraad.dk');
	await first.goto(recommendationUrl);
	await second.goto(recommendationUrl);

	const edit = (page: Page) => page.locator('form[action="?/save"]');
	await edit(first).getByLabel('Tekst', { exact: true }).fill(`${PARAGRAPH_1}\n\n${PARAGRAPH_2}`);
	await edit(first).getByRole('button', { name: 'Gem ny version' }).click();
	await expect(
		first.getByRole('status').filter({ hasText: 'Den nye version er gemt' })
	).toBeVisible();

	// The second member opened version 1 and saves on top of it: refused, shown the difference.
	const theirs = `${PARAGRAPH_1} Især om aftenen.\n\n${PARAGRAPH_2}`;
	await edit(second).getByLabel('Tekst', { exact: true }).fill(theirs);
	await edit(second).getByRole('button', { name: 'Gem ny version' }).click();
	await expect(second.getByRole('alert')).toContainText('En anden har gemt en ny version');
	await expect(second.getByText(/Version 2 blev gemt af Anne Nielsen/)).toBeVisible();
	await expect(
		second
			.locator('.conflict')
			.getByRole('group', { name: 'Forskel i teksten' })
			.getByRole('insertion')
			.filter({ hasText: 'Især om aftenen.' })
	).toBeVisible();
	await expect(edit(second).getByLabel('Tekst', { exact: true })).toHaveValue(theirs);
	await expectAccessible(second);
	// Having seen the difference, they save knowingly on top of version 2.
	await edit(second).getByRole('button', { name: 'Gem ny version' }).click();
	await expect(
		second.getByRole('status').filter({ hasText: 'Den nye version er gemt' })
	).toBeVisible();
	const versions = second.getByRole('table').filter({ hasText: 'SHA-256' });
	await expect(versions.getByRole('row')).toHaveCount(4);
	// Versions 2 and 3 compared as a readable diff.
	await expect(second.getByRole('heading', { name: 'Fra version 2 til version 3' })).toBeVisible();
	await first.context().close();
	await second.context().close();
});

test('a member proposes an amendment to a paragraph; the working group accepts it as a new version by the proposer', async ({
	browser
}) => {
	const proposer = await as(browser, 'medlem25@demo.samraad.dk');
	await proposer.goto(recommendationUrl);
	const propose = proposer.locator('form[action="?/propose"]');
	await propose.getByLabel('Afsnit', { exact: true }).selectOption({ index: 1 });
	await propose.getByLabel('Sådan skal afsnittet lyde').fill(PARAGRAPH_2);
	await propose.getByRole('button', { name: 'Send ændringsforslag' }).click();
	await expect(proposer.locator('#propose-text-error')).toContainText('det samme som afsnittet');
	const amended = 'Det betales af besparelser på administration og færre konsulenter.';
	await proposer
		.locator('form[action="?/propose"]')
		.getByLabel('Sådan skal afsnittet lyde')
		.fill(amended);
	await proposer
		.locator('form[action="?/propose"]')
		.getByRole('button', { name: 'Send ændringsforslag' })
		.click();
	await expect(
		proposer.getByRole('status').filter({ hasText: 'ændringsforslag er sendt' })
	).toBeVisible();
	const card = proposer.getByRole('article', { name: 'Ændringsforslag til afsnit 2' });
	await expect(card.locator('ins')).toContainText('og færre konsulenter');
	await expectAccessible(proposer);

	const group = await as(browser, 'medlem01@demo.samraad.dk');
	await group.goto(recommendationUrl);
	await group
		.getByRole('article', { name: 'Ændringsforslag til afsnit 2' })
		.getByRole('button', { name: 'Godkend ændringen' })
		.click();
	await expect(group.getByText('Blev til version 4.')).toBeVisible();
	const text = group.getByRole('article', { name: 'Anbefalingens tekst' });
	await expect(text).toContainText('og færre konsulenter');
	await expect(group.getByText(/version 4 af Louise Mikkelsen/)).toBeVisible();

	// A comment thread: the proposer asks, the working group answers.
	await proposer.reload();
	await proposer.getByLabel('Skriv en kommentar').fill('Skal ændringen også med i begrundelsen?');
	await proposer.getByRole('button', { name: 'Send kommentar' }).click();
	await group.reload();
	const thread = group.getByRole('article', { name: 'Kommentar fra Louise Mikkelsen' });
	await thread.getByText('Svar', { exact: true }).click();
	await thread.getByLabel('Dit svar').fill('Ja, det tager vi med.');
	await thread.getByRole('button', { name: 'Send svar' }).click();
	await expect(
		group
			.getByRole('article', { name: 'Kommentar fra Louise Mikkelsen' })
			.getByText('Ja, det tager vi med.')
	).toBeVisible();
	await expectAccessible(group);
	await proposer.context().close();
	await group.context().close();
});

test('the plenary votes, a minority statement is attached, and the facilitator freezes the adopted text with its hash', async ({
	browser
}) => {
	const facilitator = await as(browser, 'facilitator@demo.samraad.dk');
	await facilitator.goto(`/mine/${WELFARE}/facilitator`);
	await facilitator.getByRole('link', { name: 'Anbefalinger' }).click();
	await facilitator.getByRole('link', { name: TITLE }).click();
	await facilitator.getByRole('button', { name: 'Åbn afstemningen' }).click();
	await expect(facilitator.getByText('Afstemningen er åben.')).toBeVisible();

	const votes: [string, string][] = [
		['medlem01@demo.samraad.dk', 'Støtter'],
		['medlem25@demo.samraad.dk', 'Støtter'],
		['medlem26@demo.samraad.dk', 'Kan leve med'],
		['medlem27@demo.samraad.dk', 'Støtter']
	];
	for (const [address, choice] of votes) {
		// Member 26 votes without JavaScript.
		const member = await as(browser, address, !address.startsWith('medlem26'));
		await member.goto(recommendationUrl);
		await member.getByRole('radio', { name: choice, exact: true }).check();
		await member.getByRole('button', { name: 'Afgiv stemme' }).click();
		await expect(
			member.getByRole('status').filter({ hasText: 'Din stemme er gemt' })
		).toBeVisible();
		await member.context().close();
	}
	// Member 27 changes their mind while the vote is open: still one vote.
	const dissenter = await as(browser, 'medlem27@demo.samraad.dk');
	await dissenter.goto(recommendationUrl);
	await expect(dissenter.getByRole('radio', { name: 'Støtter', exact: true })).toBeChecked();
	await dissenter.getByRole('radio', { name: 'Støtter ikke' }).check();
	await dissenter.getByRole('button', { name: 'Afgiv stemme' }).click();
	await expect(
		dissenter.getByRole('status').filter({ hasText: 'Din stemme er gemt' })
	).toBeVisible();
	await expectAccessible(dissenter);

	await facilitator.reload();
	await expect(facilitator.getByText('Stemmer afgivet: 4')).toBeVisible();
	await facilitator.getByRole('button', { name: 'Afslut afstemningen' }).click();
	const result = facilitator.getByRole('table', { name: 'Resultat' });
	await expect(result.getByRole('row', { name: 'Støtter 2' })).toBeVisible();
	await expect(result.getByRole('row', { name: 'Kan leve med 1' })).toBeVisible();
	await expect(result.getByRole('row', { name: 'Støtter ikke 1' })).toBeVisible();
	await expect(facilitator.getByText('75 % støtter eller kan leve med')).toBeVisible();

	// After the vote, the dissenter attaches a minority statement; voting again is refused.
	await dissenter.reload();
	await expect(dissenter.getByRole('button', { name: 'Afgiv stemme' })).toHaveCount(0);
	const statement = 'Vi mener, at administrationen allerede er skåret til benet.';
	await dissenter.getByLabel('Udtalelse', { exact: true }).fill(statement);
	await dissenter.getByRole('button', { name: 'Tilføj udtalelsen' }).click();
	await expect(dissenter.getByRole('blockquote')).toContainText(statement);
	await expect(dissenter.getByText('Underskrevet af 1: Julie Holm')).toBeVisible();
	await dissenter.context().close();

	await facilitator.reload();
	await facilitator.getByRole('button', { name: 'Frys anbefalingen' }).click();
	await expect(facilitator.getByText('Frosset i version 4')).toBeVisible();
	const hash = (await facilitator.getByTestId('frozen-sha256').textContent())?.trim();
	const body = `${PARAGRAPH_1} Især om aftenen.\n\nDet betales af besparelser på administration og færre konsulenter.`;
	expect(hash).toBe(sha256(`# ${TITLE}\n\n${body}`));
	await expect(facilitator.locator('form[action="?/save"]')).toHaveCount(0);
	await expectAccessible(facilitator);

	// The handover report carries the vote, the statement and the same hash; it downloads as a PDF.
	await facilitator.goto(`/mine/${WELFARE}/anbefalinger`);
	await facilitator.getByRole('link', { name: 'Overleveringsrapport' }).click();
	await expect(
		facilitator.getByRole('heading', { level: 1, name: 'Overleveringsrapport' })
	).toBeVisible();
	await expect(facilitator.getByText(statement)).toBeVisible();
	await expect(facilitator.getByText(hash!)).toBeVisible();
	await expect(
		facilitator.getByText('Støtter: 2 · Kan leve med: 1 · Støtter ikke: 1').first()
	).toBeVisible();
	await expectAccessible(facilitator);
	const [download] = await Promise.all([
		facilitator.waitForEvent('download'),
		facilitator.getByRole('link', { name: 'Hent rapporten som PDF' }).click()
	]);
	const pdf = readFileSync((await download.path())!);
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(5000);
	await facilitator.context().close();
});

test('the public reads handed-over recommendations with votes and versions, and no drafts', async ({
	page
}) => {
	await page.goto(`/borgersamling/${WELFARE}/anbefalinger`);
	await expect(page.getByText('Anbefalingerne er ikke overleveret endnu')).toBeVisible();
	await expect(page.getByText(TITLE)).toHaveCount(0);

	await page.goto(`/borgersamling/${CLIMATE}`);
	await page.getByRole('link', { name: 'Borgersamlingens anbefalinger' }).click();
	await expect(page.getByRole('article')).toHaveCount(4);
	const first = page.getByRole('article', { name: '1. Bedre kollektiv trafik i landdistrikterne' });
	const body =
		'Kommunen bør oprette flextrafik i hele kommunen og to nye buslinjer mellem landsbyerne og stationsbyerne, med afgang mindst hver time i dagtimerne.\n\nFinansieringen skal findes inden for **Vækst, Teknik og Fællesskab** ved at udskyde asfaltprojekter.';
	await expect(
		first
			.getByText(`SHA-256: ${sha256(`# Bedre kollektiv trafik i landdistrikterne\n\n${body}`)}`)
			.first()
	).toBeVisible();
	await expect(
		first.getByRole('table', { name: 'Resultat' }).getByRole('row', { name: 'Kan leve med 3' })
	).toBeVisible();
	await first.getByText('Alle versioner (2)').click();
	await expect(first.getByText('Flere busser i landdistrikterne')).toBeVisible();
	const method = page.getByRole('article', { name: '4. Sådan prioriterer kommunen klimatiltag' });
	await expect(method.getByRole('table', { name: 'Kriterier og vægte' })).toContainText(
		'CO₂-reduktion pr. krone'
	);
	const nature = page.getByRole('article', { name: '3. Mere vild natur på kommunens arealer' });
	await expect(nature.getByText('Underskrevet af 2')).toBeVisible();
	await expectAccessible(page);
});
