import { z } from 'zod';
import { string } from './fields';

export const SOURCE_ROWS = 3;

/** Up to three named sources of public randomness; the first is required. */
export const startDrawSchema = z
	.object(
		Object.fromEntries(
			Array.from({ length: SOURCE_ROWS }, (_, i) => [
				[`source_${i}_name`, string().trim().max(120, 'field_too_long').default('')],
				[`source_${i}_description`, string().trim().max(500, 'field_too_long').default('')]
			]).flat()
		) as Record<string, z.ZodDefault<z.ZodString>>
	)
	.transform((value, ctx) => {
		const sources = Array.from({ length: SOURCE_ROWS }, (_, i) => ({
			name: value[`source_${i}_name`] ?? '',
			description: value[`source_${i}_description`] ?? ''
		})).filter((source) => source.name !== '');
		if (sources.length === 0)
			ctx.addIssue({ code: 'custom', path: ['source_0_name'], message: 'field_required' });
		if (new Set(sources.map((s) => s.name.toLowerCase())).size !== sources.length) {
			ctx.addIssue({ code: 'custom', path: ['source_1_name'], message: 'field_choice' });
		}
		return sources;
	});

/** One value per source, `value_<i>`. */
export function randomValuesSchema(count: number) {
	return z
		.object(
			Object.fromEntries(
				Array.from({ length: count }, (_, i) => [
					`value_${i}`,
					string().trim().min(1, 'field_required').max(200, 'field_too_long')
				])
			) as Record<string, z.ZodString>
		)
		.transform((value) => Array.from({ length: count }, (_, i) => value[`value_${i}`] ?? ''));
}
