import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.E2E_PORT ?? 4173);
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525);
// A fresh embedded database and mail directory for every run. Playwright loads this file in each
// worker too, so the directories are chosen once and handed down through the environment.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'samraad-e2e-data-'));
process.env.E2E_MAIL_DIR ??= mkdtempSync(join(tmpdir(), 'samraad-e2e-mail-'));

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		locale: 'da-DK',
		timezoneId: 'Europe/Copenhagen',
		trace: 'retain-on-failure'
	},
	projects: [
		{
			name: 'chromium',
			use: {
				...devices['Desktop Chrome'],
				launchOptions: {
					executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
					args: [
						'--no-sandbox',
						'--disable-gpu',
						'--disable-quic',
						'--no-first-run',
						'--disable-background-networking',
						'--disable-component-update',
						'--disable-sync'
					]
				}
			}
		}
	],
	webServer: [
		{
			command: 'npx tsx tests/e2e/smtp-sink.mts',
			port: smtpPort,
			env: { SMTP_PORT: String(smtpPort), MAIL_DIR: process.env.E2E_MAIL_DIR },
			reuseExistingServer: false
		},
		{
			command: 'node build',
			url: `http://localhost:${port}/`,
			timeout: 120_000,
			reuseExistingServer: false,
			env: {
				PORT: String(port),
				ORIGIN: `http://localhost:${port}`,
				DATA_DIR: process.env.E2E_DATA_DIR,
				SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
				NODE_ENV: 'production',
				BODY_SIZE_LIMIT: '30M',
				SEED_DEMO: 'true',
				// Lets a test move the server's "today" forward with a cookie (src/lib/server/clock.ts).
				SAMRAAD_TEST_CLOCK: 'cookie',
				ACCESSIBILITY_STATEMENT_URL: 'https://www.was.digst.dk/samraad-demo',
				// Every journey signs in and registers from 127.0.0.1: the per-IP limits are not under
				// test here (tests/integration/web-security.test.ts is where they are).
				RATE_LIMIT_SIGN_IN_PER_IP: '10000',
				RATE_LIMIT_REGISTRATION_PER_IP: '10000',
				RATE_LIMIT_EXPORTS_PER_PERSON: '10000'
			}
		}
	]
});
