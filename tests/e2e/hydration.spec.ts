import { expect } from '@playwright/test';
import { signInOnce, test, WELFARE } from './support';

test('what a member types before the page has hydrated is kept when it hydrates', async ({
	page
}) => {
	// A slow phone: the page's JavaScript arrives only after the member has typed.
	let release!: () => void;
	const held = new Promise<void>((done) => (release = done));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto('/log-ind', { waitUntil: 'commit' });
	await page.getByLabel('E-mailadresse').fill('medlem01@demo.samraad.dk');

	release();
	await page.waitForLoadState('networkidle');
	// Hydrated: the enhanced form now submits without a page load.
	await expect(page.getByLabel('E-mailadresse')).toHaveValue('medlem01@demo.samraad.dk');
	await page.getByRole('button', { name: 'Send mig en kode' }).click();
	await expect(page.getByRole('status')).toContainText('medlem01@demo.samraad.dk');
});

test('a text area and a radio button changed before hydration keep their content', async ({
	page
}) => {
	await signInOnce(page, 'medlem05@demo.samraad.dk');
	let release!: () => void;
	const held = new Promise<void>((done) => (release = done));
	await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(`/mine/${WELFARE}/droeftelse/de110000-0000-4000-8000-000000000001`, {
		waitUntil: 'commit'
	});
	await page.getByLabel('Imod', { exact: true }).check();
	await page.getByLabel('Dit indlæg').fill('Skrevet før siden var klar.');

	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('Dit indlæg')).toHaveValue('Skrevet før siden var klar.');
	await expect(page.getByLabel('Imod', { exact: true })).toBeChecked();
});
