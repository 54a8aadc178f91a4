-- The verifiable draw and what follows it: who starts, advances, stops and sees a draw; the
-- commitment that never changes; the public randomness two organisers enter; complete_draw setting
-- every pool member's status; the answers of the selected (by staff, or through a personal link);
-- and replacing a withdrawn member with a reserve before the cut-off.
-- Assembly 1 (…0001) is public, assembly 2 (…0002) is not and has 90 volunteers (numbers 1–90) and
-- reserve_size 8. The scenario: admin2 draws 24 (3, 6, …, 72) with 20 ranked reserves (1, 4, …, 58)
-- from assembly 2's pool; assembly 1's administrator runs a draw of the public assembly alongside.
-- Tests marked TODO state the intended behaviour where the migrations have a bug.
begin;
select plan(127);

-- Fixtures ---------------------------------------------------------------------------------------------
-- A seeded volunteer of assembly 2 by registration number.
create function pg_temp.reg(n int) returns uuid
language sql immutable as $$ select ('e0000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid $$;
-- SHA-256 in hex, as the app stores commitment hashes, seeds and answer-link tokens.
create function pg_temp.hex(value text) returns text
language sql immutable as $$ select encode(sha256(convert_to(value, 'UTF8')), 'hex') $$;
-- Draw ids, kept for the rest of the transaction under a name.
create function pg_temp.remember(name text, id uuid) returns uuid
language sql as $$ select set_config('samraad_test.' || name, id::text, true)::uuid $$;
create function pg_temp.draw(name text) returns uuid
language sql stable as $$ select current_setting('samraad_test.' || name)::uuid $$;
-- A commitment in the shape bundle.ts makes (small: the pool is pseudonymous registration numbers).
create function pg_temp.commitment(title text, k int, pool_size int, sources jsonb) returns jsonb
language sql immutable as $$
  select jsonb_build_object('format', 'samraad-commitment', 'version', 1, 'title', title,
    'algorithm', jsonb_build_object('name', 'LEXIMIN', 'version', 'samraad-1'), 'k', k,
    'randomSources', sources,
    'pool', coalesce((select jsonb_agg(jsonb_build_object('id', n::text) order by n) from generate_series(1, pool_size) n), '[]'),
    'hashes', jsonb_build_object('pool', pg_temp.hex(title || '/pool'), 'quotas', pg_temp.hex(title || '/quotas'),
      'lottery', pg_temp.hex(title || '/lottery'), 'probabilities', pg_temp.hex(title || '/probabilities'),
      'commitment', pg_temp.hex(title || '/commitment')))
$$;
create function pg_temp.bundle(commitment jsonb, seed text, panel int[], reserves int[]) returns jsonb
language sql immutable as $$
  select jsonb_build_object('format', 'samraad-bundle', 'version', 1, 'commitment', commitment,
    'draw', jsonb_build_object('seed', seed, 'ticket', 417, 'panel', to_jsonb(panel), 'reserves', to_jsonb(reserves)))
$$;
-- Assembly 2's draw: panel 3, 6, …, 72 and reserves 1, 4, …, 58 in rank order.
create function pg_temp.panel() returns int[]
language sql immutable as $$ select array(select g * 3 from generate_series(1, 24) g) $$;
create function pg_temp.reserves() returns int[]
language sql immutable as $$ select array(select 1 + g * 3 from generate_series(0, 19) g) $$;
create function pg_temp.commitment_2() returns jsonb
language sql immutable as $$
  select pg_temp.commitment('Borgersamling om fremtidens dagtilbud', 24, 90,
    '[{"name": "Terninger", "description": "Fem terninger kastet på byrådsmødet den 2. december"}]')
$$;
create function pg_temp.commitment_1() returns jsonb
language sql immutable as $$
  select pg_temp.commitment('Velfærdsborgersamlingen 2026–27', 36, 0,
    '[{"name": "Lotto", "description": "Lørdagens vindertal"}, {"name": "Terninger", "description": "Tre terninger"}]')
$$;
-- An answer link's token: 43 characters of base64url, as the app makes them.
create function pg_temp.token(name text) returns text
language sql immutable as $$ select rpad('svarlink-' || name || '-', 43, 'Zq7xK_') $$;
create function pg_temp.token_hashes(tokens jsonb) returns jsonb
language sql immutable as $$
  select jsonb_agg(jsonb_build_object('registration_id', pg_temp.reg((t ->> 0)::int), 'token_hash', pg_temp.hex(t ->> 1)))
  from jsonb_array_elements(tokens) t
$$;

-- Starting a draw: administrators only -------------------------------------------------------------
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')$$),
  '42501', 'start_draw refuses a facilitator of the assembly');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')$$),
  '42501', 'start_draw refuses a member of the assembly');
