import { expect, test } from '@playwright/test';

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
