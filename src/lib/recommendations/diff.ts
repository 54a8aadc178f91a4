/**
 * A readable diff of two texts, word by word (jsdiff), for versions and amendments. Each part is
 * kept, added or removed; the page marks them with <ins>/<del> and a text label, not colour alone.
 */
import { diffWordsWithSpace } from 'diff';

export interface DiffPart {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

export function diffText(before: string, after: string): DiffPart[] {
	return diffWordsWithSpace(before, after).map((change) => ({
		kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
		text: change.value
	}));
}

/** The paragraphs of a Markdown text as the database splits them (blocks between blank lines). */
export function paragraphsOf(markdown: string): string[] {
	return markdown
		.trim()
		.split(/\n[ \t]*\r?\n\s*/)
		.filter((paragraph) => paragraph !== '');
}