select tests.act_as(null);
select is(tests.error_of($$select api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')$$),
  '42501', 'start_draw refuses anon');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')$$),
  '42501', 'start_draw refuses the administrator of assembly 1 for assembly 2');
reset role;
select is((select count(*) from app.draws), 0::bigint, 'the refused attempts started no draw (counted past RLS)');

select tests.act_as('admin2@demo.samraad.dk');
select isnt(pg_temp.remember('d2', api.start_draw('a55e0b1e-0000-4000-8000-000000000002',
    pg_temp.commitment_2() -> 'randomSources')), null,
  'start_draw lets the administrator of assembly 2 start a draw with its named random source');
select results_eq($$select status, progress, random_sources -> 0 ->> 'name', commitment_hash, entries
    from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('computing'::app.draw_status, 0::real, 'Terninger', null::text, 0::bigint)$$,
  'assembly_draws shows the administrator the new draw computing, at 0, without a commitment');
select is(tests.error_of($$select api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')$$),
  '23505', 'a second open draw in the same assembly is refused (unique index)');
select lives_ok($$select api.draw_progress(pg_temp.draw('d2'), 0.4, 'LEXIMIN: 12 af 30 iterationer')$$,
  'draw_progress lets the administrator report progress');
select results_eq($$select progress, progress_message from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values (0.4::real, 'LEXIMIN: 12 af 30 iterationer')$$, 'the progress and its message are stored');
select api.draw_progress(pg_temp.draw('d2'), 7, 'Afrunder til lotteri');
select is((select progress from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')), 1::real,
  'draw_progress clamps the progress to 1');
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$),
  '42501', 'no random values can be entered while the draw is computing (not even by its administrator)');

-- A computing draw is its administrators' alone --------------------------------------------------------
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'a facilitator does not see a computing draw');
select is(tests.error_of($$select api.finish_draw_computation(pg_temp.draw('d2'), pg_temp.commitment_2(),
    pg_temp.commitment_2() #>> '{hashes,commitment}')$$),
  'P0001 draw_not_computing', 'finish_draw_computation refuses a facilitator (the draw is not theirs to commit)');
select is(tests.error_of($$select api.stop_draw(pg_temp.draw('d2'), 'cancelled')$$),
  'P0001 draw_not_open', 'stop_draw refuses a facilitator');
select is(tests.affected($$update app.draws set progress = 0.9$$), 0::bigint,
  'a facilitator updates no draw directly');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'a member does not see a computing draw');
select tests.act_as('admin@demo.samraad.dk');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'the administrator of assembly 1 does not see assembly 2''s computing draw');
select is(tests.error_of($$select api.finish_draw_computation(pg_temp.draw('d2'), '{}', repeat('0', 64))$$),
  'P0001 draw_not_computing', 'finish_draw_computation refuses the administrator of assembly 1 for assembly 2');
select tests.act_as(null);
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'anon does not see a computing draw');
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select progress, progress_message from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values (1::real, 'Afrunder til lotteri')$$, 'the facilitator''s progress report changed nothing');

