import { z } from 'zod';
import { string } from './fields';

/** The largest table the forms accept (the database allows the same). */
export const MAX_TABLE_SIZE = 50;

/** The highest table number the database allows. */
export const MAX_TABLES = 200;

const person = z.uuid('field_table_person');

export const makeTablesSchema = z.object({
	table_size: string()
		.trim()
		.refine((value) => /^\d+$/.test(value), 'field_table_size')
		.transform(Number)
		.pipe(z.number().min(1, 'field_table_size').max(MAX_TABLE_SIZE, 'field_table_size')),
	present: z.array(z.uuid()).min(1, 'field_tables_present')
});
export type MakeTablesInput = z.infer<typeof makeTablesSchema>;

export const swapSchema = z.object({ person_a: person, person_b: person });

export const moveSchema = z.object({
	person_id: person,
	table_number: string()
		.trim()
		.refine((value) => /^\d+$/.test(value), 'field_table_number')
		.transform(Number)
		.pipe(z.number().min(1, 'field_table_number').max(MAX_TABLES, 'field_table_number'))
});

export const questionSchema = z.object({
	question: string().trim().min(2, 'field_too_short').max(500, 'field_too_long')
});

export const questionRef = z.object({ question_id: z.uuid('field_required') });

export const noteSchema = z.object({
	question_id: z.uuid('field_required'),
	table_number: string()
		.trim()
		.refine((value) => /^\d+$/.test(value), 'field_table_number')
		.transform(Number)
		.pipe(z.number().min(1, 'field_table_number').max(MAX_TABLES, 'field_table_number')),
	summary: string().trim().min(1, 'field_required').max(5000, 'field_too_long')
});
