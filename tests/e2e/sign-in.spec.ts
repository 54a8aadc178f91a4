import { expect } from '@playwright/test';
import {
	DAYCARE,
	expectAccessible,
	latestMail,
	requestCode,
	signIn,
	WELFARE,
	test
} from './support';

const roles = [
	// Only an administrator sees contact details.
	{
		address: 'admin@demo.samraad.dk',
		path: 'admin',
		heading: 'Administration',
		sees: 'medlem01@demo.samraad.dk'
	},
	{
		address: 'facilitator@demo.samraad.dk',
		path: 'facilitator',
		heading: 'Facilitator',
		sees: 'Anne Nielsen'
	},
	{
		address: 'medlem01@demo.samraad.dk',
		path: 'medlem',
		heading: 'Velkommen, Anne Nielsen',
		sees: 'Velfærdsområder'
	},
	{
		address: 'byraad@demo.samraad.dk',
		path: 'byraad',
		heading: 'Byrådets sekretariat',
		sees: '15. juni 2027'
	},
	{
		address: 'evaluator@demo.samraad.dk',
		path: 'evaluering',
		heading: 'Evaluering',
		sees: 'Roller i alt'
	}
];

for (const role of roles) {
	test(`${role.address} signs in with a code and lands on the ${role.path} page`, async ({
		page
	}) => {
		await signIn(page, role.address);
		await expect(page).toHaveURL(`/mine/${WELFARE}/${role.path}`);
		await expect(page.getByRole('heading', { level: 1, name: role.heading })).toBeVisible();
		await expect(page.getByText(role.sees).first()).toBeVisible();
		if (role.path !== 'admin')
			await expect(page.getByText('@demo.samraad.dk', { exact: false })).toHaveCount(1);
		await expectAccessible(page);
	});
}

test('each role sees only its own pages: a member cannot open the admin page', async ({ page }) => {
	await signIn(page, 'medlem02@demo.samraad.dk');
	await expect(page).toHaveURL(`/mine/${WELFARE}/medlem`);
	const admin = await page.goto(`/mine/${WELFARE}/admin`);
	expect(admin?.status()).toBe(403);
	const council = await page.goto(`/mine/${WELFARE}/byraad`);
	expect(council?.status()).toBe(403);
});

test('a member of another assembly sees nothing of it beyond its public page', async ({ page }) => {
	await signIn(page, 'dagtilbud01@demo.samraad.dk');
	await expect(page).toHaveURL(`/mine/${DAYCARE}/medlem`);
	for (const path of ['admin', 'facilitator', 'medlem', 'byraad', 'evaluering']) {
		const response = await page.goto(`/mine/${WELFARE}/${path}`);
		expect(response?.status(), path).toBe(403);
	}
	// The facilitators' list of names is refused by the database too.
	const names = await page.request.get(`/mine/${WELFARE}/facilitator`);
	expect(await names.text()).not.toContain('Anne Nielsen');
});

test('a wrong code says so and how many attempts are left; the right one still works', async ({
	page
}) => {
	const mail = await requestCode(page, 'medlem03@demo.samraad.dk');
	await page.getByLabel('Kode fra e-mailen').fill('12345');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByText('Koden er 6 cifre.')).toBeVisible();
	await page.getByLabel('Kode fra e-mailen').fill('000000');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByText('Koden er forkert. Du har 4 forsøg tilbage.')).toBeVisible();
	await expect(page.getByLabel('Kode fra e-mailen')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	const code = /er: (\d{6})/.exec(mail)![1]!;
	await page.getByLabel('Kode fra e-mailen').fill(code);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(`/mine/${WELFARE}/medlem`);
});

test('the personal link signs in once, then leaves a clean URL; sign-out ends the session', async ({
	page
}) => {
	const since = Date.now() - 1;
	await requestCode(page, 'medlem04@demo.samraad.dk');
	const mail = await latestMail('medlem04@demo.samraad.dk', since);
	const link = /(http:\/\/localhost:\d+\/log-ind\/link\?t=[\w-]+)/.exec(mail)?.[1];
	expect(link).toBeTruthy();
	await page.goto(link!);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(`/mine/${WELFARE}/medlem`);
	expect(page.url()).not.toContain('t=');

	await page.getByRole('button', { name: 'Log ud' }).click();
	await expect(page.getByRole('link', { name: 'Log ind' })).toBeVisible();
	const after = await page.goto(`/mine/${WELFARE}/medlem`);
	expect(after?.url()).toContain('/log-ind?next=');

	// The link was single use.
	await page.goto(link!);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert')).toContainText('Linket virker ikke');
});