-- The public assembly's draw, computing: its administrator alone sees it ---------------------------------
select tests.act_as('admin@demo.samraad.dk');
select isnt(pg_temp.remember('d1', api.start_draw('a55e0b1e-0000-4000-8000-000000000001',
    pg_temp.commitment_1() -> 'randomSources')), null,
  'the administrator of assembly 1 starts a draw of the public assembly');
select tests.act_as(null);
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000001')$$,
  'anon does not see a computing draw, even of a public assembly');
select tests.act_as('medlem01@demo.samraad.dk');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000001')$$,
  'a member of the public assembly does not see its computing draw');
select tests.act_as('admin@demo.samraad.dk');
select lives_ok($$select api.finish_draw_computation(pg_temp.draw('d1'), pg_temp.commitment_1(),
    pg_temp.commitment_1() #>> '{hashes,commitment}')$$,
  'the administrator of assembly 1 commits its draw');

-- Committing assembly 2's draw -----------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.finish_draw_computation(pg_temp.draw('d2'), pg_temp.commitment_2(),
    pg_temp.commitment_2() #>> '{hashes,commitment}')$$,
  'finish_draw_computation stores the commitment and its hash');
select results_eq($$select status, progress, commitment_hash, committed_at is not null
    from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('committed'::app.draw_status, 1::real, pg_temp.hex('Borgersamling om fremtidens dagtilbud/commitment'), true)$$,
  'the draw is committed at progress 1 with the commitment hash and the time');
select is(api.draw_document(pg_temp.draw('d2')), pg_temp.commitment_2(),
  'draw_document gives the administrator the commitment');
select is(tests.error_of($$select api.finish_draw_computation(pg_temp.draw('d2'), pg_temp.commitment_2(),
    pg_temp.commitment_2() #>> '{hashes,commitment}')$$),
  'P0001 draw_not_computing', 'finish_draw_computation refuses a draw that is already committed');

-- Who sees committed draws ---------------------------------------------------------------------------
select tests.act_as(null);
select results_eq($$select status, commitment_hash from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values ('committed'::app.draw_status, pg_temp.hex('Velfærdsborgersamlingen 2026–27/commitment'))$$,
  'anon sees the committed draw of the public assembly with its hash');
select is(api.draw_document(pg_temp.draw('d1')) #>> '{hashes,commitment}', pg_temp.hex('Velfærdsborgersamlingen 2026–27/commitment'),
  'anon can download the commitment of the public assembly''s draw');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'anon sees nothing of the non-public assembly''s committed draw');
select is(api.draw_document(pg_temp.draw('d2')), null, 'draw_document gives anon nothing of the non-public assembly');
select is((select count(*) from app.draws), 1::bigint, 'anon reads exactly one draw from the table: the public one');
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select status from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values ('committed'::app.draw_status)$$, 'a member of assembly 1 sees its committed draw');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select status, commitment_hash, entries, entered_by_me from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('committed'::app.draw_status, pg_temp.hex('Borgersamling om fremtidens dagtilbud/commitment'), 0::bigint, false)$$,
  'a member of the non-public assembly sees its committed draw');
select is(api.draw_document(pg_temp.draw('d2')) #>> '{hashes,commitment}', pg_temp.hex('Borgersamling om fremtidens dagtilbud/commitment'),
  'a member of the non-public assembly can download its commitment');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select results_eq($$select status from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('committed'::app.draw_status)$$, 'the facilitator now sees the committed draw');
select tests.act_as('admin@demo.samraad.dk');
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'the administrator of assembly 1 sees nothing of the non-public assembly''s draws');

-- The commitment never changes -----------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$update app.draws set commitment_hash = repeat('a', 64) where id = pg_temp.draw('d2')$$),
  '42501', 'the administrator cannot change a published commitment hash');
reset role;
select is(tests.error_of($$update app.draws set commitment_hash = repeat('a', 64) where id = pg_temp.draw('d2')$$),
  '42501', 'nor can the superuser: the trigger guards the commitment hash for everyone');
