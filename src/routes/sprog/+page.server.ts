import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { locales } from '$lib/paraglide/runtime';
import type { Actions } from './$types';
import { mapRefusals } from '$lib/server/actions';

const schema = z.object({
	locale: z.enum(locales),
	// Only a path on this site, never another origin.
	redirectTo: z
		.string()
		.regex(/^\/(?!\/)[^\s]*$/)
		.catch('/')
});

export const actions = mapRefusals({
	default: async ({ request, cookies }) => {
		const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
		const { locale, redirectTo } = parsed.success ? parsed.data : { locale: 'da', redirectTo: '/' };
		cookies.set('PARAGLIDE_LOCALE', locale, {
			path: '/',
			maxAge: 365 * 86_400,
			httpOnly: false,
			sameSite: 'lax'
		});
		redirect(303, redirectTo);
	}
} satisfies Actions);
