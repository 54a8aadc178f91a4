-- Sessions: who reads the plan (the public without personal data), who plans it, the rules a session
-- must keep (end after start, inside the assembly's period, one booking per room), the availability
-- poll (members answer for themselves; organisers see the summary) and calendar feeds.
-- Assembly 1 (…0001) is public with ten demo sessions; assembly 2 (…0002) is not public.
begin;
select plan(54);

create function pg_temp.save(assembly text, session text, title text, on_date text, starts text, ends text,
  address text default 'Niels Espes Vej 8, 8722 Hedensted', room text default 'Mødelokale 2') returns text
language sql as $$
  select tests.error_of(format(
    'select api.save_session(%L, %s, %L, ''deliberation'', %L, %L, %L, false, ''Rådhuset'', %L, %L, '''', null, '''')',
    assembly, coalesce(quote_literal(session), 'null'), title, on_date, starts, ends, address, room))
$$;

-- Reading the plan ----------------------------------------------------------------------------------
select tests.act_as(null);
select is(jsonb_array_length(tests.json_of($$select api.assembly_sessions('a55e0b1e-0000-4000-8000-000000000001')$$) -> 'sessions'),
  10, 'anon reads the plan of a public assembly');
select is((tests.json_of($$select api.assembly_sessions('a55e0b1e-0000-4000-8000-000000000001')$$) -> 'sessions' -> 3 -> 'agenda' -> 0 ->> 'led_by'),
  '', 'anon does not see who leads an agenda item');
select is((tests.json_of($$select api.assembly_sessions('a55e0b1e-0000-4000-8000-000000000001')$$) -> 'sessions' -> 3 -> 'agenda' -> 1 ->> 'title'),
  'Oplæg: konsekvenser af mere og mindre til hvert område', 'anon reads the agenda itself');
select is(tests.json_of($$select api.assembly_sessions('a55e0b1e-0000-4000-8000-000000000002')$$) ->> 'error',
  'PT404', 'anon cannot read the plan of a non-public assembly');
select is((select count(*) from app.sessions where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'), 0::bigint,
  'anon reads no sessions of a non-public assembly from the table');
select is((select count(*) from app.availability), 0::bigint, 'anon reads no availability');
select is((select count(*) from app.calendar_feeds), 0::bigint, 'anon reads no calendar feeds');
select is(tests.error_of($$select api.save_session('a55e0b1e-0000-4000-8000-000000000001', null, 'Anon-møde', 'deliberation', '2026-12-01', '17:00', '21:00', false, '', '', '', '', null, '')$$),
  '42501', 'anon cannot plan a session');
select is(tests.error_of($$update app.sessions set title = 'Hacket' where true$$), '42501', 'anon cannot change sessions');

select tests.act_as('medlem05@demo.samraad.dk');
select is((tests.json_of($$select api.assembly_sessions('a55e0b1e-0000-4000-8000-000000000001')$$) -> 'sessions' -> 3 -> 'agenda' -> 0 ->> 'led_by'),
  'Facilitator', 'a member sees who leads an agenda item');
select is(tests.error_of($$select api.save_session('a55e0b1e-0000-4000-8000-000000000001', null, 'Medlemsmøde', 'deliberation', '2026-12-01', '17:00', '21:00', false, '', '', '', '', null, '')$$),
  '42501', 'a member cannot plan a session');
select is(tests.affected($$update app.sessions set title = 'Ændret af medlem' where true$$), 0::bigint, 'a member cannot change sessions directly');
select is(tests.affected($$delete from app.agenda_items where true$$), 0::bigint, 'a member cannot remove agenda items');
select is(tests.error_of($$select api.cancel_session('5e000000-0000-4000-8000-000000000005', 'Nej')$$), 'PT404', 'a member cannot cancel a session');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.save_session('a55e0b1e-0000-4000-8000-000000000001', null, 'Fremmed møde', 'deliberation', '2026-12-01', '17:00', '21:00', false, '', '', '', '', null, '')$$),
  '42501', 'a member of another assembly cannot plan here');
select is(tests.error_of($$select api.availability_summary('a55e0b1e-0000-4000-8000-000000000001')$$), '42501',
  'a member of another assembly cannot read the availability summary');

select tests.act_as('admin2@demo.samraad.dk');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Andet møde', '2026-12-01', '17:00', '21:00'),
  '42501', 'the other assembly''s administrator cannot plan here');
select is(tests.affected($$update app.sessions set title = 'x' where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$), 0::bigint,
  'the other assembly''s administrator cannot change this plan');

-- Planning ------------------------------------------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Ekstra aftenmøde', '2026-12-02', '17:00', '21:00'),
  null, 'a facilitator plans a session');
select is((select to_char(starts_at at time zone 'UTC', 'HH24:MI') from app.sessions where title = 'Ekstra aftenmøde'), '16:00',
  '17:00 in Copenhagen in December is 16:00 UTC');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Baglæns', '2026-12-03', '21:00', '17:00'),
  'P0001 session_ends_before_start', 'a session that ends before it starts is refused');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Sommermøde', '2027-06-01', '17:00', '21:00'),
  'P0001 session_outside_period', 'a session outside the assembly''s period is refused');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Dobbeltbooking', '2026-12-02', '20:00', '22:00'),
  'P0001 session_room_overlap', 'a session overlapping another in the same room is refused');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Andet lokale', '2026-12-02', '20:00', '22:00', 'Niels Espes Vej 8, 8722 Hedensted', 'Mødelokale 3'),
  null, 'the same time in another room is fine');