select tests.act_as('admin2@demo.samraad.dk');
select isnt(tests.error_of($$update app.draws set commitment = commitment || '{"pool": [{"id": "3"}]}'
    where id = pg_temp.draw('d2')$$, true), null,
  'the administrator cannot change the published commitment document');

-- Random entries: each organiser once, only on a committed draw --------------------------------------
select lives_ok($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$,
  'the administrator enters the public random values');
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 6"}')$$),
  '23505', 'the administrator cannot enter a second time');
select is(tests.error_of($$select api.complete_draw(pg_temp.draw('d2'),
    pg_temp.bundle(pg_temp.commitment_2(), pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves())$$),
  'P0001 two_entries_needed', 'complete_draw refuses a draw with a single person''s entry');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$),
  '42501', 'a member cannot enter random values');
select tests.act_as(null);
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$),
  '42501', 'anon cannot enter random values');
select is(tests.error_of($$insert into app.draw_random_entries (draw_id, person_id, entered_values)
    values (pg_temp.draw('d2'), 'b0000000-0000-4000-8000-000000000007', '{"3 1 4 1 5"}')$$),
  '42501', 'anon cannot write an entry directly, not even in someone else''s name');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$),
  '42501', 'the administrator of assembly 1 cannot enter random values for assembly 2');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$insert into app.draw_random_entries (draw_id, person_id, entered_values)
    values (pg_temp.draw('d2'), 'b0000000-0000-4000-8000-000000000006', '{"3 1 4 1 5"}')$$),
  '42501', 'the facilitator cannot enter values in the administrator''s name');
select lives_ok($$select api.enter_random_values(pg_temp.draw('d2'), '{"3 1 4 1 5"}')$$,
  'the facilitator of assembly 2 enters the public random values as the second person');
select results_eq($$select person_id, entered_values from api.draw_entries(pg_temp.draw('d2')) order by person_id$$,
  $$values ('b0000000-0000-4000-8000-000000000006'::uuid, '{"3 1 4 1 5"}'::text[]),
           ('b0000000-0000-4000-8000-000000000007'::uuid, '{"3 1 4 1 5"}'::text[])$$,
  'the facilitator reads both entries');
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select entries, entered_by_me from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values (2::bigint, true)$$, 'assembly_draws counts two entries, one of them the administrator''s');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is_empty($$select * from api.draw_entries(pg_temp.draw('d2'))$$, 'a member reads no entries');
select tests.act_as(null);
select is((select count(*) from app.draw_random_entries), 0::bigint, 'anon reads no entries');

