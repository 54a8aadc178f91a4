-- The audit chain in use: the draw's inputs and result, exercise rounds, role changes, phase changes,
-- freezes and the handover append entries in the same transaction as the action, whoever performs
-- it; entries carry ids, counts and hashes only; the chain still links up; callers cannot append.
begin;
select plan(22);

create temp table fixture (name text primary key, id uuid);
grant all on fixture to anon, authenticated;

-- The seed already wrote entries (roles, freezes, the handover) through the same triggers.
select ok((select count(*) from app.audit_log where action = 'recommendation.frozen'
           and assembly_id = 'a55e0b1e-0000-4000-8000-000000000003') = 4,
  'the seed''s four frozen recommendations are in the chain');
select ok((select count(*) from app.audit_log where action = 'recommendation.handed_over'
           and assembly_id = 'a55e0b1e-0000-4000-8000-000000000003') = 4,
  'and their handover');
select is((select details from app.audit_log where action = 'recommendation.frozen'
           and subject_id = '7ec00000-0000-4000-8000-000000000031'),
  (select jsonb_build_object('number', 1, 'version', frozen_version, 'sha256', frozen_sha256)
   from app.recommendations where id = '7ec00000-0000-4000-8000-000000000031'),
  'a freeze entry carries the number, the version and the hash of the frozen text');

create temp table mark as select coalesce(max(seq), 0) as seq from app.audit_log;
grant select on mark to anon, authenticated;

-- Role changes, by an administrator through RLS ----------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
insert into app.role_assignments (assembly_id, person_id, role)
values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000005', 'evaluator');
delete from app.role_assignments where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'
  and person_id = 'c0000000-0000-4000-8000-000000000005' and role = 'evaluator';
reset role;
select is((select array_agg(action || ':' || (details ->> 'role') order by seq) from app.audit_log
           where seq > (select seq from mark) and subject_id = 'c0000000-0000-4000-8000-000000000005'),
  array['role.assigned:evaluator', 'role.removed:evaluator'], 'assigning and removing a role are both recorded');
select is((select subject_id from app.audit_log where seq > (select seq from mark) and action = 'role.assigned'),
  'c0000000-0000-4000-8000-000000000005'::uuid, 'the person appears as an id only');

-- The draw ----------------------------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
insert into fixture select 'draw', api.start_draw('a55e0b1e-0000-4000-8000-000000000001',
  '[{"name": "Lotto", "description": "Lørdagens lottotal"}]');
reset role;
select is((select count(*) from app.audit_log where seq > (select seq from mark) and action like 'draw.%'), 0::bigint,
  'starting the computation is not yet an audited input');
select tests.act_as('admin@demo.samraad.dk');
select api.finish_draw_computation((select id from fixture where name = 'draw'),
  jsonb_build_object('k', 1, 'pool', jsonb_build_array(jsonb_build_object('id', '7'), jsonb_build_object('id', '9')),
    'hashes', jsonb_build_object('commitment', repeat('c', 64))), repeat('c', 64));
select api.enter_random_values((select id from fixture where name = 'draw'), array['4 8 15 16 23 42']);
select tests.act_as('facilitator@demo.samraad.dk');
select api.enter_random_values((select id from fixture where name = 'draw'), array['4 8 15 16 23 42']);
select tests.act_as('admin@demo.samraad.dk');
select api.complete_draw((select id from fixture where name = 'draw'),
  jsonb_build_object('commitment', (select commitment from app.draws where id = (select id from fixture where name = 'draw')),
    'draw', jsonb_build_object('seed', repeat('5', 64), 'panel', jsonb_build_array('7'), 'reserves', jsonb_build_array('9'))),
  repeat('5', 64), '{}', '{}');
reset role;
select is((select array_agg(action order by seq) from app.audit_log
           where seq > (select seq from mark) and subject_id = (select id from fixture where name = 'draw')),
  array['draw.committed', 'draw.random_values_entered', 'draw.random_values_entered', 'draw.completed'],
  'the commitment, both entries of randomness and the completed draw are recorded, in order');
select is((select details from app.audit_log where action = 'draw.committed' and subject_id = (select id from fixture where name = 'draw')),
  jsonb_build_object('commitment_hash', repeat('c', 64), 'pool_size', 2, 'panel_size', 1),
  'the commitment entry carries its hash and the sizes');
select is((select details ->> 'values_sha256' from app.audit_log where action = 'draw.random_values_entered'
           and subject_id = (select id from fixture where name = 'draw') and details ->> 'entry' = '2'),
  encode(sha256(convert_to('4 8 15 16 23 42', 'UTF8')), 'hex'),
  'an entry of randomness carries the hash of the values, not the values');
select is((select details - 'bundle_sha256' from app.audit_log where action = 'draw.completed' and subject_id = (select id from fixture where name = 'draw')),
  jsonb_build_object('commitment_hash', repeat('c', 64), 'seed', repeat('5', 64), 'panel_size', 1, 'reserve_size', 1),
  'the completed draw carries the seed and the sizes');
select is((select details ->> 'bundle_sha256' from app.audit_log where action = 'draw.completed' and subject_id = (select id from fixture where name = 'draw')),
  (select encode(sha256(convert_to(bundle::text, 'UTF8')), 'hex') from app.draws where id = (select id from fixture where name = 'draw')),
  'and the hash of the bundle anyone can download');

