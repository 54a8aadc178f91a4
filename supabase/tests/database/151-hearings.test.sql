-- The hearing: only the secretariat (council) or an administrator opens one, only after handover;
-- only the invited party answers, through its link, once, before the deadline; nothing of the
-- hearing is public before it closes, and then every response at once (deadline or early close).
begin;
select plan(37);

-- Opening ------------------------------------------------------------------------------------------
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000001', 'Høring', '', now() + interval '14 days', '[{"name": "HovedMED"}]')$$),
  'P0001 not_handed_over', 'no hearing before the handover');

select tests.act_as('klima05@demo.samraad.dk');
select is(tests.error_of($$select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring', '', now() + interval '14 days', '[{"name": "HovedMED"}]')$$),
  '42501', 'a member cannot open a hearing');
select tests.act_as('klima-facilitator@demo.samraad.dk');
select is(tests.error_of($$select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring', '', now() + interval '14 days', '[{"name": "HovedMED"}]')$$),
  '42501', 'a facilitator cannot open a hearing');
select tests.act_as(null);
select is(tests.error_of($$select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring', '', now() + interval '14 days', '[{"name": "HovedMED"}]')$$),
  '42501', 'anon cannot open a hearing');

select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring', '', now() - interval '1 day', '[{"name": "HovedMED"}]')$$),
  'P0001 deadline_past', 'the deadline must lie ahead');
create temporary table links on commit drop as
  select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring om klimaanbefalingerne', 'Svar senest fredag.',
    now() + interval '14 days', '[{"name": "HovedMED", "email": "hovedmed@kommune.example"}, {"name": "Ældrerådet"}, {"name": "Handicaprådet"}]');
grant select on links to anon, authenticated;
select is((select count(*) from links where token ~ '^[0-9a-f]{64}$'), 3::bigint, 'the secretariat opens a hearing and gets one link per party');
select is((select count(*) from app.hearing_parties where token_sha256 in (select token from links)), 0::bigint,
  'only the hash of a link is stored');
select is((select count(*) from app.audit_log where action = 'hearing.opened'), 1::bigint, 'the opening is in the audit chain');

-- Responding -------------------------------------------------------------------------------------
select tests.act_as(null);
select is((select api.hearing_invitation((select token from links where name = 'HovedMED')) ->> 'party_name'), 'HovedMED',
  'the link opens the party''s form');
select is(jsonb_array_length(api.hearing_invitation((select token from links where name = 'HovedMED')) -> 'recommendations'), 4,
  'with the four handed-over recommendations');
select is(api.hearing_invitation(repeat('0', 64)), null, 'an unknown link opens nothing');
select is(tests.error_of($$select api.submit_hearing_response(repeat('a', 64), 'Svar', '[]', null, null, null, null)$$),
  'P0001 hearing_link_unknown', 'an unknown link cannot answer');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'HovedMED'), ' ', '[]', null, null, null, null)$$),
  'P0001 hearing_response_empty', 'an empty response is refused');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'HovedMED'), '', '[{"recommendation_id": "7ec00000-0000-4000-8000-000000000001", "body": "Nej"}]', null, null, null, null)$$),
  'P0001 recommendation_unknown', 'a response on a recommendation not heard is refused');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'HovedMED'),
  'MED bakker op om anbefalingerne.', '[{"recommendation_id": "7ec00000-0000-4000-8000-000000000032", "body": "Husk arbejdsmiljøet ved installation."}]', null, null, null, null)$$),
  null, 'the party answers through its link');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'HovedMED'), 'Et svar mere', '[]', null, null, null, null)$$),
  'P0001 hearing_already_answered', 'a second response is refused');
select is((api.hearing_invitation((select token from links where name = 'HovedMED')) -> 'response' ->> 'overall_text'),
  'MED bakker op om anbefalingerne.', 'the used link shows the submitted response');
select is(tests.error_of($$insert into app.hearing_responses (hearing_id, party_id, overall_text) select hearing_id, id, 'Direkte' from app.hearing_parties$$),
  '42501', 'nobody inserts a response past the link');

