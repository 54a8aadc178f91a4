-- Attendance: the facilitators' check-in list, self check-in with the projector's rotating code (as
-- the signed-in member only; expired codes, codes no screen shows and other assemblies' members
-- refused), absence reported in advance (the reason for the member and the organisers only), the
-- console's current item, attendance per member and per group (aggregates, no rate for groups under
-- five), the allowance export (administrators only) and members' own support needs.
-- Seed: members 1–36 of assembly 1; sessions 1–3 held with attendance; session 4 ("Prioritering,
-- første runde", 26 November) has absence reports from medlem12 and medlem30; session 7 is a candidate.
begin;
select plan(90);

create temp table ids (name text primary key, id uuid);
insert into ids values
  ('s1', '5e000000-0000-4000-8000-000000000001'), ('s4', '5e000000-0000-4000-8000-000000000004'),
  ('s5', '5e000000-0000-4000-8000-000000000005'), ('s7', '5e000000-0000-4000-8000-000000000007'),
  ('s10', '5e000000-0000-4000-8000-000000000010'),
  ('m03', 'c0000000-0000-4000-8000-000000000003'), ('m05', 'c0000000-0000-4000-8000-000000000005'),
  ('m06', 'c0000000-0000-4000-8000-000000000006'), ('m12', 'c0000000-0000-4000-8000-000000000012'),
  ('outsider', 'd0000000-0000-4000-8000-000000000001');
grant select on ids to anon, authenticated;
create function pg_temp.id(name text) returns uuid language sql as $$ select id from ids where ids.name = id.name $$;
grant execute on function pg_temp.id(text) to anon, authenticated;

-- The HMAC behind the codes is HMAC-SHA256 (RFC 4231, test case 2).
select is(encode(private.hmac_sha256(convert_to('Jefe', 'UTF8'), convert_to('what do ya want for nothing?', 'UTF8')), 'hex'),
  '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843', 'the code MAC is HMAC-SHA256');

-- Anon -------------------------------------------------------------------------------------------
select tests.act_as(null);
select is(tests.error_of($$select count(*) from app.attendance$$), '42501', 'anon reads no attendance');
select is(tests.error_of($$select count(*) from app.absence_reports$$), '42501', 'anon reads no absence reports');
select is(tests.error_of($$select api.check_in_list('5e000000-0000-4000-8000-000000000004')$$), '42501', 'anon cannot open the check-in list');
select is(tests.error_of($$select api.check_in_with_code('ABCDEFGHJK')$$), '42501', 'anon cannot check in');
select is(tests.error_of($$select api.report_absence('5e000000-0000-4000-8000-000000000005', '')$$), '42501', 'anon cannot report absence');

-- A member ---------------------------------------------------------------------------------------
select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from app.attendance), 2::bigint, 'a member reads only their own attendance (2 of 3 sessions)');
select is((select count(*) from app.absence_reports), 0::bigint, 'a member reads no one else''s absence reports');
select is(tests.error_of($$select api.check_in_list('5e000000-0000-4000-8000-000000000004')$$), '42501', 'a member cannot open the check-in list');
select is(tests.error_of(format('select api.set_attendance(%L, %L, true)', pg_temp.id('s4'), pg_temp.id('m05'))), '42501',
  'a member cannot tick themself present');
select is(tests.error_of(format($$insert into app.attendance (session_id, person_id, method) values (%L, %L, 'list')$$, pg_temp.id('s4'), pg_temp.id('m05'))),
  '42501', 'a member cannot write attendance directly');
