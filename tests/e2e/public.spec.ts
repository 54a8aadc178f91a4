import { expect } from '@playwright/test';
import { DAYCARE, expectAccessible, WELFARE, test } from './support';

test('an anonymous visitor reads the public page of an assembly', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: 'Borgersamlinger' })).toBeVisible();
	await expectAccessible(page);
	// The non-public assembly is not listed.
	await expect(page.getByText('Borgersamling om fremtidens dagtilbud')).toHaveCount(0);

	await page.getByRole('link', { name: 'Velfærdsborgersamlingen 2026–27' }).click();
	await expect(page).toHaveURL(`/borgersamling/${WELFARE}`);
	await expect(page.getByRole('heading', { name: 'Opdrag' })).toBeVisible();
	await expect(page.getByText(/mandat til at udarbejde en uvildig anbefaling/)).toBeVisible();

	// Welfare areas with budgets in Danish notation, and their total.
	const areas = page.getByRole('table', { name: 'Velfærdsområder' });
	await expect(areas.getByRole('row', { name: /Social omsorg/ })).toContainText('1.184,5 mio. kr.');
	await expect(areas.getByRole('row', { name: /Økonomi, Personale og IT/ })).toContainText(
		'268,4 mio. kr.'
	);
	// The total is the sum of the rows (other tests may have edited a budget).
	const amounts = await areas.locator('tbody td.num').allTextContents();
	const sum = amounts.reduce(
		(total, text) => total + Number(text.replace(/[^\d,]/g, '').replace(',', '.')),
		0
	);
	expect(amounts).toHaveLength(5);
	await expect(areas.getByRole('row', { name: /I alt/ })).toContainText(
		`${sum.toLocaleString('da-DK', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} mio. kr.`
	);

	// The timeline, with the council's status deadlines counted from the handover.
	await expect(page.getByText('Overlevering til Byrådet')).toBeVisible();
	await expect(page.getByText('15. juni 2027')).toBeVisible();
	// 36 seeded members; another test may have added one.
	await expect(page.getByText(/^3[67] paneldeltagere$/)).toBeVisible();
	await expectAccessible(page);
});

test('the page works in English, and a phone-sized screen keeps the budget table readable', async ({
	page
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto(`/borgersamling/${WELFARE}`);
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { name: 'Charge' })).toBeVisible();
	await expect(page.getByRole('row', { name: /Social omsorg/ })).toContainText(
		'DKK 1,184.5 million'
	);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Dansk' }).click();
	await expect(page.getByRole('heading', { name: 'Opdrag' })).toBeVisible();
});

test('a non-public assembly is not found by the public', async ({ page }) => {
	const response = await page.goto(`/borgersamling/${DAYCARE}`);
	expect(response?.status()).toBe(404);
	await expect(
		page.getByText('Siden findes ikke, eller du har ikke adgang til den.')
	).toBeVisible();
});

test('the footer links to the accessibility statement and /was redirects to it', async ({
	page,
	request
}) => {
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Tilgængelighedserklæring' })).toHaveAttribute(
		'href',
		'https://www.was.digst.dk/samraad-demo'
	);
	const response = await request.get('/was', { maxRedirects: 0 });
	expect(response.status()).toBe(307);
	expect(response.headers()['location']).toBe('https://www.was.digst.dk/samraad-demo');
});

test('an anonymous RPC call to a protected function is refused with 401', async ({ request }) => {
	// An API client, as supabase-js is: it sends `apikey` (without it and without Origin, the
	// origin check refuses the POST).
	const headers = { apikey: 'anon' };
	const response = await request.post('/rest/v1/rpc/assembly_people', {
		data: { assembly_id: WELFARE },
		headers
	});
	expect(response.status()).toBe(401);
	expect(await response.json()).toMatchObject({ code: '42501' });
	const open = await request.post('/rest/v1/rpc/list_assemblies', { data: {}, headers });
	expect(open.status()).toBe(200);
	const listed = await open.json();
	expect(listed).toContainEqual(expect.objectContaining({ id: WELFARE, is_public: true }));
	expect(listed.every((assembly: { is_public: boolean }) => assembly.is_public)).toBe(true);
});

test('the public reads the representativeness report as a chart with the same numbers in a table', async ({
	page
}) => {
	await page.goto(`/borgersamling/${WELFARE}`);
	await page.getByRole('link', { name: 'Se om panelet ligner kommunen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Repræsentativitet' })).toBeVisible();
	const gender = page.getByRole('region', { name: 'Køn', exact: true });
	await expect(gender.getByRole('img', { name: /Andele i Køn/ })).toBeVisible();
	await expect(gender.getByRole('row', { name: /Kvinde/ }).getByRole('cell')).toHaveText([
		'50,3 %',
		/^18 \(50(,0)?\s%\)$/,
		/^18 \(50(,0)?\s%\)$/,
		/^18 \(50(,0)?\s%\)$/,
		'17–19'
	]);
	await expectAccessible(page);
});
