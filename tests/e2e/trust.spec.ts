import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectAccessible, signIn, signInOnce, test } from './support';

const KLIMA = 'a55e0b1e-0000-4000-8000-000000000003';

test('the public pages show the latest hash of the audit chain', async ({ page }) => {
	await page.goto(`/borgersamling/${KLIMA}`);
	const audit = page.getByRole('region', { name: 'Revisionsspor' });
	await expect(audit).toBeVisible();
	// The seed froze and handed over four recommendations: their entries end the chain.
	await expect(audit.getByTestId('audit-head-hash')).toHaveText(/^[0-9a-f]{64}$/);
	const hash = await audit.getByTestId('audit-head-hash').textContent();
	await expectAccessible(page);

	await page.goto(`/borgersamling/${KLIMA}/lodtraekning`);
	await expect(page.getByTestId('audit-head-hash')).toHaveText(hash!);
	await expectAccessible(page);
});

test('a member downloads their data and asks for deletion; the administrator carries it out', async ({
	browser
}) => {
	const address = `slet-mig-${Date.now()}@example.dk`;
	const name = `Sletbar Deltager ${Date.now()}`;

	// The administrator adds a new member to the handed-over assembly.
	const admin = await (await browser.newContext()).newPage();
	await signInOnce(admin, 'klima-admin@demo.samraad.dk');
	await admin.goto(`/mine/${KLIMA}/admin`);
	await admin.getByLabel('Fulde navn').fill(name);
	await admin.getByLabel('E-mailadresse').fill(address);
	await admin.getByLabel('Rolle', { exact: true }).selectOption('member');
	await admin.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(admin.getByText(`${name} er tilføjet.`)).toBeVisible();

	// The member signs in, finds their data and downloads it.
	const member = await (await browser.newContext()).newPage();
	await signIn(member, address);
	await member.getByRole('link', { name: 'Mine data' }).click();
	await expect(member.getByRole('heading', { level: 1 })).toHaveText('Dine personoplysninger');
	await expectAccessible(member);
	const downloading = member.waitForEvent('download');
	await member.getByRole('link', { name: 'Hent mine data (JSON)' }).click();
	const download = await downloading;
	const exported = JSON.parse(readFileSync((await download.path())!, 'utf8'));
	expect(exported.people[0].email).toBe(address);
	expect(exported.people[0].full_name).toBe(name);
	expect(exported.roles[0].role).toBe('member');

	// Without the tick: an error beside the box, nothing recorded.
	await member.getByRole('button', { name: 'Bed om sletning' }).click();
	await expect(member.getByText('Sæt flueben for at bekræfte')).toBeVisible();
	await expectAccessible(member);
	await member.getByLabel('Jeg forstår, at mine oplysninger slettes').check();
	await member.getByRole('button', { name: 'Bed om sletning' }).click();
	await expect(member.getByRole('status')).toContainText('Sekretariatet sletter dine oplysninger');

	// The administrator sees the request and carries it out.
	await admin.goto(`/mine/${KLIMA}/admin`);
	await admin.getByRole('link', { name: 'Anmodninger om sletning' }).click();
	await expectAccessible(admin);
	await admin.getByRole('button', { name: `Slet ${name} nu` }).click();
	await expect(admin.getByRole('status')).toHaveText('Personens oplysninger er slettet.');
	await expect(admin.getByRole('cell', { name: /^Slettet \d/ })).toBeVisible();
	await expect(admin.getByText(name)).toHaveCount(0);

	// The address is gone from the assembly's people.
	await admin.goto(`/mine/${KLIMA}/admin`);
	await expect(admin.getByText(address)).toHaveCount(0);
});

test('without JavaScript a member asks for deletion; the missing tick is explained beside the box', async ({
	browser
}) => {
	const address = `uden-js-${Date.now()}@example.dk`;
	const admin = await (await browser.newContext()).newPage();
	await signInOnce(admin, 'klima-admin@demo.samraad.dk');
	await admin.goto(`/mine/${KLIMA}/admin`);
	await admin.getByLabel('Fulde navn').fill('Uden Javascript');
	await admin.getByLabel('E-mailadresse').fill(address);
	await admin.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(admin.getByText('Uden Javascript er tilføjet.')).toBeVisible();

	const member = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
	await signIn(member, address);
	await member.goto('/mine/persondata');
	await member.getByRole('button', { name: 'Bed om sletning' }).click();
	const box = member.getByLabel('Jeg forstår, at mine oplysninger slettes');
	await expect(box).toHaveAttribute('aria-invalid', 'true');
	await expect(member.locator('#confirm-error')).toHaveText(
		'Sæt flueben for at bekræfte, at du vil have dine oplysninger slettet.'
	);
	await box.check();
	await member.getByRole('button', { name: 'Bed om sletning' }).click();
	await expect(member.getByRole('status')).toContainText('Sekretariatet sletter dine oplysninger');
	// Reloading shows the request is recorded, not a form to send it again.
	await member.goto('/mine/persondata');
	await expect(member.getByRole('status')).toContainText('Du bad om sletning');
	await expect(member.getByRole('button', { name: 'Bed om sletning' })).toHaveCount(0);
});
