-- The council's responses (demo assembly …0003, handed over 2026-08-20): only the council drafts and
-- publishes; a round is published complete; nobody (the owner included) changes a published
-- response; a correction is a new version; overdue is computed and no role can hide it; anon reads
-- only published responses of public assemblies; subscribers and their tokens are unreadable;
-- reminders are queued once per round and kind.
begin;
select plan(56);

create temporary table ids (name text primary key, id uuid) on commit drop;
grant select on ids to anon, authenticated, service_role;
insert into ids select kind::text, id from app.response_rounds where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003';
-- A recommendation of the same assembly that was never handed over.
insert into app.recommendations (id, assembly_id, number, status)
values ('7ec00000-0000-4000-8000-000000000099', 'a55e0b1e-0000-4000-8000-000000000003', 99, 'draft');

select is((select count(*) from ids), 4::bigint, 'the handover created the four rounds');
select is((select id from app.response_rounds where id = (select id from ids where name = 'three_months') and due_on = '2026-11-20'),
  (select id from ids where name = 'three_months'), 'the 3-month round is due 3 calendar months after the handover');
select is(private.response_due_on('2026-11-30', 3), '2027-02-28'::date, 'SQL clamps 30 November + 3 months to 28 February');
select is(private.response_due_on('2027-11-30', 3), '2028-02-29'::date, '… and to 29 February in a leap year');

-- Anon -------------------------------------------------------------------------------------------
select tests.act_as(null);
select is((select count(*) from app.responses), 5::bigint, 'anon reads the published responses (4 and one correction)');
select is((select count(*) from app.responses where published_at is null), 0::bigint, 'anon reads no drafts');
select is((select count(*) from app.response_rounds), 4::bigint, 'anon reads the rounds of the public assembly');
select is(tests.error_of($$insert into app.responses (round_id, recommendation_id, status, explanation, committee)
  values ((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034', 'pending', 'x', 'Udvalg')$$),
  '42501', 'anon cannot draft');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  '42501', 'anon cannot publish');
select is(tests.error_of($$select count(*) from app.response_subscribers$$), '42501', 'anon cannot read subscribers');
select is(tests.error_of($$select private.unsubscribe_token(gen_random_uuid())$$), '42501', 'anon cannot make an unsubscribe token');

-- A member, the facilitator, the admin: read, never draft or publish ------------------------------
select tests.act_as('klima01@demo.samraad.dk');
select is((select count(*) from app.responses), 5::bigint, 'a member reads the published responses, no drafts');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '')$$),
  '42501', 'a member cannot draft');
select is(tests.error_of($$insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee)
  values ((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034', 'pending', 'x', 'Fordi', 'Udvalg')$$),
  '42501', 'a member cannot draft directly either');
select is(tests.error_of($$select count(*) from app.response_subscribers$$), '42501', 'a member cannot read subscribers');

select tests.act_as('klima-facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  '42501', 'the facilitator cannot publish');
select is(tests.affected($$update app.responses set explanation = 'Ændret' where published_at is null$$), 0::bigint,
  'the facilitator cannot change the council''s drafts');

select tests.act_as('klima-admin@demo.samraad.dk');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '')$$),
  '42501', 'the administrator cannot draft');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  '42501', 'the administrator cannot publish');
select is(tests.error_of($$update app.response_rounds set published_at = now() where id = (select id from ids where name = 'twelve_months')$$),
  '42501', 'the administrator cannot publish by updating the round');
select is(tests.error_of($$select api.set_response_round_due((select id from ids where name = 'conclusion'), '2026-11-01')$$),
  null, 'the administrator dates the conclusion round');
select is(tests.error_of($$update app.response_rounds set due_on = '2027-01-20' where id = (select id from ids where name = 'three_months')$$),
  'P0001 round_published', 'the 3-month due date cannot move');

select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer', 'Økonomiudvalget', null, null, null, null, null, '[]', '')$$),
  '42501', 'another assembly''s council cannot draft here');

-- The council ------------------------------------------------------------------------------------
select tests.act_as('klima-byraad@demo.samraad.dk');
select is((select count(*) from app.responses where published_at is null), 3::bigint, 'the council reads its drafts');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  'P0001 round_incomplete', 'a round with a recommendation unanswered is not published');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000099',
  'pending', 'Under behandling', 'Afventer', 'Økonomiudvalget', null, null, null, null, null, '[]', '')$$),
  'P0001 not_handed_over', 'a recommendation that was not handed over gets no response');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'not_followed', 'Vi gør det ikke', '', 'Økonomiudvalget', '26/2001', 'Byrådet', '2027-05-01', 'Ikke tiltrådt', null, '[]', '')$$),
  '23514', '"Ikke fulgt" must say why');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'followed', '', '', 'Økonomiudvalget', '26/2001', 'Byrådet', '2027-05-01', 'Tiltrådt', null, '[]', '')$$),
  '23514', 'an explanation is required');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'followed', 'Følges', '', 'Økonomiudvalget', '2026-2001', 'Byrådet', '2027-05-01', 'Tiltrådt', null, '[]', '')$$),
  '23514', 'a case number is like 25/3441');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'followed', 'Følges', '', 'Økonomiudvalget', null, null, null, null, null, '[]', '')$$),
  '23514', 'a decided response names the council decision');
select is(api.mark_rest_pending((select id from ids where name = 'twelve_months'), 'Økonomiudvalget', 'Behandles med klimaplanen i foråret'),
  1, 'the rest is marked "Under behandling" with a reason');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  null, 'the council publishes the complete round');
