import { describe, expect, it } from 'vitest';
import { amendmentSchema, criteriaOf, saveVersionSchema } from './recommendation';

describe('the recommendation forms', () => {
	it('store line breaks as LF, whatever the browser sent, so the hash is of the text as read', () => {
		const parsed = saveVersionSchema.parse({
			based_on: '2',
			title: ' Titel ',
			body_md: 'Første afsnit.\r\n\r\nAndet afsnit.\r\n',
			rationale_md: 'a\r\nb',
			amount_mio: '-1,5'
		});
		expect(parsed.body_md).toBe('Første afsnit.\n\nAndet afsnit.');
		expect(parsed.rationale_md).toBe('a\nb');
		expect(parsed.title).toBe('Titel');
		expect(parsed.amount_mio).toBe(-1.5);
		expect(
			amendmentSchema.parse({ base_version: '1', paragraph: '0', proposed_text: 'x\r\ny' })
				.proposed_text
		).toBe('x\ny');
	});

	it('refuses a criterion without a name or a positive weight, and skips empty rows', () => {
		expect(criteriaOf({ criterion_name_0: 'Pris', criterion_weight_0: '2,5' })).toEqual({
			ok: true,
			criteria: [{ name: 'Pris', weight: 2.5 }]
		});
		expect(criteriaOf({ criterion_name_1: 'Pris', criterion_weight_1: '0' })).toMatchObject({
			ok: false,
			field: 'criterion_1'
		});
	});
});
