import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders Markdown emphasis and lists', () => {
		expect(renderMarkdown('Det er **kernevelfærd**.\n\n- ét\n- to')).toBe(
			'<p>Det er <strong>kernevelfærd</strong>.</p>\n<ul>\n<li>ét</li>\n<li>to</li>\n</ul>\n'
		);
	});

	it('shows a script as text instead of running it', () => {
		const html = renderMarkdown('Hej <script>alert("x")</script> <img src=x onerror=alert(1)>');
		expect(html).not.toContain('<script');
		expect(html).not.toContain('<img');
		expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
	});

	it('refuses javascript: links and renders no images', () => {
		const html = renderMarkdown(
			'[klik](javascript:alert(1)) ![billede](https://example.org/x.png)'
		);
		expect(html).not.toContain('href="javascript:');
		expect(html).not.toContain('<img');
	});

	it('keeps ordinary links, marked nofollow', () => {
		expect(renderMarkdown('[Budget](https://kommune.dk/budget)')).toContain(
			'<a href="https://kommune.dk/budget" rel="nofollow noopener noreferrer">Budget</a>'
		);
	});
});
