-- The budget calendar (public; set per municipality and year by its administrators, defaults
-- otherwise) and the deliberation digest (at most one per member and day, never empty, opt-out).
begin;
select plan(16);

-- Budget calendar ----------------------------------------------------------------------------------
select tests.act_as(null);
select is((select count(*) from api.budget_calendar('a55e0b1e-0000-4000-8000-000000000003', 2026)), 8::bigint, 'anon reads the eight events of a year');
select is((select starts_on from api.budget_calendar('a55e0b1e-0000-4000-8000-000000000003', 2026) where kind = 'first_reading'),
  '2026-09-19'::date, 'the defaults come from the municipality''s process');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'first_reading', '2026-09-17', null)$$),
  '42501', 'anon cannot set it');

select tests.act_as('klima-facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'first_reading', '2026-09-17', null)$$),
  '42501', 'a facilitator cannot set it');
select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$insert into app.budget_events (municipality, year, kind, starts_on) values ('Demo Kommune', 2026, 'first_reading', '2026-09-17')$$),
  '42501', 'the council cannot set it');

select tests.act_as('klima-admin@demo.samraad.dk');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'first_reading', '2027-09-17', null)$$),
  '23514', 'a date outside the year is refused');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'hearing', '2026-09-20', '2026-09-09')$$),
  '23514', 'an end before the start is refused');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'first_reading', '2026-09-17', null)$$),
  null, 'the administrator sets the first reading');
select is((select row(starts_on, is_default)::text from api.budget_calendar('a55e0b1e-0000-4000-8000-000000000003', 2026) where kind = 'first_reading'),
  row('2026-09-17'::date, false)::text, 'the calendar shows the set date');
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.set_budget_event('a55e0b1e-0000-4000-8000-000000000003', 2026, 'adoption', '2026-10-10', null)$$),
  '42501', 'another assembly''s administrator cannot set it');

-- Digest -------------------------------------------------------------------------------------------
select tests.act_as('medlem12@demo.samraad.dk');
select is(tests.error_of($$select api.set_deliberation_digest('a55e0b1e-0000-4000-8000-000000000001', false)$$), null, 'a member turns the digest off');
select is(api.deliberation_digest_enabled('a55e0b1e-0000-4000-8000-000000000001'), false, 'and it is off');
select tests.act_as('medlem05@demo.samraad.dk');
select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', null, 'for', 'Et nyt argument fra i dag.');

select tests.act_as(null);
select is(tests.error_of($$select api.queue_deliberation_digests()$$), '42501', 'only the service role queues digests');

reset role;
set local role service_role;
select is(api.queue_deliberation_digests(), 34, 'one digest per member with news (the author and the member who turned it off get none)');
select is(api.queue_deliberation_digests(), 0, 'a second run the same day queues nothing');
reset role;
select is((select count(*) from app.mail_outbox where kind = 'deliberation_digest'
  and person_id = (select id from app.people where email = 'medlem05@demo.samraad.dk')), 0::bigint,
  'nobody gets a digest of only their own post');

select * from finish();
rollback;
