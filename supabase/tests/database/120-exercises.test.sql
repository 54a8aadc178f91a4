-- Prioritisation exercises: the lifecycle, one ballot per member per round (a retry with the same key
-- changes nothing), ballots the database checks, and secrecy: no role reads a ballot, and once a round
-- closes no key links a ballot to a person.
begin;
select plan(43);

-- An allocation of 100 points over two options, one with a locked part.
create temp table fixture (name text primary key, id uuid);
grant all on fixture to anon, authenticated;
create function pg_temp.ballot(a numeric, b numeric) returns jsonb
language sql as $$ select jsonb_build_object('kind', 'allocation', 'amounts', jsonb_build_object('aeldre', a, 'skole', b)) $$;
grant execute on function pg_temp.ballot(numeric, numeric) to anon, authenticated;

select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.save_exercise('a55e0b1e-0000-4000-8000-000000000001', null, null, 'Fordel', '', 'allocation', '{"kind":"allocation"}', '[]', false)$$),
  '42501', 'a member cannot set up an exercise');

select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'exercise', api.save_exercise('a55e0b1e-0000-4000-8000-000000000001', null,
  '5e000000-0000-4000-8000-000000000004', 'Fordel 100 point', 'Hvordan skal pengene fordeles?', 'allocation',
  '{"kind":"allocation","unit":"points","total":100,"step":1,"options":[{"optionId":"aeldre","min":10,"max":90,"locked":20},{"optionId":"skole","min":10,"max":90,"locked":0}]}',
  '[{"id":"aeldre","label":"Ældre"},{"id":"skole","label":"Skole"}]', false);
insert into fixture select 'round1', r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'exercise');
select is((select count(*) from app.exercise_rounds where exercise_id = (select id from fixture where name = 'exercise')), 1::bigint,
  'an exercise starts with a draft round');

select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 50), gen_random_uuid())$$),
  'P0001 round_not_open', 'no ballot before the round opens');
select is(tests.error_of($$select api.open_round((select id from fixture where name = 'round1'))$$), '42501', 'a member cannot open a round');

select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.open_round((select id from fixture where name = 'round1'))$$, 'the facilitator opens the round');
select is(tests.error_of($$update app.exercises set config = config || '{"total":200}' where id = (select id from fixture where name = 'exercise')$$),
  'P0001 exercise_frozen', 'settings freeze once the round is open');

-- Ballots the database refuses.
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 40), gen_random_uuid())$$),
  'P0001 allocation_not_balanced', 'an allocation must balance');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(95, 5), gen_random_uuid())$$),
  'P0001 allocation_above_max', 'an amount above the maximum is refused');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(15, 85), gen_random_uuid())$$),
  'P0001 allocation_locked_changed', 'the locked part cannot be moved');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50.5, 49.5), gen_random_uuid())$$),
  'P0001 allocation_off_step', 'whole points only');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), '{"kind":"ranking","ranking":["aeldre"]}', gen_random_uuid())$$),
  'P0001 ballot_wrong_kind', 'a ballot of another kind is refused');

-- One ballot per member; a retry with the same key changes nothing; a new key changes the ballot.
insert into fixture values ('key', gen_random_uuid());
create temp table receipts (n int, receipt jsonb);
grant all on receipts to authenticated;
insert into receipts select 1, api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(60, 40), (select id from fixture where name = 'key'));
insert into receipts select 2, api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(70, 30), (select id from fixture where name = 'key'));
select is((select receipt ->> 'receipt_code' from receipts where n = 2), (select receipt ->> 'receipt_code' from receipts where n = 1),
  'a retry with the same key gives the same receipt');
select is((select receipt ->> 'changed' from receipts where n = 2), 'false', 'and changes nothing');
select is((api.my_ballot((select id from fixture where name = 'round1')) -> 'content' -> 'amounts' ->> 'aeldre'), '60',
  'the member reads their own ballot while the round is open: the first one stands');
insert into receipts select 3, api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(70, 30), gen_random_uuid());
select is((select receipt ->> 'changed' from receipts where n = 3), 'true', 'a new submission changes the ballot');
select is((api.my_ballot((select id from fixture where name = 'round1')) -> 'content' -> 'amounts' ->> 'aeldre'), '70', 'the changed ballot');
select is(tests.error_of($$select count(*) from app.ballots$$), '42501', 'a member cannot read the ballots table');
select is((api.round_progress((select id from fixture where name = 'round1')) ->> 'cast'), '1', 'one member has voted, once');