select tests.act_as('klima07@demo.samraad.dk');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'Ældrerådet'), 'Ældrerådet er enig.', '[]', null, null, null, null)$$),
  null, 'another party answers (signed in or not, the link decides)');

-- A party invited after the opening ----------------------------------------------------------------
select tests.act_as('klima05@demo.samraad.dk');
select is(tests.error_of($$select * from api.add_hearing_party((select id from app.hearings), 'Lokalrådet')$$),
  '42501', 'a member cannot invite a party');
select tests.act_as(null);
select is(tests.error_of($$select * from api.add_hearing_party((select id from app.hearings), 'Lokalrådet')$$),
  '42501', 'anon cannot invite a party');
select tests.act_as('klima-byraad@demo.samraad.dk');
insert into links select * from api.add_hearing_party((select id from app.hearings), ' Lokalrådet i Nordby ');
select is((select name from links where token ~ '^[0-9a-f]{64}$' and name = 'Lokalrådet i Nordby'), 'Lokalrådet i Nordby',
  'the secretariat invites a party while the hearing is open and gets its link once');
select is(left(tests.error_of($$select * from api.add_hearing_party((select id from app.hearings), 'lokalrådet i nordby')$$), 5),
  '23505', 'a party is invited once');
select tests.act_as(null);
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'Lokalrådet i Nordby'), 'Lokalrådet støtter anbefaling 2.', '[]', null, null, null, null)$$),
  null, 'the party added late answers through its link');
select tests.act_as('klima-byraad@demo.samraad.dk');
select is((select party_count from api.hearings('a55e0b1e-0000-4000-8000-000000000003')), 4, 'and counts among the parties');

-- Nothing public before the close ------------------------------------------------------------------
select tests.act_as(null);
select is((select count(*) from api.hearings('a55e0b1e-0000-4000-8000-000000000003')), 0::bigint, 'anon sees no open hearing');
select is((select count(*) from app.hearing_responses), 0::bigint, 'anon reads no response before the close');
select tests.act_as('klima-byraad@demo.samraad.dk');
select is((select count(*) from app.hearing_responses), 0::bigint, 'the secretariat reads no response before the close either');
select is((select response_count from api.hearings('a55e0b1e-0000-4000-8000-000000000003')), 3,
  'the secretariat sees how many have answered');
select is((select count(*) from api.hearing_parties((select id from app.hearings)) where submitted_at is not null), 3::bigint,
  'and which parties');
select tests.act_as('klima03@demo.samraad.dk');
select is((select count(*) from api.hearing_parties((select id from app.hearings))), 0::bigint, 'a member does not see the parties'' list');

-- The close publishes everything at once ----------------------------------------------------------
select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$select api.close_hearing((select id from app.hearings))$$), null, 'the secretariat closes the hearing');
select tests.act_as(null);
select is((select count(*) from api.hearing_responses((select id from app.hearings))), 3::bigint, 'anon reads every response at once');
select is((select items -> 0 ->> 'body' from api.hearing_responses((select id from app.hearings)) where party_name = 'HovedMED'),
  'Husk arbejdsmiljøet ved installation.', 'with its part on each recommendation');
select is(tests.error_of($$select api.submit_hearing_response((select token from links where name = 'Handicaprådet'), 'For sent', '[]', null, null, null, null)$$),
  'P0001 hearing_closed', 'a response after the close is refused');
select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$select * from api.add_hearing_party((select id from app.hearings), 'For sent inviteret')$$),
  'P0001 hearing_closed', 'no party is invited after the close');

-- The deadline alone closes a hearing (a hearing whose deadline has passed) --------------------------
reset role;
insert into app.hearings (id, assembly_id, title, deadline_at, created_at)
values ('4ea10000-0000-4000-8000-000000000099', 'a55e0b1e-0000-4000-8000-000000000003', 'Udløbet høring', now() - interval '1 minute', now() - interval '10 days');
select tests.act_as(null);
select is((select count(*) from api.hearings('a55e0b1e-0000-4000-8000-000000000003') where id = '4ea10000-0000-4000-8000-000000000099' and is_closed), 1::bigint,
  'a hearing past its deadline is closed and public without anyone closing it');

select * from finish();
rollback;
