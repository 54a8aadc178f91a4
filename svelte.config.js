import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter(),
		// The origin check is done in hooks.server.ts instead (src/lib/server/web-security.ts), for
		// every content type, not only forms, and with the one exception of the RFC 8058 one-click
		// unsubscribe address that mail programs POST to from their own servers.
		csrf: { trustedOrigins: ['*'] },
		// No inline script runs: SvelteKit puts a fresh nonce on the scripts it writes into each page
		// (a hash on prerendered ones). No inline style attribute either (but SvelteKit's own, below):
		// styles come from the bundled CSS files; scripts change styles through the CSSOM, which CSP
		// allows.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// The one inline style attribute left is SvelteKit's own: the route announcer for screen
				// readers (@sveltejs/kit src/core/sync/write_root.js), allowed by its hash alone. The
				// end-to-end journeys fail on any CSP refusal, so a kit that changes it is noticed; and
				// app.css hides the announcer the same way for browsers without 'unsafe-hashes'.
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'frame-src': ['none'],
				'frame-ancestors': ['none'],
				'form-action': ['self'],
				'base-uri': ['none'],
				'object-src': ['none']
			}
		},
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