-- complete_draw ----------------------------------------------------------------------------------------
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.complete_draw(pg_temp.draw('d2'),
    pg_temp.bundle(pg_temp.commitment_2(), pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves())$$),
  'P0001 draw_not_committed', 'complete_draw refuses a facilitator');
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select status from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('committed'::app.draw_status)$$, 'the facilitator''s attempt left the draw committed');
select is(tests.error_of($$select api.complete_draw(pg_temp.draw('d2'),
    pg_temp.bundle(pg_temp.commitment_2() || '{"hashes": {"commitment": "0000000000000000000000000000000000000000000000000000000000000000"}}',
      pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves())$$),
  'P0001 commitment_mismatch', 'complete_draw refuses a bundle that names another commitment hash');
select is(tests.error_of($$select api.complete_draw(pg_temp.draw('d2'),
    pg_temp.bundle(pg_temp.commitment_2() || '{"pool": [{"id": "3"}]}', pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves())$$, true),
  'P0001 commitment_mismatch', 'complete_draw refuses a bundle carrying another commitment under the published hash');
select lives_ok($$select api.complete_draw(pg_temp.draw('d2'),
    pg_temp.bundle(pg_temp.commitment_2(), pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves())$$,
  'complete_draw lets the administrator record the drawn bundle');
reset role;
select results_eq($$select status, seed, bundle = pg_temp.bundle(pg_temp.commitment_2(), pg_temp.hex('seed d2'), pg_temp.panel(), pg_temp.reserves()),
    drawn_at is not null from app.draws where id = pg_temp.draw('d2')$$,
  $$values ('drawn'::app.draw_status, pg_temp.hex('seed d2'), true, true)$$,
  'the draw is drawn, with its seed, bundle and time');
select is(array(select registration_number from app.registrations
    where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and status = 'selected' order by registration_number),
  pg_temp.panel(), 'exactly the 24 drawn registrations are selected');
select results_eq($$select registration_number, reserve_rank from app.registrations
    where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and status = 'reserve' order by reserve_rank$$,
  $$values (1, 1), (4, 2), (7, 3), (10, 4), (13, 5), (16, 6), (19, 7), (22, 8)$$,
  'the first 8 reserves (reserve_size) are reserves, ranked 1–8 in the drawn order');
select results_eq($$select status, count(*), count(draw_id), count(reserve_rank) from app.registrations
    where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' group by status order by status$$,
  $$values ('pool'::app.registration_status, 58::bigint, 0::bigint, 0::bigint), ('selected', 24, 24, 0), ('reserve', 8, 8, 8)$$,
  'the other 58, reserves 9–20 among them, stay in the pool without a draw or rank');

-- A drawn draw is final, and visible as far as its assembly is -----------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$update app.draws set progress_message = 'Efterrettet' where id = pg_temp.draw('d2')$$),
  '42501', 'the administrator cannot change a drawn draw at all');
reset role;
select is(tests.error_of($$update app.draws set failure = 'Omgjort' where id = pg_temp.draw('d2')$$),
  '42501', 'nor can the superuser');
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.stop_draw(pg_temp.draw('d2'), 'cancelled')$$),
  'P0001 draw_not_open', 'a drawn draw cannot be cancelled');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(api.draw_document(pg_temp.draw('d2')) #>> '{draw,seed}', pg_temp.hex('seed d2'),
  'a member of assembly 2 downloads the bundle of the drawn draw');
select tests.act_as(null);
select is_empty($$select * from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  'anon still sees nothing of the non-public assembly''s draw once drawn');

-- The public assembly's draw, drawn --------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select api.enter_random_values(pg_temp.draw('d1'), '{"7 12 19 23 31 34 36", "6 6 2"}');
select tests.act_as('facilitator@demo.samraad.dk');
select api.enter_random_values(pg_temp.draw('d1'), '{"7 12 19 23 31 34 36", "6 6 2"}');
select tests.act_as('admin@demo.samraad.dk');
select lives_ok($$select api.complete_draw(pg_temp.draw('d1'), pg_temp.bundle(pg_temp.commitment_1(), pg_temp.hex('seed d1'), '{}', '{}'),
    pg_temp.hex('seed d1'), '{}', '{}')$$,
  'the administrator of assembly 1 completes its draw after two organisers entered the values');
select tests.act_as('facilitator2@demo.samraad.dk');
select is(tests.error_of($$select api.enter_random_values(pg_temp.draw('d1'), '{"7 12 19 23 31 34 36", "6 6 2"}')$$),
  '42501', 'no random values can be entered once the draw is drawn');
select tests.act_as(null);
select results_eq($$select status, seed from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values ('drawn'::app.draw_status, pg_temp.hex('seed d1'))$$, 'anon sees the drawn draw of the public assembly with its seed');
select is(api.draw_document(pg_temp.draw('d1')) #>> '{commitment,hashes,commitment}', pg_temp.hex('Velfærdsborgersamlingen 2026–27/commitment'),
  'anon downloads the bundle of the public assembly''s draw, with the commitment it rests on');