select is(pg_temp.save('a55e0b1e-0000-4000-8000-000000000001', null, 'Lige efter', '2026-12-02', '21:00', '22:00'),
  null, 'a session that starts when the other ends does not overlap');
select is(tests.error_of($$insert into app.sessions (assembly_id, title, starts_at, ends_at) values ('a55e0b1e-0000-4000-8000-000000000001', 'Direkte', '2026-12-05 12:00+01', '2026-12-05 11:00+01')$$),
  'P0001 session_ends_before_start', 'the table refuses a session ending before it starts, whatever the path');

-- Moving bumps the calendar sequence; cancelling keeps the session, marked.
select is(tests.error_of($$select api.save_session('a55e0b1e-0000-4000-8000-000000000001', '5e000000-0000-4000-8000-000000000005', 'Afvejninger mellem områderne', 'deliberation', '2026-12-10', '17:00', '21:00', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen', '', null, '')$$),
  null, 'a facilitator moves a session');
select is((select sequence from app.sessions where id = '5e000000-0000-4000-8000-000000000005'), 1, 'moving a session bumps its calendar sequence');
select is(tests.error_of($$select api.cancel_session('5e000000-0000-4000-8000-000000000006', '  ')$$),
  'P0001 cancellation_reason_required', 'cancelling needs a reason');
select is(tests.error_of($$select api.cancel_session('5e000000-0000-4000-8000-000000000006', 'Rådhuset er lukket')$$), null, 'a facilitator cancels a session');
select is((select cancelled_at is not null and sequence = 1 from app.sessions where id = '5e000000-0000-4000-8000-000000000006'), true,
  'a cancelled session stays in the plan with a new sequence');
select is(tests.error_of($$select api.delete_candidate_session('5e000000-0000-4000-8000-000000000006')$$), 'P0001 not_a_candidate',
  'a planned session cannot be deleted, only cancelled');

-- Agenda
select is(tests.error_of($$select api.save_agenda_item('5e000000-0000-4000-8000-000000000006', null, 'Velkomst', '', 15, 'Facilitator')$$), null, 'a facilitator adds an agenda item');
select is(tests.error_of($$select api.save_agenda_item('5e000000-0000-4000-8000-000000000006', null, 'Drøftelse', '', 0, '')$$), '23514', 'an item needs planned minutes');
select lives_ok($$select api.save_agenda_item('5e000000-0000-4000-8000-000000000006', null, 'Opsamling', '', 30, '')$$, 'a second item');
select lives_ok($$select api.move_agenda_item((select id from app.agenda_items where title = 'Opsamling'), -1)$$, 'an item moves up');
select is((select string_agg(title, ',' order by position, created_at) from app.agenda_items where session_id = '5e000000-0000-4000-8000-000000000006'),
  'Opsamling,Velkomst', 'the agenda shows the new order');

-- Availability ----------------------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select lives_ok($$select api.set_availability('5e000000-0000-4000-8000-000000000007', 'no')$$, 'a member answers the poll');
select lives_ok($$select api.set_availability('5e000000-0000-4000-8000-000000000007', 'yes')$$, 'and changes the answer');
select is((select count(*) from app.availability), 1::bigint, 'a member reads only their own answers');
select is(tests.error_of($$insert into app.availability (session_id, person_id, answer) values ('5e000000-0000-4000-8000-000000000008', 'c0000000-0000-4000-8000-000000000002', 'no')$$),
  '42501', 'a member cannot answer for someone else');
select is(tests.error_of($$select api.availability_summary('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member does not read the summary');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.set_availability('5e000000-0000-4000-8000-000000000007', 'yes')$$), '42501', 'a member of another assembly cannot answer');

select tests.act_as('facilitator@demo.samraad.dk');
select is((select yes || '/' || maybe || '/' || no || '/' || unanswered || '/' || members from api.availability_summary('a55e0b1e-0000-4000-8000-000000000001')
           where session_id = '5e000000-0000-4000-8000-000000000007'),
  '19/7/7/3/36', 'the organisers see the summary per date (medlem01 said yes; 32 seeded answers)');

-- Calendar feeds --------------------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
create temp table feed as select api.renew_calendar_feed() as token;
grant select on feed to anon, authenticated;
select is(api.my_calendar_feed(), (select token from feed), 'a member reads their own feed token');
select tests.act_as(null);
select is(jsonb_array_length(api.calendar_feed((select token from feed))), 11, 'the feed lists the planned sessions, candidates left out, cancelled kept');
select is(tests.error_of($$select api.calendar_feed(repeat('a', 64))$$), 'PT404', 'an unknown token finds nothing');
select tests.act_as('medlem02@demo.samraad.dk');
select is(api.my_calendar_feed(), null, 'another member does not read the token');
select tests.act_as('medlem01@demo.samraad.dk');
select lives_ok($$select api.revoke_calendar_feed()$$, 'a member revokes the feed');
select tests.act_as(null);
select is(tests.error_of(format('select api.calendar_feed(%L)', (select token from feed))), 'PT404', 'a revoked feed is gone');

-- The material rule: organisers set it (twice: the second changes it), members cannot.
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.save_session_rules('a55e0b1e-0000-4000-8000-000000000001', 5)$$), null,
  'the facilitator sets the material rule');
select is(tests.error_of($$select api.save_session_rules('a55e0b1e-0000-4000-8000-000000000001', 3)$$), null,
  'and changes it');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.save_session_rules('a55e0b1e-0000-4000-8000-000000000001', 1)$$), '42501',
  'a member cannot set it');
reset role;
select is((select material_days_before from app.session_rules where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 3,
  'the rule holds the last value saved');

select * from finish();
rollback;
