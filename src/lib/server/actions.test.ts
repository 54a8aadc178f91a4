import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, isHttpError, redirect } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { mapRefusals } from './actions';
import { ApiError } from './api';

/** What a wrapped action that throws `thrown` answers: its HTTP status, or what it returned. */
async function answerOf(thrown: unknown) {
	const actions = mapRefusals({
		go: async () => {
			throw thrown;
		}
	});
	try {
		return { returned: await actions.go() };
	} catch (caught) {
		return isHttpError(caught)
			? { status: caught.status, message: caught.body.message }
			: { caught };
	}
}

describe('mapRefusals', () => {
	it('answers an id that is gone or hidden by RLS with 404', async () => {
		expect((await answerOf(new ApiError('PT404', 'Exercise not found', 404))).status).toBe(404);
		expect((await answerOf(new ApiError('P0002', 'no rows', 404))).status).toBe(404);
	});

	it('answers a role the database refuses with 403', async () => {
		expect((await answerOf(new ApiError('42501', 'Only a facilitator', 403))).status).toBe(403);
	});

	it('answers refused data with 400 (409 for a duplicate) and a message that quotes nothing', async () => {
		const refused = await answerOf(new ApiError('P0001', 'Category of jane@example.dk', 400));
		expect(refused.status).toBe(400);
		expect(refused.message).not.toContain('jane');
		expect((await answerOf(new ApiError('22P02', 'invalid input syntax', 400))).status).toBe(400);
		expect((await answerOf(new ApiError('23503', 'foreign key', 409))).status).toBe(400);
		expect((await answerOf(new ApiError('23505', 'duplicate key', 409))).status).toBe(409);
	});

	it('leaves server faults, redirects and failures as they were', async () => {
		const broken = new ApiError('XX000', 'internal', 500);
		expect((await answerOf(broken)).caught).toBe(broken);
		const plain = new Error('disk full');
		expect((await answerOf(plain)).caught).toBe(plain);
		let thrownRedirect: unknown;
		try {
			redirect(303, '/mine');
		} catch (caught) {
			thrownRedirect = caught;
		}
		expect((await answerOf(thrownRedirect)).caught).toBe(thrownRedirect);
		const actions = mapRefusals({ go: async () => fail(400, { errors: { x: 'y' } }) });
		expect(await actions.go()).toMatchObject({ status: 400, data: { errors: { x: 'y' } } });
	});
});

describe('every route', () => {
	const routes = join(import.meta.dirname, '../../routes');
	const files = (readdirSync(routes, { recursive: true }) as string[])
		.filter((file) => file.endsWith('+page.server.ts'))
		.map((file) => ({ file, source: readFileSync(join(routes, file), 'utf8') }))
		.filter(({ source }) => source.includes('export const actions'));

	it('passes its actions through mapRefusals, so one mapping answers unhandled refusals', () => {
		expect(files.length).toBeGreaterThan(30);
		const unwrapped = files
			.filter(({ source }) => !/export const actions = mapRefusals\(\{/.test(source))
			.map(({ file }) => file);
		expect(unwrapped).toEqual([]);
	});
});