-- Other voters, so the round has five ballots.
select tests.act_as('medlem06@demo.samraad.dk');
select lives_ok($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(30, 70), gen_random_uuid())$$, 'a second member votes');
select is((api.my_ballot((select id from fixture where name = 'round1')) -> 'content' -> 'amounts' ->> 'aeldre'), '30', 'and reads only their own ballot');
select tests.act_as('medlem07@demo.samraad.dk');
select lives_ok($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(40, 60), gen_random_uuid())$$, 'a third');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 50), gen_random_uuid())$$),
  '42501 not_a_member', 'a member of another assembly cannot vote');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 50), gen_random_uuid())$$),
  '42501 not_a_member', 'the council cannot vote');
select is(tests.error_of($$select count(*) from app.ballots$$), '42501', 'the council cannot read ballots');
select tests.act_as(null);
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 50), gen_random_uuid())$$),
  '42501', 'anon cannot vote');

-- Paper ballots by the facilitator; nobody but the service role reads ballots.
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.cast_paper_ballot((select id from fixture where name = 'round1'), 'c0000000-0000-4000-8000-000000000008', pg_temp.ballot(50, 50), gen_random_uuid())$$,
  'the facilitator enters a paper ballot for a member');
select is(tests.error_of($$select count(*) from app.ballots$$), '42501', 'the facilitator cannot read ballots');
select is(tests.error_of($$select * from api.ballots_for_tally((select id from fixture where name = 'exercise'))$$), '42501',
  'the facilitator cannot fetch ballots for the tally');
select is(api.my_ballot((select id from fixture where name = 'round1')), null, 'the facilitator has no ballot to read');
select is((select count(*) from app.ballot_casts), 0::bigint, 'the facilitator does not see who has voted, only counts');
select is((api.round_progress((select id from fixture where name = 'round1')) ->> 'paper'), '1', 'one paper ballot in the count');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select count(*) from app.ballots$$), '42501', 'the administrator cannot read ballots');

-- Closing unlinks: no round secret, no voter keys.
select tests.act_as('medlem09@demo.samraad.dk');
select lives_ok($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(20, 80), gen_random_uuid())$$, 'a fifth');
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.close_round((select id from fixture where name = 'round1'))$$, 'the facilitator closes the round');
reset role;
select is((select count(*) from app.ballots where round_id = (select id from fixture where name = 'round1') and voter_key is not null), 0::bigint,
  'after closing, no ballot carries a voter key');
select is((select count(*) from private.round_secrets where round_id = (select id from fixture where name = 'round1')), 0::bigint,
  'and the round secret is gone');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select id from fixture where name = 'round1'), pg_temp.ballot(50, 50), gen_random_uuid())$$),
  'P0001 round_not_open', 'no ballot after the round closed');

-- The same exercise again after deliberation: a second round.
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.add_round((select id from fixture where name = 'exercise'))$$), '42501',
  'a member cannot add a round');
select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'round2', api.add_round((select id from fixture where name = 'exercise'));
select is((select number from app.exercise_rounds where id = (select id from fixture where name = 'round2')), 2,
  'the facilitator adds round 2 once round 1 is closed');
select is(tests.error_of($$select api.add_round((select id from fixture where name = 'exercise'))$$), 'P0001 round_not_closed',
  'and no third while the second is not closed');

-- Only those checked in: medlem05 is not checked in at session 4 until the facilitator ticks them.
select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'checked', api.save_exercise('a55e0b1e-0000-4000-8000-000000000001', null,
  '5e000000-0000-4000-8000-000000000004', 'Kun de fremmødte', '', 'approval',
  '{"kind":"approval","options":["aeldre","skole"],"minApprovals":0,"maxApprovals":null}', '[]', true);
select api.open_round((select r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'checked')));
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'checked')),
  '{"kind":"approval","approved":["skole"]}', gen_random_uuid())$$), 'P0001 not_checked_in', 'a member not checked in cannot vote in a checked-in-only exercise');
reset role;
insert into app.attendance (session_id, person_id, method) values ('5e000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000005', 'list');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_ballot((select r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'checked')),
  '{"kind":"approval","approved":["skole"]}', gen_random_uuid())$$), null, 'once checked in, they vote');
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.cast_paper_ballot((select r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'checked')),
  'c0000000-0000-4000-8000-000000000006', '{"kind":"approval","approved":["aeldre"]}', gen_random_uuid())$$), null,
  'a paper ballot handed in at the session is entered regardless');

select * from finish();
rollback;
