/**
 * A stylesheet response for CSS kept in TypeScript because the PDF renderer inlines it too. The
 * pages link to it as a file: the Content Security Policy allows no inline `<style>`.
 */
export function stylesheet(css: string): Response {
	return new Response(css, {
		headers: {
			'content-type': 'text/css; charset=utf-8',
			'cache-control': 'public, max-age=3600'
		}
	});
}
