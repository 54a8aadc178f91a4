import { expect } from '@playwright/test';
import { signIn, WELFARE, test } from './support';

test.use({ javaScriptEnabled: false });

test('without JavaScript an administrator signs in and edits a budget; bad input is kept and explained', async ({
	page
}) => {
	await signIn(page, 'admin@demo.samraad.dk');
	await expect(page).toHaveURL(`/mine/${WELFARE}/admin`);

	const area = page.getByRole('form', { name: 'Beskæftigelse' });
	await area.getByLabel('Budget (mio. kr.)').fill('-5');
	await area.getByLabel('Beskrivelse').fill('Ny beskrivelse, der ikke må gå tabt');
	await area.getByRole('button', { name: 'Gem' }).click();

	const again = page.getByRole('form', { name: 'Beskæftigelse' });
	await expect(again.getByText('Beløbet kan ikke være negativt.')).toBeVisible();
	await expect(again.getByLabel('Budget (mio. kr.)')).toHaveValue('-5');
	await expect(again.getByLabel('Beskrivelse')).toHaveValue('Ny beskrivelse, der ikke må gå tabt');

	await again.getByLabel('Budget (mio. kr.)').fill('750,5');
	await again.getByRole('button', { name: 'Gem' }).click();
	await expect(page.getByRole('form', { name: 'Beskæftigelse' }).getByRole('status')).toHaveText(
		'Ændringerne er gemt.'
	);

	await page.goto(`/borgersamling/${WELFARE}`);
	await expect(page.getByRole('row', { name: /Beskæftigelse/ })).toContainText('750,5 mio. kr.');
	await expect(page.getByText('Ny beskrivelse, der ikke må gå tabt')).toBeVisible();
});

test('without JavaScript an administrator adds a person, and a duplicate role is refused beside the field', async ({
	page
}) => {
	await signIn(page, 'admin@demo.samraad.dk');
	const form = page.getByRole('form', { name: 'Tilføj en person' });
	await form.getByLabel('Fulde navn').fill('Grethe Mikkelsen');
	await form.getByLabel('E-mailadresse').fill('ikke-en-adresse');
	await form.getByRole('button', { name: 'Tilføj' }).click();
	await expect(page.getByText('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk.')).toBeVisible();
	await expect(page.getByLabel('Fulde navn')).toHaveValue('Grethe Mikkelsen');

	await page.getByLabel('E-mailadresse').fill('grethe@demo.samraad.dk');
	await page.getByRole('button', { name: 'Tilføj' }).click();
	await expect(page.getByText('Grethe Mikkelsen er tilføjet.')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Personer og roller (42)' })).toBeVisible();

	await page.getByLabel('Fulde navn').fill('Grethe Mikkelsen');
	await page.getByLabel('E-mailadresse').fill('grethe@demo.samraad.dk');
	await page.getByRole('button', { name: 'Tilføj' }).click();
	await expect(page.getByText('Personen har allerede den rolle.')).toBeVisible();
});
