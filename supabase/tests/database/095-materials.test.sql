-- Material: organisers prepare it, members see it only once published, every member at the same
-- moment with one digest mail each; a publication records whether it kept the "N days before" rule;
-- published material never changes; only the service role reads and sends the outbox.
begin;
select plan(27);

-- Session 4 starts 2026-11-26 17:00; session 6 on 2027-01-16 (far enough ahead for the 5-day rule).
create function pg_temp.add(session text, title text) returns text
language sql as $$
  select tests.error_of(format(
    'select api.add_material(%L, null, %L, ''https://hedensted.dk/budget'', null, null, null, null)', session, title))
$$;

select tests.act_as(null);
select is(tests.error_of($$select api.add_material('5e000000-0000-4000-8000-000000000006', null, 'Anon', 'https://x.dk', null, null, null, null)$$),
  '42501', 'anon cannot add material');
select is((select count(*) from app.materials), 0::bigint, 'anon reads no material');

select tests.act_as('medlem05@demo.samraad.dk');
select is(pg_temp.add('5e000000-0000-4000-8000-000000000006', 'Medlemmets'), '42501', 'a member cannot add material');

select tests.act_as('admin2@demo.samraad.dk');
select is(pg_temp.add('5e000000-0000-4000-8000-000000000006', 'Fremmed'), '42501', 'the other assembly''s administrator cannot add material');

select tests.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.add('5e000000-0000-4000-8000-000000000006', 'Budgetoverblik'), null, 'a facilitator adds a link');
select is(tests.error_of($$select api.add_material('5e000000-0000-4000-8000-000000000006', null, 'Oplæg', null, 'oplaeg.pdf', 'application/pdf', 1024, repeat('ab', 32))$$),
  null, 'a facilitator adds a file');
select is(tests.error_of($$select api.add_material('5e000000-0000-4000-8000-000000000006', null, 'Begge', 'https://x.dk', 'a.pdf', 'application/pdf', 10, repeat('cd', 32))$$),
  '23514', 'a material is a file or a link, not both');
select is(tests.error_of($$select api.add_material('5e000000-0000-4000-8000-000000000006', null, 'Usikker', 'http://x.dk', null, null, null, null)$$),
  '23514', 'a link must be https');
select is(tests.error_of($$select api.add_material('5e000000-0000-4000-8000-000000000006', (select id from app.agenda_items where session_id = '5e000000-0000-4000-8000-000000000004' limit 1), 'Forkert punkt', 'https://x.dk', null, null, null, null)$$),
  'P0001 agenda_item_unknown', 'an agenda item of another session is refused');

select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from app.materials), 0::bigint, 'a member does not see unpublished material');
select is((select count(*) from api.session_materials('5e000000-0000-4000-8000-000000000006')), 0::bigint, 'not through the API either');
select is(tests.error_of($$select api.publish_materials('5e000000-0000-4000-8000-000000000006')$$), '42501', 'a member cannot publish');

select tests.act_as('facilitator@demo.samraad.dk');
select is((tests.json_of($$select api.publish_materials('5e000000-0000-4000-8000-000000000006')$$) ->> 'item_count'), '2',
  'a facilitator publishes both items at once');
select is((select on_time from app.material_publications where session_id = '5e000000-0000-4000-8000-000000000006'), true,
  'published more than five days ahead: on time');
select is((select count(*) from app.mail_outbox), 0::bigint, 'the facilitator does not read the outbox');
select is(tests.error_of($$select api.publish_materials('5e000000-0000-4000-8000-000000000006')$$), 'P0001 nothing_to_publish',
  'nothing new: nothing to publish');
select is(tests.error_of($$select api.remove_material((select id from app.materials where title = 'Budgetoverblik'))$$), 'P0001 material_published',
  'published material cannot be removed');
select is(tests.error_of($$update app.materials set title = 'Ændret' where title = 'Oplæg'$$), 'P0001 material_published',
  'published material cannot be changed, even directly');

-- Late: session 4 starts tomorrow.
select is(pg_temp.add('5e000000-0000-4000-8000-000000000004', 'Sene slides'), null, 'material for tomorrow''s session');
select is((tests.json_of($$select api.publish_materials('5e000000-0000-4000-8000-000000000004')$$) ->> 'on_time'), 'false',
  'published the day before: late, for everyone to see');

select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from api.session_materials('5e000000-0000-4000-8000-000000000006') where published_at is not null), 2::bigint,
  'a member sees the published material');
select is((select count(*) from app.mail_outbox), 2::bigint, 'a member sees the two digests queued to them, one per publication');
select is((tests.json_of($$select api.get_session('5e000000-0000-4000-8000-000000000004')$$) -> 'publications' -> 0 ->> 'on_time'), 'false',
  'the plan shows the late publication');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is((select count(*) from app.materials), 0::bigint, 'a member of another assembly sees no material');

select tests.act_as(null);
select is((tests.json_of($$select api.get_session('5e000000-0000-4000-8000-000000000006')$$) -> 'publications' -> 0 ->> 'on_time'), 'true',
  'the public sees that material came on time, not the material');

-- The dispatcher.
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select * from api.claim_mail(10)$$), '42501', 'only the service role claims mail');
reset role;
set local role service_role;
select is((select count(*) from api.claim_mail(500)), 72::bigint, 'the service role claims one digest per member per publication (36 × 2)');

select * from finish();
rollback;
