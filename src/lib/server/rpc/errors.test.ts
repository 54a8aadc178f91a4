import { describe, expect, it } from 'vitest';
import { statusForSqlState } from './errors';

describe("PostgREST's SQLSTATE → HTTP status table", () => {
	it('maps the documented codes', () => {
		expect(statusForSqlState('42501', true)).toBe(401);
		expect(statusForSqlState('42501', false)).toBe(403);
		expect(statusForSqlState('23505', false)).toBe(409);
		expect(statusForSqlState('23503', false)).toBe(409);
		expect(statusForSqlState('P0001', false)).toBe(400);
		expect(statusForSqlState('42883', false)).toBe(404);
		expect(statusForSqlState('53300', false)).toBe(503);
		expect(statusForSqlState('XX000', false)).toBe(500);
		expect(statusForSqlState('23514', false)).toBe(400);
	});
	it('takes PTxyz as the status, but never one HTTP cannot carry', () => {
		expect(statusForSqlState('PT404', false)).toBe(404);
		expect(statusForSqlState('PT999', false)).toBe(500);
		expect(statusForSqlState('PT100', false)).toBe(500);
	});
});