-- Stopping a draw -------------------------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select isnt(pg_temp.remember('d3', api.start_draw('a55e0b1e-0000-4000-8000-000000000002', '[{"name": "Terninger", "description": "…"}]')),
  null, 'once a draw is drawn the administrator may start another');
select is(tests.error_of($$select api.stop_draw(pg_temp.draw('d3'), 'drawn')$$), 'P0001',
  'stop_draw refuses the status drawn');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.stop_draw(pg_temp.draw('d3'), 'cancelled')$$), 'P0001 draw_not_open',
  'stop_draw refuses a facilitator');
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.stop_draw(pg_temp.draw('d3'), 'failed', 'Kvoterne kan ikke opfyldes med puljen')$$,
  'stop_draw lets the administrator record a failed computation');
select results_eq($$select status, failure from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002') where id = pg_temp.draw('d3')$$,
  $$values ('failed'::app.draw_status, 'Kvoterne kan ikke opfyldes med puljen')$$, 'the draw failed with its reason');
select is(tests.error_of($$select api.finish_draw_computation(pg_temp.draw('d3'), pg_temp.commitment_2(),
    pg_temp.commitment_2() #>> '{hashes,commitment}')$$),
  'P0001 draw_not_computing', 'a failed draw cannot be committed');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select status from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('drawn'::app.draw_status)$$, 'a member sees the drawn draw, not the failed one');

-- Answers recorded by staff: set_registration_status ----------------------------------------------------
-- Volunteer 6 is Anne Nielsen (medlem01), who already sits in the welfare assembly.
reset role;
update app.registrations set email = 'Medlem01@demo.samraad.dk' where id = pg_temp.reg(6);
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(12), 'declined')$$), '42501',
  'set_registration_status refuses a facilitator');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(12), 'declined')$$), '42501',
  'set_registration_status refuses a member');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(12), 'declined')$$), '42501',
  'set_registration_status refuses the administrator of assembly 1 for assembly 2');
select tests.act_as(null);
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(12), 'declined')$$), '42501',
  'anon cannot call set_registration_status');

select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.set_registration_status(pg_temp.reg(3), 'confirmed')$$,
  'the administrator records that selected volunteer 3 confirmed (by phone)');
reset role;
select results_eq($$select r.status, r.responded_at is not null, p.full_name = r.full_name, p.email,
      exists (select 1 from app.role_assignments ra
              where ra.person_id = p.id and ra.assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and ra.role = 'member')
    from app.registrations r join app.people p on p.id = r.person_id where r.id = pg_temp.reg(3)$$,
  $$values ('confirmed'::app.registration_status, true, true, 'frivillig3@example.dk', true)$$,
  'confirming made a new person, linked to the registration, with the member role in assembly 2');
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.set_registration_status(pg_temp.reg(6), 'confirmed')$$,
  'the administrator records that volunteer 6 confirmed');
reset role;
select results_eq($$select r.person_id, (select count(*) from app.people p where lower(p.email) = 'medlem01@demo.samraad.dk')
    from app.registrations r where r.id = pg_temp.reg(6)$$,
  $$values ('c0000000-0000-4000-8000-000000000001'::uuid, 1::bigint)$$,
  'confirming reuses the person with the same address (whatever its case) instead of making another');
select results_eq($$select assembly_id, role from app.role_assignments
    where person_id = 'c0000000-0000-4000-8000-000000000001' order by assembly_id$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 'member'::app.assembly_role),
           ('a55e0b1e-0000-4000-8000-000000000002', 'member')$$,
  'that person is now a member of both assemblies');
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.set_registration_status(pg_temp.reg(9), 'declined')$$,
  'the administrator records that selected volunteer 9 declined');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(9), 'confirmed')$$), 'P0001 not_selected',
  'a declined volunteer cannot be confirmed');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(1), 'confirmed')$$), 'P0001 not_selected',
  'a reserve cannot be confirmed before being called in');
