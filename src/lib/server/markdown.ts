import MarkdownIt from 'markdown-it';

/**
 * Markdown as members type it, rendered on the server. Raw HTML is off, so `<script>` and any other
 * tag in a post are shown as text; markdown-it's link check refuses `javascript:`, `vbscript:`,
 * `file:` and non-image `data:` URLs. Images are not rendered (a post cannot load anything).
 */
const markdown = new MarkdownIt('default', { html: false, linkify: false, typographer: false })
	.disable(['image'])
	.enable(['strikethrough']);

const defaultLinkOpen =
	markdown.renderer.rules.link_open ??
	((tokens, index, options, _env, self) => self.renderToken(tokens, index, options));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
	tokens[index]?.attrSet('rel', 'nofollow noopener noreferrer');
	return defaultLinkOpen(tokens, index, options, env, self);
};

/** Safe HTML for a member's text (plain text or Markdown). */
export function renderMarkdown(source: string): string {
	return markdown.render(source);
}
