/** A path on this site to return to after sign-in; anything else (another origin, junk) becomes the fallback. */
export function safeNext(value: unknown, fallback = '/mine'): string {
	return typeof value === 'string' && /^\/(?!\/)[\w\-./%]*$/.test(value) && !value.includes('..')
		? value
		: fallback;
}