select lives_ok($$select api.set_registration_status(pg_temp.reg(3), 'withdrawn')$$,
  'the administrator records that confirmed member 3 withdrew');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(3), 'selected')$$), 'P0001 status_move',
  'a withdrawn member cannot be selected again');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(25), 'selected')$$, true), 'P0001 status_move',
  'a pool volunteer cannot be selected by hand');
select is(tests.error_of($$select api.set_registration_status(pg_temp.reg(4), 'selected')$$, true), 'P0001 status_move',
  'a reserve is called in only through replace_with_reserve');
reset role;
select results_eq($$select registration_number, status from app.registrations where id in (pg_temp.reg(3), pg_temp.reg(9), pg_temp.reg(12), pg_temp.reg(25))
    order by registration_number$$,
  $$values (3, 'withdrawn'::app.registration_status), (9, 'declined'), (12, 'selected'), (25, 'pool')$$,
  'the statuses are as recorded, the refused moves changed nothing');

-- Replacing a withdrawn member with a reserve -----------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.set_registration_status(pg_temp.reg(6), 'withdrawn')$$,
  'the administrator records that member 6 withdrew');
select lives_ok($$select api.replace_with_reserve(pg_temp.reg(3), pg_temp.reg(1))$$,
  'the administrator replaces withdrawn member 3 with reserve 1');
reset role;
select results_eq($$select status, replaces_registration_id from app.registrations where id = pg_temp.reg(1)$$,
  $$values ('selected'::app.registration_status, pg_temp.reg(3))$$, 'the reserve is selected, replacing member 3');
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(1))$$), 'P0001 reserve_unavailable',
  'a reserve already called in is unavailable');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(25))$$), 'P0001 reserve_unavailable',
  'a volunteer who is no reserve is unavailable');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(12), pg_temp.reg(4))$$), '42501',
  'only a withdrawn member can be replaced');
select isnt(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(3), pg_temp.reg(4))$$, true), null,
  'a withdrawn member who has been replaced cannot be replaced a second time');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(4))$$), '42501',
  'replace_with_reserve refuses a facilitator');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(4))$$), '42501',
  'replace_with_reserve refuses the administrator of assembly 1');
reset role;
update app.recruitment_settings set replacement_cutoff_on = private.today_in_copenhagen() - 1
where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002';
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(4))$$), 'P0001 after_cutoff',
  'no replacement after the cut-off');
reset role;
update app.recruitment_settings set replacement_cutoff_on = private.today_in_copenhagen()
where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002';
select tests.act_as('admin2@demo.samraad.dk');
select lives_ok($$select api.replace_with_reserve(pg_temp.reg(6), pg_temp.reg(4))$$,
  'on the cut-off day itself a replacement is still made');

-- Answer links -----------------------------------------------------------------------------------------
select is(api.set_response_tokens(pg_temp.token_hashes(jsonb_build_array(
    jsonb_build_array(12, pg_temp.token('12')), jsonb_build_array(15, pg_temp.token('15')), jsonb_build_array(1, pg_temp.token('1')),
    jsonb_build_array(9, pg_temp.token('9')), jsonb_build_array(25, pg_temp.token('25')), jsonb_build_array(7, pg_temp.token('7'))))),
  3, 'set_response_tokens sets links for the three selected only, not for the declined, pool or reserve volunteer');
select is(api.set_response_tokens(pg_temp.token_hashes(jsonb_build_array(jsonb_build_array(1, pg_temp.token('ny'))))),
  0, 'set_response_tokens does not overwrite an existing link');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(api.set_response_tokens(pg_temp.token_hashes(jsonb_build_array(jsonb_build_array(18, pg_temp.token('18'))))),
  0, 'set_response_tokens sets nothing for a facilitator');
select tests.act_as(null);
select is(tests.error_of($$select api.set_response_tokens(pg_temp.token_hashes(jsonb_build_array(jsonb_build_array(18, pg_temp.token('18')))))$$),
  '42501', 'anon cannot call set_response_tokens');
