import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
	it('renders paragraphs, emphasis, lists and links', () => {
		const html = renderMarkdown(
			'Første **afsnit** med [et link](https://example.dk).\n\n- et\n- to'
		);
		expect(html).toContain('<strong>afsnit</strong>');
		expect(html).toContain('<a href="https://example.dk" rel="noopener noreferrer nofollow">');
		expect(html).toContain('<li>et</li>');
	});

	it('removes script, event handlers and javascript: links from Markdown', () => {
		const html = renderMarkdown(
			[
				'<script>alert(1)</script>',
				'<img src=x onerror="alert(2)">',
				'[klik](javascript:alert(3))',
				'<a href="javascript:alert(4)" onclick="alert(5)">a</a>',
				'<iframe src="https://evil.example"></iframe>',
				'<p style="position:fixed">stil</p>'
			].join('\n\n')
		);
		expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img|style=/i);
		expect(html).not.toContain('alert(1)');
		expect(html).toContain('stil');
	});

	it('turns a level-1 heading into level 2 (the title is the page heading)', () => {
		expect(renderMarkdown('# Overskrift')).toBe('<h2>Overskrift</h2>');
	});
});