select is(tests.error_of($$select api.check_in_code('5e000000-0000-4000-8000-000000000004')$$), '42501', 'a member cannot show the check-in code');
select is(tests.error_of($$select api.session_live('5e000000-0000-4000-8000-000000000004')$$), '42501', 'a member cannot read the console');
select is(tests.error_of($$select api.step_agenda('5e000000-0000-4000-8000-000000000004', 1)$$), '42501', 'a member cannot move the agenda on');
select is(tests.error_of($$select api.session_support('5e000000-0000-4000-8000-000000000004')$$), '42501', 'a member cannot read support needs per session');
select is(tests.error_of($$select * from api.attendance_by_member('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member cannot read attendance per member');
select is(tests.error_of($$select * from api.attendance_by_group('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member cannot read attendance per group');
select is(tests.error_of($$select * from api.allowance_export('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member cannot export allowances');
select is(tests.error_of($$select api.report_absence('5e000000-0000-4000-8000-000000000005', 'Syg')$$), null, 'a member reports absence in advance');
select is(tests.error_of($$select api.report_absence('5e000000-0000-4000-8000-000000000005', '  Barnets fødselsdag  ')$$), null, 'and changes the reason');
select is(api.my_attendance('5e000000-0000-4000-8000-000000000005') -> 'absence' ->> 'reason', 'Barnets fødselsdag', 'a member reads their own reason');
select is(tests.error_of($$select api.report_absence('5e000000-0000-4000-8000-000000000001', '')$$), 'P0001 absence_too_late',
  'absence for a session that has started is refused');
select is(tests.error_of($$select api.report_absence('5e000000-0000-4000-8000-000000000007', '')$$), 'P0001 session_not_held',
  'absence for a candidate date is refused');
select is((select count(*)::int from api.my_absences('a55e0b1e-0000-4000-8000-000000000001')), 1, 'a member lists their own absences');

-- Another member -----------------------------------------------------------------------------------
select tests.act_as('medlem06@demo.samraad.dk');
select is((select count(*) from app.absence_reports where person_id = pg_temp.id('m05')), 0::bigint,
  'another member does not read the absence report or its reason');
select is(tests.affected($$delete from app.absence_reports where true$$), 0::bigint, 'another member cannot withdraw it');
select is(tests.error_of(format($$insert into app.absence_reports (session_id, person_id) values (%L, %L)$$, pg_temp.id('s10'), pg_temp.id('m05'))),
  '42501', 'a member cannot report absence for someone else');
select is(api.my_attendance('5e000000-0000-4000-8000-000000000005') -> 'absence', 'null'::jsonb, 'another member has no report of their own');

-- The check-in list ----------------------------------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
create temp table list as select api.check_in_list('5e000000-0000-4000-8000-000000000004') as j;
grant select on list to authenticated;
select is(jsonb_array_length((select j from list) -> 'people'), 36, 'the facilitator''s list has every member');
select is((select j -> 'counts' from list), '{"members": 36, "present": 0, "expected": 34, "reported_absent": 2}'::jsonb,
  'the list counts members, present, expected and reported absent');
select is((select p ->> 'absence_reason' from list, jsonb_array_elements(j -> 'people') p where p ->> 'person_id' = pg_temp.id('m12')::text),
  'Aftenvagt på arbejdet', 'organisers read the reason for an absence');
select is((select j -> 'support' from list), '{"other": 0, "transport": 4, "childcare": 3, "interpreter": 1, "accessibility": 1}'::jsonb,
  'organisers see the support needs of the members expected, in aggregate');
select is(api.set_attendance(pg_temp.id('s4'), pg_temp.id('m03'), true) ->> 'present', '1', 'a facilitator ticks a member present');
select is(api.set_attendance(pg_temp.id('s4'), pg_temp.id('m03'), true) ->> 'present', '1', 'ticking twice keeps one check-in');
select is((select method || ' by ' || recorded_by from app.attendance where session_id = pg_temp.id('s4') and person_id = pg_temp.id('m03')),
  'list by b0000000-0000-4000-8000-000000000002', 'the list records how and by whom');
select is(api.set_attendance(pg_temp.id('s4'), pg_temp.id('m03'), false) ->> 'present', '0', 'a facilitator undoes a check-in');
select is(api.set_attendance(pg_temp.id('s4'), pg_temp.id('m12'), true) ->> 'present', '1', 'a member who reported absence can still be ticked present');
select is((select api.check_in_list(pg_temp.id('s4')) -> 'counts'), '{"members": 36, "present": 1, "expected": 35, "reported_absent": 1}'::jsonb,
  'a member reported absent who comes anyway counts as present, not absent');
select is(tests.error_of(format('select api.set_attendance(%L, %L, true)', pg_temp.id('s4'), pg_temp.id('outsider'))), 'PT404',
  'a member of another assembly cannot be ticked present here');
select is(tests.error_of(format('select api.set_attendance(%L, %L, true)', pg_temp.id('s7'), pg_temp.id('m03'))), 'P0001 session_not_held',
  'no attendance for a candidate date');
select is(tests.error_of(format($$insert into app.attendance (session_id, person_id, method, recorded_by) values (%L, %L, 'list', null)$$, pg_temp.id('s4'), pg_temp.id('outsider'))),
  '42501', 'the table refuses attendance of a non-member whatever the path');

-- Self check-in by code -----------------------------------------------------------------------------
create temp table shown as select api.check_in_code('5e000000-0000-4000-8000-000000000004') as j;
grant select on shown to authenticated;
select matches((select j ->> 'code' from shown), '^[23456789A-HJ-NP-Z]{10}$', 'the screen shows a 10-character code');
select is((select (j ->> 'valid_until')::timestamptz - (j ->> 'rotates_at')::timestamptz from shown), interval '60 seconds',
  'a code rotates each minute and stays valid one minute more');
select is(api.check_in_code('5e000000-0000-4000-8000-000000000004') ->> 'code', (select j ->> 'code' from shown),
  'a second screen shows the same code in the same minute');
select is(tests.error_of($$select api.check_in_code('5e000000-0000-4000-8000-000000000007')$$), 'P0001 session_not_held', 'no code for a candidate date');
select is(tests.error_of($$select count(check_in_secret) from app.session_runs$$), '42501', 'not even organisers read the code key');

-- Codes the test needs that no screen would show: one from two minutes ago, one for session 5 (no screen).
select set_config('role', 'none', true);
insert into app.session_runs (session_id) values ('5e000000-0000-4000-8000-000000000005');
create temp table codes as
select 'old' as kind, private.check_in_code_for(r.check_in_secret, r.session_id, private.check_in_window(now()) - 2) as code
from app.session_runs r where r.session_id = '5e000000-0000-4000-8000-000000000004'
union all
select 'unshown', private.check_in_code_for(r.check_in_secret, r.session_id, private.check_in_window(now()))
from app.session_runs r where r.session_id = '5e000000-0000-4000-8000-000000000005'
union all
select 'previous', private.check_in_code_for(r.check_in_secret, r.session_id, private.check_in_window(now()) - 1)
from app.session_runs r where r.session_id = '5e000000-0000-4000-8000-000000000004';
grant select on codes to authenticated;

select tests.act_as('medlem05@demo.samraad.dk');
select is(api.check_in_with_code(lower((select j ->> 'code' from shown))) ->> 'already', 'false', 'a member checks in with the code on the screen');
select is((select person_id::text || ' ' || method from app.attendance where session_id = pg_temp.id('s4')),
  pg_temp.id('m05')::text || ' qr', 'the member is checked in as themself, by code');
select is(api.check_in_with_code((select j ->> 'code' from shown)) ->> 'already', 'true', 'scanning again keeps one check-in');
select is(tests.error_of(format('select api.check_in_with_code(%L)', (select code from codes where kind = 'old'))),
  'P0001 check_in_code_expired', 'a code from two minutes ago is refused');
select is(tests.error_of(format('select api.check_in_with_code(%L)', (select code from codes where kind = 'unshown'))),
  'P0001 check_in_code_expired', 'a code for a session no screen is showing is refused');
select is(tests.error_of($$select api.check_in_with_code('not a code')$$), 'P0001 check_in_code_expired', 'a made-up code is refused');

select tests.act_as('medlem06@demo.samraad.dk');
select is(api.check_in_with_code((select code from codes where kind = 'previous')) ->> 'title', 'Prioritering, første runde',
  'the previous minute''s code still works (a code lives up to two minutes)');
select is((select count(*) from app.attendance where session_id = pg_temp.id('s4')), 1::bigint,
  'the second member is checked in as themself and reads only their own row');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of(format('select api.check_in_with_code(%L)', (select j ->> 'code' from shown))), '42501 check_in_not_member',
  'a member of another assembly is refused');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of(format('select api.check_in_with_code(%L)', (select j ->> 'code' from shown))), '42501 check_in_not_member',
  'a council member (not on the panel) cannot check in');

select tests.act_as('facilitator@demo.samraad.dk');
select is((select string_agg(person_id::text || ':' || method, ',' order by person_id) from app.attendance where session_id = pg_temp.id('s4')),
  pg_temp.id('m05')::text || ':qr,' || pg_temp.id('m06')::text || ':qr,' || pg_temp.id('m12')::text || ':list',
  'the organisers see exactly who checked in and how — no one else was checked in');

-- The console -----------------------------------------------------------------------------------------
select is(api.session_live(pg_temp.id('s4')) -> 'item', 'null'::jsonb, 'before the first item nothing is current');
select is(api.step_agenda(pg_temp.id('s4'), 1) ->> 'index', '1', 'next starts the first item');
select is(api.session_live(pg_temp.id('s4')) -> 'item' ->> 'title', 'Velkommen og dagens program', 'the console shows the current item');
select is((select (api.session_live(pg_temp.id('s4')) ->> 'item_started_at')::timestamptz), now(), 'its timer starts when it becomes current');
select is(api.step_agenda(pg_temp.id('s4'), 1) ->> 'index', '2', 'next');
select is(api.step_agenda(pg_temp.id('s4'), -1) ->> 'index', '1', 'previous');
select is(api.step_agenda(pg_temp.id('s4'), 99) ->> 'index', '6', 'next stops at the last item');
select is(api.session_live(pg_temp.id('s4')) -> 'counts' ->> 'present', '3', 'the console counts who is present');
select is(api.session_live(pg_temp.id('s4')) -> 'voted', 'null'::jsonb, 'votes are a named hook, empty until the exercises exist');
select tests.act_as('facilitator2@demo.samraad.dk');
select is(api.session_live(pg_temp.id('s4')) -> 'item' ->> 'title', 'Opsamling og næste gang', 'a second device shows the same current item');

-- Other roles ------------------------------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.check_in_list('5e000000-0000-4000-8000-000000000004')$$), '42501', 'the other assembly''s administrator cannot open the list');
select is((select count(*) from app.attendance), 0::bigint, 'the other assembly''s administrator reads no attendance here');
select is(tests.error_of($$select * from api.allowance_export('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'nor exports allowances here');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.check_in_list('5e000000-0000-4000-8000-000000000004')$$), '42501', 'the council cannot open the list');
select is((select count(*) from app.absence_reports), 0::bigint, 'the council reads no absence reasons');
select is(tests.error_of($$select * from api.attendance_by_group('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'the council cannot read attendance per group');

-- Attendance across the sessions -------------------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select is((select attended || '/' || held from api.attendance_by_member('a55e0b1e-0000-4000-8000-000000000001') where person_id = pg_temp.id('m05')),
  '3/4', 'attendance per member: sessions attended of sessions held (three held, and the one with check-ins)');
select is((select attended || '/' || possible || '/' || members from api.attendance_by_group('a55e0b1e-0000-4000-8000-000000000001') where category = 'Køn' and feature = 'Kvinde'),
  (select count(*) || '/72/18' from app.attendance a
   where a.person_id in (select ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid from generate_series(2, 36, 2) i)),
  'attendance per group: what the women attended of 18 × 4 sessions');
select is(tests.error_of($$select * from api.allowance_export('a55e0b1e-0000-4000-8000-000000000001')$$), '42501',
  'facilitators do not export allowances (the export carries addresses)');
select is((select count(*) from app.registration_answers), 0::bigint, 'facilitators read no demographic answers themselves');

-- A small group gets no rate: the administrator moves three members into a new feature.
select tests.act_as('admin@demo.samraad.dk');
insert into app.features (category_id, position, name) values ('ca000000-0000-4000-8000-000000000001', 3, 'Andet');
update app.registration_answers set feature_id = (select id from app.features where name = 'Andet')
where registration_id in ('e1000000-0000-4000-8000-000000000002', 'e1000000-0000-4000-8000-000000000004', 'e1000000-0000-4000-8000-000000000006')
  and category_id = 'ca000000-0000-4000-8000-000000000001';
select tests.act_as('facilitator@demo.samraad.dk');
select is((select coalesce(attended::text, 'none') || '/' || coalesce(possible::text, 'none') || '/' || members
           from api.attendance_by_group('a55e0b1e-0000-4000-8000-000000000001') where feature = 'Andet'),
  'none/none/3', 'a group of fewer than five members gets no attendance figures');

select tests.act_as('admin@demo.samraad.dk');
select is((select count(*)::int from api.allowance_export('a55e0b1e-0000-4000-8000-000000000001')), 36, 'the administrator exports one row per member');
select is((select sessions_attended || ' ' || session_dates || ' ' || address_line from api.allowance_export('a55e0b1e-0000-4000-8000-000000000001')
           where email = 'medlem05@demo.samraad.dk'),
  '3 2026-10-03, 2026-11-07, 2026-11-26 Panelvej 5', 'the export lists the sessions attended, by date, with the address');
select is(jsonb_array_length(api.check_in_list(pg_temp.id('s4')) -> 'people'), 36, 'administrators run the check-in list too');

-- Support needs ---------------------------------------------------------------------------------------
select tests.act_as('medlem07@demo.samraad.dk');
select is(api.my_support_needs('a55e0b1e-0000-4000-8000-000000000001'), '{"needs": ["interpreter", "accessibility"], "note": ""}'::jsonb,
  'a member reads their own support needs');
select is(tests.error_of($$select api.set_my_support_needs('a55e0b1e-0000-4000-8000-000000000001', '{transport,transport}', ' Bor langt fra busruten ')$$), null,
  'a member sets their own support needs');
select is(api.my_support_needs('a55e0b1e-0000-4000-8000-000000000001'), '{"needs": ["transport"], "note": "Bor langt fra busruten"}'::jsonb,
  'and reads them back');
select is(tests.error_of($$select api.set_my_support_needs('a55e0b1e-0000-4000-8000-000000000001', '{teleport}', '')$$), 'P0001 support_need_unknown',
  'an unknown need is refused');
select is((select count(*) from app.registrations), 0::bigint, 'a member still reads no registrations, not even their own, except their support needs');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.set_my_support_needs('a55e0b1e-0000-4000-8000-000000000001', '{transport}', '')$$), 'PT404 no_registration',
  'a member of another assembly changes nothing here');
select tests.act_as('facilitator@demo.samraad.dk');
select is(api.session_support(pg_temp.id('s4')) ->> 'transport' || '/' || (api.session_support(pg_temp.id('s4')) ->> 'interpreter'), '5/0',
  'the per-session counts follow the member''s change');

select tests.act_as('medlem05@demo.samraad.dk');
select lives_ok($$select api.withdraw_absence('5e000000-0000-4000-8000-000000000005')$$, 'a member withdraws their absence report');
select is(api.my_attendance('5e000000-0000-4000-8000-000000000005') -> 'absence', 'null'::jsonb, 'the report is gone');

select * from finish();
rollback;
