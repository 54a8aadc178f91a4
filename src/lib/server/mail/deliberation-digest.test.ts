import { describe, expect, it } from 'vitest';
import { composeDeliberationDigest, type DeliberationDigest } from './deliberation-digest';

const digest: DeliberationDigest = {
	assembly_id: 'a55e0b1e-0000-4000-8000-000000000001',
	assembly_title: 'Velfærdsborgersamlingen',
	post_count: 2,
	posts: [
		{
			thread_id: 'de110000-0000-4000-8000-000000000001',
			thread_title: 'Ældreplejen',
			stance: 'against',
			is_reply: false,
			excerpt: 'Nyeste indlæg',
			created_at: '2026-12-03T10:00:00Z'
		},
		{
			thread_id: 'de110000-0000-4000-8000-000000000001',
			thread_title: 'Ældreplejen',
			stance: 'question',
			is_reply: true,
			excerpt: 'Ældre svar',
			created_at: '2026-12-02T10:00:00Z'
		}
	]
};

describe('composeDeliberationDigest', () => {
	it('lists the posts newest first with links to their threads', () => {
		const mail = composeDeliberationDigest('a@example.dk', 'Anne', digest, 'https://samraad.dk');
		expect(mail?.subject).toBe('2 nye indlæg i drøftelserne – Velfærdsborgersamlingen');
		const text = mail?.text ?? '';
		expect(text.indexOf('Nyeste indlæg')).toBeLessThan(text.indexOf('Ældre svar'));
		expect(text).toContain('Ældreplejen – Imod');
		expect(text).toContain('Ældreplejen – Svar');
		expect(text).toContain(
			'https://samraad.dk/mine/a55e0b1e-0000-4000-8000-000000000001/droeftelse/de110000-0000-4000-8000-000000000001'
		);
	});

	it('sends nothing when there is nothing new', () => {
		expect(
			composeDeliberationDigest('a@example.dk', 'Anne', { ...digest, posts: [] }, 'https://x.dk')
		).toBeNull();
	});
});
