-- Information requests: members ask in their own name and read every request and answer; organisers
-- answer (an answer or a reason is required) and alone see who asked; others see nothing.
begin;
select plan(16);

select tests.act_as(null);
select is((select count(*) from app.information_requests), 0::bigint, 'anon reads no requests');
select is(tests.error_of($$select api.ask_for_information('a55e0b1e-0000-4000-8000-000000000001', 'fact', 'Hvad koster en skoleplads?')$$),
  '42501', 'anon cannot ask');

select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from api.information_requests('a55e0b1e-0000-4000-8000-000000000001')), 2::bigint, 'a member reads the requests');
select is((select count(*) from api.information_requests('a55e0b1e-0000-4000-8000-000000000001') where asked_by_name is not null), 0::bigint,
  'a member does not see who asked');
select is(tests.error_of($$select api.ask_for_information('a55e0b1e-0000-4000-8000-000000000001', 'fact', 'Hvad koster en skoleplads om året?')$$),
  null, 'a member asks');
select is(tests.error_of($$insert into app.information_requests (assembly_id, asked_by, question) values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000006', 'I en andens navn?')$$),
  '42501', 'a member cannot ask in another member''s name');
select is(tests.error_of($$select api.answer_information_request((select id from app.information_requests where question like 'Hvad koster en skoleplads%'), 'answered', 'Selvbetjent svar')$$),
  'PT404', 'a member cannot answer');
select is(tests.error_of($$select api.ask_for_information('a55e0b1e-0000-4000-8000-000000000001', 'fact', 'Hej')$$),
  '23514', 'a question needs a few words');

select tests.act_as('medlem06@demo.samraad.dk');
select is(tests.error_of($$select api.withdraw_information_request((select id from app.information_requests where question like 'Hvad koster en skoleplads%'))$$),
  'P0001 request_not_withdrawable', 'another member cannot withdraw it');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is((select count(*) from api.information_requests('a55e0b1e-0000-4000-8000-000000000001')), 0::bigint, 'a member of another assembly reads nothing');

select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from app.information_requests), 0::bigint, 'the council does not read the requests before handover');

select tests.act_as('facilitator@demo.samraad.dk');
select is((select asked_by_name from api.information_requests('a55e0b1e-0000-4000-8000-000000000001') where question like 'Hvad koster en skoleplads%'),
  'Hanne Andersen', 'the facilitator sees who asked');
select is(tests.error_of($$select api.answer_information_request((select id from app.information_requests where question like 'Hvad koster en skoleplads%'), 'answered', '  ')$$),
  'P0001 answer_required', 'an answer is required');
select is(tests.error_of($$select api.answer_information_request((select id from app.information_requests where question like 'Hvad koster en skoleplads%'), 'answered', 'Ca. 95.000 kr. om året.')$$),
  null, 'the facilitator answers');

select tests.act_as('medlem20@demo.samraad.dk');
select is((select answer from api.information_requests('a55e0b1e-0000-4000-8000-000000000001') where question like 'Hvad koster en skoleplads%'),
  'Ca. 95.000 kr. om året.', 'every member reads the answer');

select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.answer_information_request((select id from app.information_requests limit 1), 'declined', 'Nej')$$),
  'PT404', 'the other assembly''s administrator cannot answer');

select * from finish();
rollback;
