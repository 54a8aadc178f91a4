-- Availability at registration: the form lists the assembly's upcoming planned dates; a citizen's
-- answers are stored with the registration in the same transaction (only sessions of that assembly);
-- staff can record them too; when the person becomes a member the answers become theirs.
begin;
select plan(9);

-- The demographic answers, read as the owner (assembly 2's quotas are not public).
create temp table answer (who text primary key, answers jsonb);
insert into answer values
  ('ida', (select jsonb_object_agg(f.category_id, f.id) from app.features f
           where (f.category_id, f.name) in (('ca000000-0000-4000-8000-000000000011', 'Kvinde'), ('ca000000-0000-4000-8000-000000000013', 'Ja')))),
  ('bo', (select jsonb_object_agg(f.category_id, f.id) from app.features f
          where (f.category_id, f.name) in (('ca000000-0000-4000-8000-000000000011', 'Mand'), ('ca000000-0000-4000-8000-000000000013', 'Nej'))));
grant select on answer to anon, authenticated;

select tests.act_as(null);
select is(jsonb_array_length(api.registration_form('UZ9BBC6M6NT') -> 'sessions'), 4,
  'the form lists the four planned dates of the day-care assembly');
select is(api.registration_form('UZ9BBC6M6NT') -> 'sessions' -> 0 ->> 'title', 'Første møde: dagtilbud i dag',
  'earliest first');

select is(tests.error_of($$select api.register('UZ9BBC6M6NT', 'Ida Test', 1985, 'Toftegårdsvej 5', '8781', true,
    (select answers from answer where who = 'ida'),
    email => 'ida.test@example.dk',
    availability => '{"5e000000-0000-4000-8000-000000000004": "yes"}')$$),
  'P0001 availability_invalid', 'a session of another assembly is refused');
select is(api.registration_form('UZ9BBC6M6NT') -> 'used', 'false'::jsonb, 'and nothing was written: the code is still unused');

select lives_ok($$select api.register('UZ9BBC6M6NT', 'Ida Test', 1985, 'Toftegårdsvej 5', '8781', true,
    (select answers from answer where who = 'ida'),
    email => 'ida.test@example.dk',
    availability => '{"5e000000-0000-4000-8000-000000000021": "yes", "5e000000-0000-4000-8000-000000000022": "no"}')$$,
  'a citizen registers with the dates they can come');
select is((select count(*) from app.registration_availability), 0::bigint, 'anon does not read availability');

select tests.act_as('admin2@demo.samraad.dk');
select is((select string_agg(ra.answer::text, ',' order by s.starts_at) from app.registration_availability ra
           join app.registrations r on r.id = ra.registration_id join app.sessions s on s.id = ra.session_id
           where r.email = 'ida.test@example.dk'), 'yes,no', 'the administrator reads the answers');
select lives_ok($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'phone', 'Bo Telefon', 1950, 'Kirkevej 9', '7140', true,
    (select answers from answer where who = 'bo'),
    phone => '20112233', availability => '{"5e000000-0000-4000-8000-000000000023": "maybe"}')$$,
  'staff record availability given on the phone');

-- Becoming a member carries the answers over.
reset role;
update app.registrations set person_id = 'd0000000-0000-4000-8000-000000000001' where email = 'ida.test@example.dk';
select is((select string_agg(answer::text, ',' order by session_id) from app.availability where person_id = 'd0000000-0000-4000-8000-000000000001'),
  'yes,no', 'the member''s availability is what they said at registration');

select * from finish();
rollback;
