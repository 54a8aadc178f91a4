-- Deletion requests, one's own data and the retention machinery, per role: anon, member, another
-- member, council, a member of another assembly, the administrator of another assembly, and the
-- assembly's administrator.
begin;
select plan(20);

create temp table fixture (name text primary key, id uuid);
grant all on fixture to anon, authenticated;

-- anon --------------------------------------------------------------------------------------------
select tests.act_as(null);
select throws_ok($$select api.my_data()$$, '42501', null, 'anon has no data to download');
select throws_ok($$select api.request_deletion()$$, '42501', null, 'anon cannot ask for deletion');
select throws_ok($$select * from app.deletion_requests$$, '42501', null, 'anon cannot read deletion requests');
select throws_ok($$select private.run_retention(now())$$, '42501', null, 'anon cannot run the retention job');

-- a member ----------------------------------------------------------------------------------------
select tests.act_as('medlem04@demo.samraad.dk');
insert into fixture select 'request', api.request_deletion();
select is((select count(*) from app.deletion_requests), 1::bigint, 'a member reads their own request');
select throws_ok($$insert into app.deletion_requests (person_id) values ('c0000000-0000-4000-8000-000000000005')$$, '42501', null,
  'a member cannot file a request for someone else');
select throws_ok($$select * from private.retention_rules$$, '42501', null, 'a member cannot read the rules table directly');
select throws_ok($$select private.erase_person('c0000000-0000-4000-8000-000000000005')$$, '42501', null,
  'a member cannot erase anyone');
select throws_ok($$select api.run_retention()$$, '42501', null, 'a member cannot run the job');
select throws_ok($$select api.carry_out_deletion((select id from fixture where name = 'request'))$$, '42501', null,
  'a member cannot carry out their own request');

-- another member, the council, an outsider, another assembly's administrator ----------------------
select tests.act_as('medlem05@demo.samraad.dk');
select is((select count(*) from app.deletion_requests), 0::bigint, 'another member sees no one else''s request');
select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from api.deletion_requests('a55e0b1e-0000-4000-8000-000000000001')), 0::bigint,
  'the council does not see deletion requests');
select throws_ok($$select api.carry_out_deletion((select id from fixture where name = 'request'))$$, '42501', null,
  'the council cannot carry one out');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is((select count(*) from app.deletion_requests), 0::bigint, 'a member of another assembly sees nothing');
select tests.act_as('klima-admin@demo.samraad.dk');
select is((select count(*) from api.deletion_requests('a55e0b1e-0000-4000-8000-000000000001')), 0::bigint,
  'another assembly''s administrator does not see the request');
select throws_ok($$select api.carry_out_deletion((select id from fixture where name = 'request'))$$, '42501', null,
  'nor carry it out');

-- the administrator ---------------------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select is((select full_name from api.deletion_requests('a55e0b1e-0000-4000-8000-000000000001')),
  (select full_name from app.people where id = 'c0000000-0000-4000-8000-000000000004'),
  'the administrator sees the request with the person''s name');
select lives_ok($$select api.carry_out_deletion((select id from fixture where name = 'request'))$$, 'and carries it out');
select is(tests.error_of($$select api.carry_out_deletion((select id from fixture where name = 'request'))$$),
  'P0001 deletion_done', 'a request is carried out once');
reset role;
select is((select count(*) from auth.users where lower(email) = 'medlem04@demo.samraad.dk'), 0::bigint,
  'the member''s sign-in account is gone');
select * from finish();
rollback;