-- An exercise round: opened, closed, published -----------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'exercise', api.save_exercise('a55e0b1e-0000-4000-8000-000000000001', null,
  null, 'Godkend', 'Hvilke områder?', 'allocation',
  '{"kind":"allocation","unit":"points","total":100,"step":1,"options":[{"optionId":"a","min":0,"max":100,"locked":0},{"optionId":"b","min":0,"max":100,"locked":0}]}',
  '[{"id":"a","label":"A"},{"id":"b","label":"B"}]', false);
insert into fixture select 'round', r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'exercise');
select api.open_round((select id from fixture where name = 'round'));
select tests.act_as('medlem07@demo.samraad.dk');
select api.cast_ballot((select id from fixture where name = 'round'),
  '{"kind":"allocation","amounts":{"a":60,"b":40}}', gen_random_uuid());
select tests.act_as('facilitator@demo.samraad.dk');
select api.close_round((select id from fixture where name = 'round'));
reset role;
insert into app.exercise_results (round_id, ballot_count, result)
values ((select id from fixture where name = 'round'), 1, '{"suppressed": true}');
select tests.act_as('facilitator@demo.samraad.dk');
select api.publish_round((select id from fixture where name = 'round'));
reset role;
select is((select array_agg(action order by seq) from app.audit_log
           where subject_id = (select id from fixture where name = 'round')),
  array['exercise_round.opened', 'exercise_round.closed', 'exercise_round.published'],
  'opening, closing and publishing a round are recorded');
select is((select (details ->> 'ballot_count')::int from app.audit_log
           where subject_id = (select id from fixture where name = 'round') and action = 'exercise_round.closed'),
  1, 'the close entry counts the ballots');
select ok((select bool_and((select array_agg(k) from jsonb_object_keys(details) k)
                          <@ array['exercise_id', 'round', 'ballot_count', 'result_sha256'])
           from app.audit_log where subject_id = (select id from fixture where name = 'round')),
  'no entry carries a ballot''s content');
select is((select details ->> 'result_sha256' from app.audit_log
           where subject_id = (select id from fixture where name = 'round') and action = 'exercise_round.published'),
  encode(sha256(convert_to('{"suppressed": true}', 'UTF8')), 'hex'), 'the publish entry carries the hash of the result');

-- Freeze and handover, and the assembly's phase -----------------------------------------------------
-- As the owner with no caller's claims (a seed or a migration): the handover guard lets it through.
select set_config('request.jwt.claims', '', true);
insert into app.recommendations (id, assembly_id, number, status)
values ('7ec00000-0000-4000-8000-0000000001f0', 'a55e0b1e-0000-4000-8000-000000000001', 90, 'adopted');
insert into app.recommendation_versions (recommendation_id, version, title, body_md)
values ('7ec00000-0000-4000-8000-0000000001f0', 1, 'Prøve', 'Tekst');
update app.recommendations set frozen_version = 1, frozen_at = now(),
  frozen_sha256 = private.recommendation_sha256('Prøve', 'Tekst') where id = '7ec00000-0000-4000-8000-0000000001f0';
update app.recommendations set handed_over_at = now() where id = '7ec00000-0000-4000-8000-0000000001f0';
update app.recommendations set updated_at = now() where id = '7ec00000-0000-4000-8000-0000000001f0';
select is((select array_agg(action order by seq) from app.audit_log where subject_id = '7ec00000-0000-4000-8000-0000000001f0'),
  array['recommendation.frozen', 'recommendation.handed_over'], 'a freeze and a handover are recorded once each');
select tests.act_as('admin@demo.samraad.dk');
update app.assemblies set phase = 'drafting' where id = 'a55e0b1e-0000-4000-8000-000000000001';
reset role;
select is((select details from app.audit_log where action = 'assembly.phase_changed' and subject_id = 'a55e0b1e-0000-4000-8000-000000000001'),
  '{"from": "sessions", "to": "drafting"}'::jsonb, 'a phase change is recorded with both phases');

-- The chain and the head ---------------------------------------------------------------------------
select is((select count(*) from app.audit_log a join app.audit_log b on b.seq = a.seq + 1 where b.prev_hash <> a.hash), 0::bigint,
  'the whole chain, seed included, links up');
select is((select count(*) from app.audit_log
           where hash <> encode(sha256(convert_to(private.audit_canonical(seq, prev_hash, at, assembly_id, action, subject_id, details), 'UTF8')), 'hex')),
  0::bigint, 'every entry''s hash is the SHA-256 of its canonical line');
select tests.act_as(null);
select is((api.audit_head('a55e0b1e-0000-4000-8000-000000000003') ->> 'action'), 'recommendation.handed_over',
  'anon reads the latest entry of the public handed-over assembly');
select tests.act_as('medlem01@demo.samraad.dk');
select throws_ok($$insert into app.audit_log (seq, at, action, prev_hash, hash) values (999999, now(), 'x.y', repeat('0', 64), repeat('1', 64))$$,
  '42501', null, 'a member cannot write an entry directly');
select throws_ok($$select private.audit_draw()$$, '42501', null, 'nor call a trigger function');
select * from finish();
rollback;