select is((select count(*) from app.responses x where x.round_id = (select id from ids where name = 'twelve_months') and x.published_at is null),
  0::bigint, 'every response of the round is published with it');
select is((select count(*) from app.mail_outbox where kind = 'response_round_published' and sent_at is null and person_id is not null),
  0::bigint, 'the council does not read the members'' mail');
select is(tests.error_of($$update app.responses set explanation = 'Rettet i smug'
  where round_id = (select id from ids where name = 'twelve_months') and recommendation_id = '7ec00000-0000-4000-8000-000000000031'$$),
  null, 'an update of a published response touches nothing for the council (RLS) …');
select is((select count(*) from app.responses where explanation = 'Rettet i smug'), 0::bigint, '… and changes nothing');
select is(tests.error_of($$select api.publish_response_round((select id from ids where name = 'twelve_months'))$$),
  '42501', 'a round is published once');
select is(tests.error_of($$select api.save_response((select id from ids where name = 'three_months'), '7ec00000-0000-4000-8000-000000000033',
  'not_followed', 'Arealerne bevares.', 'Forpagtningerne løber til 2029.', 'Teknik- og Miljøudvalget', '26/1201', 'Teknik- og Miljøudvalget', '2026-11-04', 'Taget til efterretning.', null, '[]', '')$$),
  '23514', 'a correction says what was corrected');
select is(tests.error_of($$select api.publish_response_correction(api.save_response((select id from ids where name = 'three_months'), '7ec00000-0000-4000-8000-000000000033',
  'not_followed', 'Arealerne bevares.', 'Forpagtningerne løber til 2029.', 'Teknik- og Miljøudvalget', '26/1201', 'Teknik- og Miljøudvalget', '2026-11-04', 'Taget til efterretning.', null, '[]', 'Begrundelsen var upræcis.'))$$),
  null, 'a correction is a new version, published on its own');
select is((select max(version) from app.responses where recommendation_id = '7ec00000-0000-4000-8000-000000000033'
  and round_id = (select id from ids where name = 'three_months')), 2, '… as version 2');

-- Nobody, the owner included, changes a published response or hides an overdue round ------------
reset role;
select is(tests.error_of($$update app.responses set explanation = 'Ejeren retter' where published_at is not null$$),
  'P0001 response_published', 'the owner cannot change a published response');
select is(tests.error_of($$delete from app.responses where published_at is not null$$),
  'P0001 response_published', 'the owner cannot remove a published response');
select is((select action from app.audit_log where subject_id = (select id from ids where name = 'twelve_months')),
  'response_round.published', 'publishing is in the audit chain');
select is((select count(*) from app.audit_log where action = 'response.corrected'), 2::bigint,
  'each correction is in the audit chain (the seed''s and this one)');
select is((select count(*) from app.mail_outbox where kind = 'response_round_published' and sent_at is null), 12::bigint,
  'one mail per member for the round');

select is((select r ->> 'state' from jsonb_array_elements(api.response_overview('a55e0b1e-0000-4000-8000-000000000003') -> 'rounds') r
  where r ->> 'kind' = 'conclusion'), 'overdue', 'a round past its due date is overdue');
select is((select r ->> 'state' from jsonb_array_elements(api.response_overview('a55e0b1e-0000-4000-8000-000000000003', '2026-10-01') -> 'rounds') r
  where r ->> 'kind' = 'conclusion'), 'overdue', 'turning the clock back does not hide it');
select is((select r ->> 'state' from jsonb_array_elements(api.response_overview('a55e0b1e-0000-4000-8000-000000000003', '2027-09-02') -> 'rounds') r
  where r ->> 'kind' = 'evaluation'), 'overdue', 'moving the clock forward shows a later round overdue');
select is(tests.error_of($$update app.response_rounds set due_on = '2027-06-01' where kind = 'conclusion' and assembly_id = 'a55e0b1e-0000-4000-8000-000000000003'$$),
  'P0001 due_date_passed', 'the owner cannot move a passed due date');
select is(tests.error_of($$delete from app.response_rounds where kind = 'conclusion' and assembly_id = 'a55e0b1e-0000-4000-8000-000000000003'$$),
  'P0001 round_permanent', 'the owner cannot remove an overdue round');
select tests.act_as('klima-admin@demo.samraad.dk');
select isnt(tests.error_of($$update app.assemblies set handover_on = '2026-10-01' where id = 'a55e0b1e-0000-4000-8000-000000000003'$$),
  null, 'the administrator cannot move the handover date to push the deadlines');

-- Subscriptions and reminders --------------------------------------------------------------------
select tests.act_as(null);
select is(api.subscribe_to_responses('a55e0b1e-0000-4000-8000-000000000003', 'Presse@Example.dk', repeat('a', 64)), true,
  'anyone subscribes to a public assembly');
select is(api.confirm_response_subscription(repeat('a', 64)), 'a55e0b1e-0000-4000-8000-000000000003'::uuid,
  'the token from the mail confirms it');
select is(api.unsubscribe_from_responses(gen_random_uuid()::text || '.' || repeat('0', 64)), null, 'a made-up token unsubscribes nobody');
reset role;
set local role service_role;
select is(api.queue_response_reminders(), 2, 'the overdue conclusion round reminds the council and the administrator');
select is(api.queue_response_reminders(), 0, '… once');

select * from finish();
rollback;