select is(array(select jsonb_object_keys(api.selection_invitation(pg_temp.token('12'))) order by 1),
  array['first_session_on', 'full_name', 'last_session_on', 'status', 'title'],
  'selection_invitation gives the link holder their name, status, the title and dates, and nothing else');
select is(api.selection_invitation(pg_temp.token('12')),
  '{"full_name": "Camilla Larsen", "status": "selected", "title": "Borgersamling om fremtidens dagtilbud",
    "first_session_on": "2027-03-04", "last_session_on": "2027-05-29"}'::jsonb,
  'selection_invitation gives anon with the link of volunteer 12 the invitation');
select is(api.selection_invitation(pg_temp.token('1')) ->> 'full_name', 'Peter Sørensen',
  'the link of reserve 1, called in, still holds the first token (not overwritten)');
select is(tests.error_of($$select api.selection_invitation(pg_temp.token('ukendt'))$$), 'PT404 token_unknown',
  'selection_invitation raises PT404 for an unknown token');
select is(tests.error_of($$select api.respond_to_selection(pg_temp.token('ukendt'), true)$$), 'PT404 token_unknown',
  'respond_to_selection raises PT404 for an unknown token');
select is(api.respond_to_selection(pg_temp.token('12'), true), 'confirmed'::app.registration_status,
  'volunteer 12 confirms through the link');
select is(tests.error_of($$select api.respond_to_selection(pg_temp.token('12'), false)$$), 'P0001 already_answered',
  'a second answer is refused');
select is(api.selection_invitation(pg_temp.token('12')) ->> 'status', 'confirmed', 'the link now shows the confirmation');
select is(api.respond_to_selection(pg_temp.token('15'), false), 'declined'::app.registration_status,
  'volunteer 15 declines through their own link');
reset role;
select results_eq($$select r.registration_number, r.status, r.responded_at is not null, p.email,
      exists (select 1 from app.role_assignments ra
              where ra.person_id = p.id and ra.assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and ra.role = 'member')
    from app.registrations r left join app.people p on p.id = r.person_id
    where r.id in (pg_temp.reg(12), pg_temp.reg(15)) order by r.registration_number$$,
  $$values (12, 'confirmed'::app.registration_status, true, 'frivillig12@example.dk', true), (15, 'declined', true, null, false)$$,
  'the confirmation made volunteer 12 a member; the decline made no person');

-- The new member signs in and sees the assembly's draw ------------------------------------------------
select tests.act_as('frivillig12@example.dk');
select results_eq($$select id, roles from api.my_assemblies()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000002'::uuid, '{member}'::app.assembly_role[])$$,
  'at first sign-in volunteer 12 is linked to the person and is a member of assembly 2');
select results_eq($$select status, seed from api.assembly_draws('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('drawn'::app.draw_status, pg_temp.hex('seed d2'))$$, 'and sees the drawn draw that selected them');

-- api.pool with the outcome of the draw ----------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select registration_number, status, reserve_rank, replaces_registration_id, has_response_link
    from api.pool('a55e0b1e-0000-4000-8000-000000000002') where registration_number in (1, 3, 4, 6, 7, 9, 12, 15, 25)$$,
  $$values (1, 'selected'::app.registration_status, 1, pg_temp.reg(3), true),
           (3, 'withdrawn', null, null, false),
           (4, 'selected', 2, pg_temp.reg(6), false),
           (6, 'withdrawn', null, null, false),
           (7, 'reserve', 3, null, false),
           (9, 'declined', null, null, false),
           (12, 'confirmed', null, null, true),
           (15, 'declined', null, null, true),
           (25, 'pool', null, null, false)$$,
  'pool gives the administrator reserve ranks, whom a reserve replaced and who has an answer link');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is_empty($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$, 'pool gives a facilitator no one');
select tests.act_as(null);
select is(tests.error_of($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$), '42501', 'anon cannot call pool');

select * from finish();
rollback;
