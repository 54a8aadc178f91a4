import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// The origin check is done in hooks.server.ts instead, identically, except for the RFC 8058
		// one-click unsubscribe address that mail programs POST to from their own servers.
		csrf: { trustedOrigins: ['*'] },
		typescript: {
			// Type-check the tool configs, scripts and test helpers with the app.
			config: (config) => {
				config.include.push('../playwright.config.ts', '../scripts/**/*.mts', '../tests/**/*.mts');
				return config;
			}
		}
	}
};

export default config;
