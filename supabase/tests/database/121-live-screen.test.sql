-- The projector's result reveal and the live-screen notifications: only the assembly's organisers
-- show (or hide) a round's result on their session's screen, only once the round has closed; every
-- other role, anon included, is refused; the state is kept server-side so a second device agrees.
-- Changes a live screen counts notify channel samraad_live.
begin;
select plan(17);

create temp table fixture (name text primary key, id uuid);
grant all on fixture to anon, authenticated;

select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'exercise', api.save_exercise('a55e0b1e-0000-4000-8000-000000000001', null,
  '5e000000-0000-4000-8000-000000000004', 'Ranger områderne', '', 'ranking',
  '{"kind":"ranking","options":["a","b","c"],"topK":null}',
  '[{"id":"a","label":"A"},{"id":"b","label":"B"},{"id":"c","label":"C"}]', false);
insert into fixture values ('session', '5e000000-0000-4000-8000-000000000004');
insert into fixture select 'round', r.id from app.exercise_rounds r where r.exercise_id = (select id from fixture where name = 'exercise');
select lives_ok($$select api.open_round((select id from fixture where name = 'round'))$$, 'the facilitator opens the round');
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$),
  'P0001 round_not_closed', 'an open round''s result cannot be shown (there is none yet)');
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), gen_random_uuid())$$),
  'PT404', 'an unknown round cannot be shown');
select lives_ok($$select api.close_round((select id from fixture where name = 'round'))$$, 'the facilitator closes the round');

-- Every role but the organisers is refused, and sees nothing of the screen's state.
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$),
  '42501', 'a member cannot show a result on the projector');
select is(tests.error_of($$select api.shown_round((select id from fixture where name = 'session'))$$),
  '42501', 'a member cannot read the projector''s state');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$),
  '42501', 'the council cannot show a result on the projector');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$),
  '42501', 'a facilitator of another assembly cannot show it');
select tests.act_as(null);
select is(tests.error_of($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$),
  '42501', 'anon cannot show a result on the projector');
select is(tests.error_of($$select api.shown_round((select id from fixture where name = 'session'))$$),
  '42501', 'anon cannot read the projector''s state');

-- The facilitator shows it; the state is stored with the running session; hiding clears it.
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.show_round_on_screen((select id from fixture where name = 'session'), (select id from fixture where name = 'round'))$$,
  'the facilitator shows the closed round''s result');
select is(api.shown_round((select id from fixture where name = 'session')), (select id from fixture where name = 'round'),
  'the projector (any device) reads which round to show');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.affected($$update app.session_runs set shown_round_id = null where session_id = (select id from fixture where name = 'session')$$),
  0::bigint, 'a member cannot change the projector''s state directly');
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.show_round_on_screen((select id from fixture where name = 'session'), null)$$, 'the facilitator hides it again');
select is(api.shown_round((select id from fixture where name = 'session')), null, 'nothing is shown');

-- Live screens are told when counts change (a trigger per table a screen counts).
select tests.act_as(null);
select set_config('role', 'none', true);
select has_trigger('app', 'ballot_casts', 'ballot_casts_notify_live', 'a cast ballot notifies live screens');
select has_trigger('app', 'session_runs', 'session_runs_notify_live', 'a change of the running session notifies live screens');

select * from finish();
rollback;
