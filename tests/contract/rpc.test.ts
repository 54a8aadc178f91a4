/**
 * The PostgREST RPC contract (ARCHITECTURE.md) as callers meet it: supabase-js against the app's
 * own endpoint, on embedded PGlite and on PostgreSQL 15, with the real migrations, the demo seed and
 * RLS. Raw requests only where supabase-js cannot send the case. Also the local sign-in service on
 * both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signJwt } from '../../src/lib/server/auth/jwt';
import { createLocalAuth } from '../../src/lib/server/auth/local';
import {
	claimsFor,
	clientFor,
	createHarness,
	prepare,
	rawRequest,
	seed,
	signInAs,
	targets,
	type Harness,
	type OpenedDatabase
} from './support';

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;

/** A six-digit code that is certainly not the one given. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe.each(targets)('$name', (target) => {
	let opened: OpenedDatabase | undefined;
	let h: Harness;
	/** Access tokens of the seeded people, by role. */
	const tokens: Record<string, string> = {};
	const userIds: Record<string, string> = {};

	beforeAll(async () => {
		opened = await target.open();
		await prepare(opened.db);
		h = await createHarness(opened.db);
		for (const [role, email] of Object.entries({
			admin: seed.admin,
			facilitator: seed.facilitator,
			member: seed.member,
			council: seed.council,
			otherAssemblyMember: seed.otherAssemblyMember
		})) {
			const signedIn = await signInAs(h, email);
			tokens[role] = signedIn.token;
			userIds[role] = signedIn.userId;
		}
	});

	afterAll(async () => {
		await opened?.dispose();
	});

	const api = (token?: string) => clientFor(h, token).schema('api');
	const as = (role: string) => api(tokens[role]);

	describe('roles from the JWT', () => {
		it('treats the anon key as role anon, with no user and no email', async () => {
			const { data, error, status } = await api().rpc('whoami');
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toEqual({
				role: 'anon',
				user_id: null,
				email: null,
				platform_admin: false,
				person: null
			});
		});

		it('treats a request with no Authorization header at all as anon', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/whoami', { method: 'POST' })
			);
			expect(response.status).toBe(200);
			expect(await response.json()).toMatchObject({ role: 'anon', user_id: null });
		});

		it('hands a signed-in person’s claims to the database: role, user id, email, person', async () => {
			const { data, error } = await as('member').rpc('whoami');
			expect(error).toBeNull();
			expect(data).toEqual({
				role: 'authenticated',
				user_id: userIds.member,
				email: seed.member,
				platform_admin: false,
				person: { id: 'c0000000-0000-4000-8000-000000000001', full_name: 'Anne Nielsen' }
			});
		});

		it('runs the service key as service_role', async () => {
			const { data, error } = await api(h.serviceKey).rpc('whoami');
			expect(error).toBeNull();
			expect(data).toMatchObject({ role: 'service_role', user_id: null, email: null });
		});

		it('reads platform_admin from app_metadata', async () => {
			const token = await signJwt(
				{ ...claimsFor(userIds.council!, seed.council), app_metadata: { platform_admin: true } },
				h.jwtSecret,
				3600
			);
			const { data } = await api(token).rpc('whoami');
			expect(data).toMatchObject({ role: 'authenticated', platform_admin: true });
		});
	});

	describe('result shapes', () => {
		it('returns a table function as an array of objects', async () => {
			const { data, error, status } = await api().rpc('list_assemblies');
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toHaveLength(2);
			expect(data).toContainEqual({
				id: seed.publicAssembly,
				title: 'Velfærdsborgersamlingen 2026–27',
				municipality: 'Hedensted Kommune',
				phase: 'sessions',
				handover_on: '2027-03-15',
				is_public: true
			});
		});

		it('returns an empty array, not null, when a table function finds no rows', async () => {
			const { data, error, status } = await as('otherAssemblyMember').rpc('assembly_people', {
				assembly_id: seed.publicAssembly
			});
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toEqual([]);
		});

		it('returns a jsonb function’s value as the object itself', async () => {
			const { data, error } = await api().rpc('get_assembly', { assembly_id: seed.publicAssembly });
			expect(error).toBeNull();
			expect(data).toMatchObject({
				id: seed.publicAssembly,
				phase: 'sessions',
				is_public: true,
				handover_on: '2027-03-15',
				my_roles: [],
				role_counts: { admin: 1, facilitator: 2, council: 1, evaluator: 1, member: 36 }
			});
			expect(data.welfare_areas).toHaveLength(5);
			expect(data.welfare_areas[0]).toMatchObject({
				name: 'Social omsorg',
				budget_mio: 1184.5,
				position: 1
			});
		});

		it('returns a scalar as the bare JSON value, using argument defaults', async () => {
			expect((await api().rpc('contract_add', { a: 2, b: 3 })).data).toBe(5);
			expect((await api().rpc('contract_add', { a: 2 })).data).toBe(12);
		});

		it('returns a null scalar as null with status 200', async () => {
			const { data, error, status } = await api().rpc('contract_nothing');
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toBeNull();
		});

		it('returns setof a scalar as an array of values', async () => {
			expect((await api().rpc('contract_series', { n: 3 })).data).toEqual([1, 2, 3]);
			expect((await api().rpc('contract_series', { n: 0 })).data).toEqual([]);
		});

		it('returns one composite row (OUT parameters) as an object', async () => {
			const { data, error } = await api().rpc('contract_pair', { n: 4 });
			expect(error).toBeNull();
			expect(data).toEqual({ doubled: 8, label: 'n=4' });
		});

		// PostgREST names the value whenever the function names its output: a single-column RETURNS
		// TABLE gives objects, as does a single OUT parameter (PostgREST #1615, #1931).
		it('names the value of a single-column table or OUT parameter', async () => {
			expect((await api().rpc('contract_single_column', { n: 2 })).data).toEqual([
				{ value: 1 },
				{ value: 2 }
			]);
			expect((await api().rpc('contract_single_out', { n: 4 })).data).toEqual({ doubled: 8 });
		});

		it('gives one object for .single(), and 406 PGRST116 when there is not exactly one row', async () => {
			const one = await api().rpc('contract_single_column', { n: 1 }).single();
			expect(one.error).toBeNull();
			expect(one.data).toEqual({ value: 1 });
			const many = await api().rpc('contract_single_column', { n: 2 }).single();
			expect(many.status).toBe(406);
			expect(many.error).toMatchObject({ code: 'PGRST116' });
		});

		it('refuses filters on a function result rather than ignore them', async () => {
			const filtered = await api().rpc('list_assemblies').eq('phase', 'sessions').limit(1);
			expect(filtered.status).toBe(400);
			expect(filtered.error).toMatchObject({ code: 'PGRST100' });
			expect(filtered.data).toBeNull();
		});

		it('answers a void function with 204 and no data', async () => {
			const added = await as('admin').rpc('add_person_with_role', {
				assembly_id: seed.publicAssembly,
				full_name: 'Void Check',
				email: 'void-check@example.org',
				role: 'evaluator'
			});
			expect(added.error).toBeNull();
			const { data, error, status } = await as('admin').rpc('remove_role', {
				assembly_id: seed.publicAssembly,
				person_id: added.data,
				role: 'evaluator'
			});
			expect(error).toBeNull();
			expect(status).toBe(204);
			expect(data).toBeNull();
		});

		it('answers HEAD with the status and no body', async () => {
			const { data, error, status } = await api().rpc('list_assemblies', {}, { head: true });
			expect(error).toBeNull();
			expect(status).toBe(200);
			expect(data).toBeNull();
		});
	});

	describe('GET', () => {
		it('calls a stable function with its arguments in the query string', async () => {
			const post = await api().rpc('get_assembly', { assembly_id: seed.publicAssembly });
			const get = await api().rpc(
				'get_assembly',
				{ assembly_id: seed.publicAssembly },
				{ get: true }
			);
			expect(get.error).toBeNull();
			expect(get.status).toBe(200);
			expect(get.data).toEqual(post.data);
		});

		it('converts query-string text to the argument types', async () => {
			const { data, error } = await api().rpc('contract_add', { a: 40, b: 2 }, { get: true });
			expect(error).toBeNull();
			expect(data).toBe(42);
		});

		it('refuses a function that writes with 405, in a read-only transaction, and changes nothing', async () => {
			const before = await as('admin').rpc('get_assembly', { assembly_id: seed.publicAssembly });
			const area = before.data.welfare_areas[0];
			const { data, error, status } = await as('admin').rpc(
				'update_welfare_area',
				{ welfare_area_id: area.id, name: area.name, description: area.description, budget_mio: 1 },
				{ get: true }
			);
			expect(status).toBe(405);
			expect(data).toBeNull();
			expect(error).toMatchObject({ code: '25006' });
			const after = await as('admin').rpc('get_assembly', { assembly_id: seed.publicAssembly });
			expect(after.data.welfare_areas[0].budget_mio).toBe(area.budget_mio);
		});
	});

	describe('RLS as the caller', () => {
		it('shows anon only the public assemblies, and a member of the private assembly it too', async () => {
			const anon = await api().rpc('list_assemblies');
			expect(anon.data.map((a: { id: string }) => a.id).sort()).toEqual(
				[seed.publicAssembly, seed.handedOverAssembly].sort()
			);
			const other = await as('otherAssemblyMember').rpc('list_assemblies');
			expect(other.data.map((a: { id: string }) => a.id).sort()).toEqual(
				[seed.publicAssembly, seed.privateAssembly, seed.handedOverAssembly].sort()
			);
		});

		it('lets a member of the private assembly open it, with their roles', async () => {
			const { data, error } = await as('otherAssemblyMember').rpc('get_assembly', {
				assembly_id: seed.privateAssembly
			});
			expect(error).toBeNull();
			expect(data).toMatchObject({
				id: seed.privateAssembly,
				is_public: false,
				my_roles: ['member']
			});
			expect(data.welfare_areas.map((w: { name: string }) => w.name)).toEqual(['Dagtilbud']);
		});

		it('answers 404 (PT404) with the hint when the caller may not see the assembly', async () => {
			for (const client of [api(), as('member')]) {
				const { data, error, status } = await client.rpc('get_assembly', {
					assembly_id: seed.privateAssembly
				});
				expect(status).toBe(404);
				expect(data).toBeNull();
				expect(error).toEqual({
					code: 'PT404',
					message: 'Assembly not found',
					details: null,
					hint: 'It does not exist, or it is not public and you hold no role in it.'
				});
			}
		});

		it('answers 404 for an assembly that does not exist', async () => {
			const { error, status } = await as('admin').rpc('get_assembly', {
				assembly_id: '00000000-0000-4000-8000-000000000000'
			});
			expect(status).toBe(404);
			expect(error?.code).toBe('PT404');
		});

		it('lists a caller’s assemblies with their roles', async () => {
			const { data, error } = await as('facilitator').rpc('my_assemblies');
			expect(error).toBeNull();
			expect(data).toEqual([
				{
					id: seed.publicAssembly,
					title: 'Velfærdsborgersamlingen 2026–27',
					municipality: 'Hedensted Kommune',
					phase: 'sessions',
					roles: ['facilitator']
				}
			]);
		});

		it('gives an administrator everyone in the assembly with contact details', async () => {
			const { data, error } = await as('admin').rpc('assembly_people', {
				assembly_id: seed.publicAssembly
			});
			expect(error).toBeNull();
			expect(data).toHaveLength(seed.publicAssemblyPeople);
			expect(data).toContainEqual({
				person_id: 'b0000000-0000-4000-8000-000000000001',
				full_name: 'Mette Sørensen',
				email: seed.admin,
				phone: '+45 20 11 22 33',
				has_account: true,
				roles: ['admin']
			});
			expect(data.every((p: { email: string | null }) => p.email !== null)).toBe(true);
		});

		it('gives a facilitator the names but no e-mail addresses or phone numbers', async () => {
			const { data, error } = await as('facilitator').rpc('assembly_people', {
				assembly_id: seed.publicAssembly
			});
			expect(error).toBeNull();
			expect(data).toHaveLength(seed.publicAssemblyPeople);
			expect(data).toContainEqual(
				expect.objectContaining({
					full_name: 'Mette Sørensen',
					email: null,
					phone: null,
					roles: ['admin']
				})
			);
			expect(
				data.every((p: { email: string | null; phone: string | null }) => !p.email && !p.phone)
			).toBe(true);
		});

		it('gives a member only themselves', async () => {
			const { data, error } = await as('member').rpc('assembly_people', {
				assembly_id: seed.publicAssembly
			});
			expect(error).toBeNull();
			expect(data).toEqual([
				{
					person_id: 'c0000000-0000-4000-8000-000000000001',
					full_name: 'Anne Nielsen',
					email: null,
					phone: null,
					has_account: true,
					roles: ['member']
				}
			]);
		});
	});

	describe('errors and their status', () => {
		it('answers 401 to anon for a function it may not execute (42501)', async () => {
			const { data, error, status } = await api().rpc('assembly_people', {
				assembly_id: seed.publicAssembly
			});
			expect(status).toBe(401);
			expect(data).toBeNull();
			expect(error).toMatchObject({ code: '42501' });
			expect(error?.message).toMatch(/permission denied/);
		});

		it('answers 403 to a signed-in person refused by the database (42501)', async () => {
			const area = (await api().rpc('get_assembly', { assembly_id: seed.publicAssembly })).data
				.welfare_areas[0];
			const { error, status } = await as('facilitator').rpc('update_welfare_area', {
				welfare_area_id: area.id,
				name: area.name,
				description: area.description,
				budget_mio: 1
			});
			expect(status).toBe(403);
			expect(error).toMatchObject({
				code: '42501',
				message: "Only the assembly's administrators can change its welfare areas"
			});
		});

		it('passes a raised hint through with the 403', async () => {
			const { error, status } = await as('facilitator').rpc('update_assembly', {
				assembly_id: seed.publicAssembly,
				title: 'Kapret',
				charge: '',
				municipality: 'Hedensted Kommune',
				phase: 'sessions',
				is_public: true
			});
			expect(status).toBe(403);
			expect(error).toMatchObject({
				code: '42501',
				hint: 'Sign in as an administrator of this assembly.'
			});
		});

		it('lets an administrator change a welfare area and returns the new row', async () => {
			const area = (await api().rpc('get_assembly', { assembly_id: seed.publicAssembly })).data
				.welfare_areas[1];
			const changed = await as('admin').rpc('update_welfare_area', {
				welfare_area_id: area.id,
				name: area.name,
				description: area.description,
				budget_mio: 750.5
			});
			expect(changed.error).toBeNull();
			expect(changed.data).toMatchObject({ id: area.id, budget_mio: 750.5 });
			const restored = await as('admin').rpc('update_welfare_area', {
				welfare_area_id: area.id,
				name: area.name,
				description: area.description,
				budget_mio: area.budget_mio
			});
			expect(restored.data).toMatchObject({ budget_mio: area.budget_mio });
		});

		it('answers 400 to a check violation (23514) and keeps the old value', async () => {
			const area = (await api().rpc('get_assembly', { assembly_id: seed.publicAssembly })).data
				.welfare_areas[0];
			const { data, error, status } = await as('admin').rpc('update_welfare_area', {
				welfare_area_id: area.id,
				name: area.name,
				description: area.description,
				budget_mio: -1
			});
			expect(status).toBe(400);
			expect(data).toBeNull();
			expect(error).toMatchObject({ code: '23514' });
			expect(error?.message).toMatch(/welfare_areas_budget_mio_check/);
			const after = (await api().rpc('get_assembly', { assembly_id: seed.publicAssembly })).data
				.welfare_areas[0];
			expect(after.budget_mio).toBe(area.budget_mio);
		});

		it('answers 400 to a table check across columns (23514) from update_assembly', async () => {
			const { error, status } = await as('admin').rpc('update_assembly', {
				assembly_id: seed.publicAssembly,
				title: 'Velfærdsborgersamlingen 2026–27',
				charge: 'Prøve',
				municipality: 'Hedensted Kommune',
				phase: 'sessions',
				is_public: true,
				first_session_on: '2026-10-01',
				last_session_on: '2026-09-01'
			});
			expect(status).toBe(400);
			expect(error).toMatchObject({ code: '23514' });
			expect(error?.message).toMatch(/assemblies_session_order/);
		});

		it('adds a person once (uuid scalar) and answers 409 (23505) with the hint the second time', async () => {
			const args = {
				assembly_id: seed.publicAssembly,
				full_name: 'Dobbelt Tjek',
				email: 'dobbelt-tjek@example.org',
				role: 'council'
			};
			const first = await as('admin').rpc('add_person_with_role', args);
			expect(first.error).toBeNull();
			expect(first.status).toBe(200);
			expect(first.data).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
			const second = await as('admin').rpc('add_person_with_role', args);
			expect(second.status).toBe(409);
			expect(second.error).toEqual({
				code: '23505',
				message: 'This person already has that role in the assembly',
				details: null,
				hint: 'Choose another role, or leave it as it is.'
			});
			const removed = await as('admin').rpc('remove_role', {
				assembly_id: seed.publicAssembly,
				person_id: first.data,
				role: 'council'
			});
			expect(removed.status).toBe(204);
		});

		it('answers 404 (PT404) when a void function raises it', async () => {
			const { data, error, status } = await as('admin').rpc('remove_role', {
				assembly_id: seed.publicAssembly,
				person_id: '00000000-0000-4000-8000-000000000000',
				role: 'member'
			});
			expect(status).toBe(404);
			expect(data).toBeNull();
			expect(error).toMatchObject({
				code: 'PT404',
				message: 'No such role to remove, or you may not remove it'
			});
		});

		it('answers 400 to a plain raise (P0001) with its details and hint', async () => {
			const { error, status } = await api().rpc('contract_refuse');
			expect(status).toBe(400);
			expect(error).toEqual({
				code: 'P0001',
				message: 'I refuse',
				details: 'Pretty simple',
				hint: 'There is nothing you can do.'
			});
		});

		it('answers 500 to a server-class error (40P01)', async () => {
			const { error, status } = await api().rpc('contract_deadlock');
			expect(status).toBe(500);
			expect(error).toMatchObject({ code: '40P01', message: 'Pretend deadlock' });
		});

		it('answers 400 (22P02) to an argument that is not of its type', async () => {
			const { error, status } = await api().rpc('get_assembly', { assembly_id: 'not-a-uuid' });
			expect(status).toBe(400);
			expect(error).toMatchObject({ code: '22P02' });
		});

		it('answers 404 (PGRST202) for an unknown function', async () => {
			const { data, error, status } = await api().rpc('no_such_function');
			expect(status).toBe(404);
			expect(data).toBeNull();
			expect(error?.code).toBe('PGRST202');
			expect(error?.message).toMatch(/api\.no_such_function/);
		});

		it('answers 404 (PGRST202) for unknown or missing argument names', async () => {
			const unknown = await api().rpc('get_assembly', { assembly: seed.publicAssembly });
			expect(unknown.status).toBe(404);
			expect(unknown.error?.code).toBe('PGRST202');
			const extra = await api().rpc('whoami', { verbose: true });
			expect(extra.status).toBe(404);
			expect(extra.error?.code).toBe('PGRST202');
			const missing = await api().rpc('get_assembly', {});
			expect(missing.status).toBe(404);
			expect(missing.error?.code).toBe('PGRST202');
			const missingOverGet = await api().rpc('get_assembly', {}, { get: true });
			expect(missingOverGet.status).toBe(404);
			expect(missingOverGet.error?.code).toBe('PGRST202');
		});

		it('finds a function created after the first call without a restart', async () => {
			expect((await api().rpc('contract_late')).error?.code).toBe('PGRST202');
			await h.db
				.exec(`create function api.contract_late() returns text language sql as $$ select 'late' $$;
				grant execute on function api.contract_late() to anon;`);
			const { data, error } = await api().rpc('contract_late');
			expect(error).toBeNull();
			expect(data).toBe('late');
		});
	});

	describe('schemas (profiles)', () => {
		it('answers 406 (PGRST106) to a schema that is not exposed, over POST and GET', async () => {
			for (const schema of ['other', 'app', 'private']) {
				for (const get of [false, true]) {
					const { data, error, status } = await clientFor(h)
						.schema(schema)
						.rpc('whoami', {}, { get });
					expect(status).toBe(406);
					expect(data).toBeNull();
					expect(error?.code).toBe('PGRST106');
				}
			}
		});

		it('defaults to api when no profile header is sent', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/contract_add', { method: 'POST', body: '{"a":1,"b":1}' })
			);
			expect(response.status).toBe(200);
			expect(await response.json()).toBe(2);
		});
	});

	describe('bad tokens', () => {
		it('answers 401 (PGRST303) to an expired token', async () => {
			const expired = await signJwt(
				claimsFor(userIds.admin!, seed.admin),
				h.jwtSecret,
				60,
				new Date(Date.now() - minutes(120))
			);
			const { data, error, status } = await api(expired).rpc('whoami');
			expect(status).toBe(401);
			expect(data).toBeNull();
			expect(error?.code).toBe('PGRST303');
		});

		it('answers 401 (PGRST301) to a token signed with another secret', async () => {
			const forged = await signJwt(
				{ role: 'service_role' },
				'not-the-secret-not-the-secret-not-the',
				3600
			);
			const { error, status } = await api(forged).rpc('whoami');
			expect(status).toBe(401);
			expect(error?.code).toBe('PGRST301');
		});

		it('answers 401 (PGRST301) to an unsigned token (alg none)', async () => {
			const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ role: 'service_role' })}.`;
			const { error, status } = await api(unsigned).rpc('whoami');
			expect(status).toBe(401);
			expect(error?.code).toBe('PGRST301');
		});

		it('answers 401 (PGRST301) to a token that is not a JWT, with WWW-Authenticate', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/whoami', {
					method: 'POST',
					headers: { authorization: 'Bearer garbage' }
				})
			);
			expect(response.status).toBe(401);
			expect(response.headers.get('www-authenticate')).toMatch(/invalid_token/);
			expect(await response.json()).toMatchObject({ code: 'PGRST301' });
		});

		it('refuses a validly signed token whose role is not anon, authenticated or service_role', async () => {
			for (const role of ['postgres', 'no_such_role']) {
				const token = await signJwt({ role }, h.jwtSecret, 3600);
				const { data, error, status } = await api(token).rpc('whoami');
				expect(status).toBe(401);
				expect(data).toBeNull();
				expect(error?.code).toBe('PGRST301');
			}
		});
	});

	describe('requests supabase-js cannot send', () => {
		it('answers 400 (PGRST102) to a malformed JSON body', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/get_assembly', {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: '{"assembly_id": '
				})
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ code: 'PGRST102' });
		});

		it('answers 400 (PGRST102) to a JSON body that is not an object', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/whoami', { method: 'POST', body: '[1, 2]' })
			);
			expect(response.status).toBe(400);
			expect(await response.json()).toMatchObject({ code: 'PGRST102' });
		});

		it('calls a function without arguments when the POST body is empty', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/contract_nothing', { method: 'POST' })
			);
			expect(response.status).toBe(200);
			expect(await response.text()).toBe('null');
		});

		it('answers 405 (PGRST101) to verbs other than GET, HEAD and POST', async () => {
			for (const method of ['DELETE', 'PUT', 'PATCH']) {
				const response = await h.endpoint.fetch(rawRequest('/rest/v1/rpc/whoami', { method }));
				expect(response.status).toBe(405);
				expect(await response.json()).toMatchObject({ code: 'PGRST101' });
			}
		});

		it('answers 404 (PGRST125) to a path that is not /rest/v1/rpc/:fn', async () => {
			for (const path of [
				'/rest/v1/assemblies',
				'/rest/v1/rpc/',
				'/rest/v1/rpc/who-am-i',
				'/rpc/whoami'
			]) {
				const response = await h.endpoint.fetch(rawRequest(path, { method: 'POST', body: '{}' }));
				expect(response.status).toBe(404);
				expect(await response.json()).toMatchObject({ code: 'PGRST125' });
			}
		});

		it('sends JSON with a charset', async () => {
			const response = await h.endpoint.fetch(
				rawRequest('/rest/v1/rpc/list_assemblies', { method: 'GET' })
			);
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
		});
	});

	describe('local sign-in', () => {
		function clock(start = new Date()) {
			let now = start;
			return {
				now: () => now,
				advance: (ms: number) => {
					now = new Date(now.getTime() + ms);
				}
			};
		}
		const authWith = (time = clock()) =>
			createLocalAuth({ db: h.db, jwtSecret: h.jwtSecret, now: time.now });

		async function issued(auth: ReturnType<typeof authWith>, email: string) {
			const result = await auth.issueCode(email);
			if (!result.ok || result.code === null) throw new Error(`no code issued for ${email}`);
			return result;
		}

		it('signs in with a code once, and the session works on the endpoint', async () => {
			const auth = authWith();
			const email = 'medlem20@demo.samraad.dk';
			const { code } = await issued(auth, email);
			const signedIn = await auth.verifyCode(
				email.toUpperCase(),
				` ${code.slice(0, 3)} ${code.slice(3)} `
			);
			expect(signedIn).toMatchObject({ ok: true, claims: { email, role: 'authenticated' } });
			if (!signedIn.ok) return;
			const { data } = await api(signedIn.accessToken).rpc('whoami');
			expect(data).toMatchObject({
				role: 'authenticated',
				email,
				person: { full_name: 'Niels Mortensen' }
			});
			expect(await auth.verifyCode(email, code)).toEqual({ ok: false, reason: 'used' });
		});

		it('counts down attempts on a wrong code and kills the code at the fifth', async () => {
			const auth = authWith();
			const email = 'medlem21@demo.samraad.dk';
			const { code } = await issued(auth, email);
			const results = [];
			for (let i = 0; i < 5; i++) results.push(await auth.verifyCode(email, wrongCode(code)));
			expect(results).toEqual([
				{ ok: false, reason: 'invalid', attemptsLeft: 4 },
				{ ok: false, reason: 'invalid', attemptsLeft: 3 },
				{ ok: false, reason: 'invalid', attemptsLeft: 2 },
				{ ok: false, reason: 'invalid', attemptsLeft: 1 },
				{ ok: false, reason: 'too_many_attempts' }
			]);
			expect(await auth.verifyCode(email, code)).toEqual({
				ok: false,
				reason: 'too_many_attempts'
			});
		});

		it('locks an address after ten wrong codes in an hour, even for a fresh code', async () => {
			const auth = authWith();
			const email = 'medlem22@demo.samraad.dk';
			for (let round = 0; round < 2; round++) {
				const { code } = await issued(auth, email);
				for (let i = 0; i < 5; i++) await auth.verifyCode(email, wrongCode(code));
			}
			const { code } = await issued(auth, email);
			expect(await auth.verifyCode(email, code)).toEqual({ ok: false, reason: 'locked' });
		});

		it('says a code is expired after ten minutes', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem23@demo.samraad.dk';
			const { code } = await issued(auth, email);
			time.advance(minutes(10) + 1000);
			expect(await auth.verifyCode(email, code)).toEqual({ ok: false, reason: 'expired' });
		});

		it('accepts a code until its ten minutes are up', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem30@demo.samraad.dk';
			const { code } = await issued(auth, email);
			time.advance(minutes(10) - 1000);
			expect(await auth.verifyCode(email, code)).toMatchObject({ ok: true, claims: { email } });
		});

		it('replaces an earlier code when a new one is issued', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem24@demo.samraad.dk';
			const first = await issued(auth, email);
			time.advance(1000);
			let second = await issued(auth, email);
			// One in a million: the new code happens to be the old one.
			if (second.code === first.code) second = await issued(auth, email);
			expect(await auth.verifyCode(email, first.code)).toEqual({
				ok: false,
				reason: 'invalid',
				attemptsLeft: 4
			});
			expect(await auth.verifyCode(email, second.code)).toMatchObject({
				ok: true,
				claims: { email }
			});
		});

		it('exchanges a personal link once, then says it was used', async () => {
			const auth = authWith();
			const email = 'medlem25@demo.samraad.dk';
			const { token } = await issued(auth, email);
			const first = await auth.exchangeLink(token);
			expect(first).toMatchObject({ ok: true, claims: { email } });
			expect(await auth.exchangeLink(token)).toEqual({ ok: false, reason: 'used' });
			expect(await auth.exchangeLink('not-a-token')).toEqual({ ok: false, reason: 'invalid' });
		});

		it('rate-limits codes per address (6th in 15 minutes), not for other addresses', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem26@demo.samraad.dk';
			for (let i = 0; i < 5; i++) {
				expect(await auth.issueCode(email)).toMatchObject({
					ok: true,
					code: expect.stringMatching(/^\d{6}$/)
				});
			}
			expect(await auth.issueCode(email)).toEqual({ ok: false, reason: 'rate_limited' });
			// Someone else on the same network (no IP is counted) is unaffected.
			expect(await auth.issueCode('medlem27@demo.samraad.dk')).toMatchObject({
				ok: true,
				code: expect.stringMatching(/^\d{6}$/)
			});
			time.advance(minutes(15) + 1000);
			expect(await auth.issueCode(email)).toMatchObject({
				ok: true,
				code: expect.stringMatching(/^\d{6}$/)
			});
		});

		it('issues no code for an unknown address, and says ok all the same', async () => {
			expect(await authWith().issueCode('nobody@example.org')).toEqual({ ok: true, code: null });
		});

		it('renews an expired access token while the session lives, and not after sign-out', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem28@demo.samraad.dk';
			const { code } = await issued(auth, email);
			const signedIn = await auth.verifyCode(email, code);
			if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);

			expect((await auth.resume(signedIn.accessToken))?.accessToken).toBe(signedIn.accessToken);

			time.advance(minutes(61));
			const renewed = await auth.resume(signedIn.accessToken);
			expect(renewed).not.toBeNull();
			expect(renewed!.accessToken).not.toBe(signedIn.accessToken);
			expect(renewed!.claims).toMatchObject({
				sub: signedIn.claims.sub,
				email,
				session_id: signedIn.claims.session_id
			});
			// The renewed token is fresh: it comes back as it is.
			expect((await auth.resume(renewed!.accessToken))?.accessToken).toBe(renewed!.accessToken);

			await auth.signOut(renewed!.accessToken);
			time.advance(minutes(61));
			expect(await auth.resume(renewed!.accessToken)).toBeNull();
			expect(await auth.resume(signedIn.accessToken)).toBeNull();
		});

		it('does not renew a session left idle for longer than its idle limit', async () => {
			const time = clock();
			const auth = authWith(time);
			const email = 'medlem29@demo.samraad.dk';
			const { token } = await issued(auth, email);
			const signedIn = await auth.exchangeLink(token);
			if (!signedIn.ok) throw new Error(`sign-in failed: ${signedIn.reason}`);
			time.advance(days(14) + 1000);
			expect(await auth.resume(signedIn.accessToken)).toBeNull();
		});

		it('does not resume a token signed with another secret', async () => {
			const token = await signJwt(
				{
					...claimsFor(userIds.member!, seed.member),
					session_id: '00000000-0000-4000-8000-000000000000'
				},
				'not-the-secret-not-the-secret-not-the',
				3600
			);
			expect(await authWith().resume(token)).toBeNull();
		});
	});
});
