-- Deliberation between sessions: only members and organisers read threads before the handover;
-- members write in their own name, reply one level deep, mark mind changes (counted, who only to
-- themselves); facilitators hide with a reason that stays visible, pin, close, publish; after the
-- handover the public reads only published threads of public assemblies.
begin;
select plan(36);

-- Before handover (the welfare assembly, handover 2027-03-15) ------------------------------------
select tests.act_as(null);
select is((select count(*) from app.deliberation_threads where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 0::bigint,
  'anon reads no thread before handover');
select is((select count(*) from api.deliberation_thread('de110000-0000-4000-8000-000000000001')), 0::bigint,
  'anon reads no post before handover');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', null, 'for', 'Anonym mening')$$),
  '42501', 'anon cannot write');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is((select count(*) from api.deliberation_threads('a55e0b1e-0000-4000-8000-000000000001')), 0::bigint,
  'a member of another assembly reads no thread');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', null, 'for', 'Udefra')$$),
  '42501', 'an outsider cannot write');

select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from app.deliberation_threads where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 0::bigint,
  'the council does not read the members'' threads');

select tests.act_as('evaluator@demo.samraad.dk');
select is((select count(*) from app.deliberation_posts where thread_id = 'de110000-0000-4000-8000-000000000001'), 0::bigint, 'the evaluator reads no posts');

select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from api.deliberation_threads('a55e0b1e-0000-4000-8000-000000000001')), 2::bigint,
  'a member reads the threads');
select is((select count(*) from api.deliberation_thread('de110000-0000-4000-8000-000000000001')), 3::bigint,
  'a member reads the posts');
select is((select mind_changes from api.deliberation_thread('de110000-0000-4000-8000-000000000001') where id = 'de120000-0000-4000-8000-000000000002'),
  2, 'a member sees how many changed their mind');
select is((select count(*) from app.deliberation_mind_changes), 0::bigint, 'but not who changed their mind');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', null, 'against', 'Jeg er imod, fordi skolerne også mangler penge.')$$),
  null, 'a member argues against');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', 'de120000-0000-4000-8000-000000000001', 'question', 'Hvor mange flere ældre bliver vi?')$$),
  null, 'a member replies');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', 'de120000-0000-4000-8000-000000000003', 'question', 'Et svar på et svar')$$),
  'P0001 reply_too_deep', 'a reply to a reply is refused (one level)');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000001', null, 'for', ' ')$$),
  '23514', 'an empty post is refused');
select is(tests.error_of($$insert into app.deliberation_posts (thread_id, author_person_id, body) values ('de110000-0000-4000-8000-000000000001', (select id from app.people where email = 'medlem06@demo.samraad.dk'), 'I en andens navn')$$),
  '42501', 'a member cannot write in another''s name');
select is(tests.error_of($$select api.open_deliberation_thread('a55e0b1e-0000-4000-8000-000000000001', 'Min egen tråd', '', null)$$),
  '42501', 'a member cannot open a thread');
select is(tests.error_of($$select api.moderate_deliberation_post('de120000-0000-4000-8000-000000000002', true, 'Jeg er uenig', false)$$),
  'PT404', 'a member cannot hide a post');
select is(api.set_mind_changed('de120000-0000-4000-8000-000000000002', true), 3, 'a member marks a changed mind; the count rises');
select is((select changed_my_mind from api.deliberation_thread('de110000-0000-4000-8000-000000000001') where id = 'de120000-0000-4000-8000-000000000002'),
  true, 'the member sees their own mark');
select is((select count(*) from app.deliberation_mind_changes), 1::bigint, 'and only their own');

select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.moderate_deliberation_post('de120000-0000-4000-8000-000000000002', true, '', false)$$),
  'P0001 reason_required', 'hiding needs a reason');
select is(tests.error_of($$select api.moderate_deliberation_post('de120000-0000-4000-8000-000000000002', true, 'Personlige oplysninger', null)$$),
  null, 'the facilitator hides a post with a reason');
select is(tests.error_of($$select api.moderate_deliberation_post('de120000-0000-4000-8000-000000000001', null, null, true)$$),
  null, 'the facilitator pins a post');
select is(tests.error_of($$update app.deliberation_posts set body = 'Omskrevet' where id = 'de120000-0000-4000-8000-000000000001'$$),
  '42501', 'nobody rewrites a post''s text');
select is((select body from api.deliberation_thread('de110000-0000-4000-8000-000000000001') where id = 'de120000-0000-4000-8000-000000000002'),
  'Nej, ikke hvis det går ud over skolerne. Forebyggelse hos børn sparer penge senere.', 'the facilitator still reads a hidden post');
select is(tests.error_of($$select api.set_deliberation_thread_state('de110000-0000-4000-8000-000000000002', true, false)$$),
  null, 'the facilitator closes a thread');

select tests.act_as('medlem06@demo.samraad.dk');
select is((select row(body, hidden_reason)::text from api.deliberation_thread('de110000-0000-4000-8000-000000000001') where id = 'de120000-0000-4000-8000-000000000002'),
  row(null::text, 'Personlige oplysninger'::text)::text, 'members see the reason, not the hidden text');
select is((select id from api.deliberation_thread('de110000-0000-4000-8000-000000000001') limit 1),
  'de120000-0000-4000-8000-000000000001'::uuid, 'the pinned post comes first');
select is(tests.error_of($$select api.write_deliberation_post('de110000-0000-4000-8000-000000000002', null, 'for', 'For sent?')$$),
  'P0001 thread_closed', 'nobody writes in a closed thread');

-- After handover (the climate assembly, handed over 2026-08-20, public) -----------------------------
select tests.act_as(null);
select is((select count(*) from api.deliberation_threads('a55e0b1e-0000-4000-8000-000000000003')), 1::bigint,
  'anon reads the published thread after handover');
select is((select count(*) from api.deliberation_thread('de110000-0000-4000-8000-000000000003') where author_name is null), 2::bigint,
  'anon reads its posts, without names');

select tests.act_as('klima-facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.open_deliberation_thread('a55e0b1e-0000-4000-8000-000000000003', 'Ikke offentlig', '', null)$$),
  null, 'a facilitator opens a thread');
select tests.act_as(null);
select is((select count(*) from api.deliberation_threads('a55e0b1e-0000-4000-8000-000000000003')), 1::bigint,
  'an unpublished thread stays hidden from the public after handover');

select tests.act_as('klima-facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.set_deliberation_thread_state((select id from app.deliberation_threads where title = 'Ikke offentlig'), false, true)$$),
  null, 'the facilitator publishes it');
select tests.act_as(null);
select is((select count(*) from api.deliberation_threads('a55e0b1e-0000-4000-8000-000000000003')), 2::bigint,
  'the public then reads it');

select * from finish();
rollback;
