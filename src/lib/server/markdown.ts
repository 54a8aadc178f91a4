/**
 * Markdown from members, rendered on the server and sanitised: only the tags and attributes that
 * a recommendation's text needs survive (headings, paragraphs, emphasis, lists, quotes, tables,
 * links to http(s) and mailto). Script, event handlers, styles, images and raw HTML blocks are
 * removed, so the result is safe to insert with {@html}.
 */
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// One parser with GitHub-flavoured Markdown; no global options are changed.
const parser = new Marked({ gfm: true, breaks: false, async: false });

const POLICY: sanitizeHtml.IOptions = {
	allowedTags: [
		'h2',
		'h3',
		'h4',
		'p',
		'br',
		'strong',
		'em',
		'del',
		'ul',
		'ol',
		'li',
		'blockquote',
		'code',
		'pre',
		'a',
		'table',
		'thead',
		'tbody',
		'tr',
		'th',
		'td',
		'hr'
	],
	allowedAttributes: { a: ['href', 'rel'], th: ['align'], td: ['align'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowProtocolRelative: false,
	// A heading level 1 is the recommendation's own title: members' headings start at level 2.
	transformTags: {
		h1: 'h2',
		a: (tagName, attribs) => ({
			tagName,
			attribs: { ...attribs, rel: 'noopener noreferrer nofollow' }
		})
	},
	allowedClasses: {},
	disallowedTagsMode: 'discard'
};

/** Markdown to sanitised HTML. */
export function renderMarkdown(markdown: string): string {
	const html = parser.parse(markdown ?? '') as string;
	return sanitizeHtml(html, POLICY).trim();
}
