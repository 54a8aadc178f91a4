-- Retention and deletion: every table with personal data has a rule; the job deletes nothing before
-- its time and everything after it, keeping counts, roles, authorship and the chain; members export
-- their own data and ask for deletion; only their administrators carry it out; no caller runs the job.
begin;
select plan(26);

-- Every column that holds a name, an address or contact details is covered by a rule ----------------
select is_empty($$
  select c.table_schema || '.' || c.table_name from information_schema.columns c
  join pg_class k on k.relname = c.table_name and k.relnamespace = c.table_schema::regnamespace and k.relkind = 'r'
  where c.table_schema in ('app', 'auth') and c.column_name in ('email', 'phone', 'full_name', 'address_line', 'recipient_name')
  except select table_name from private.retention_rules$$,
  'every table with a name, an address, an e-mail or a phone number has a retention rule');
select ok((select bool_and(to_regclass(table_name) is not null) from private.retention_rules),
  'every rule names a table that exists');

-- The day-care assembly is drawn on 1 March 2027: three selected, 87 left in the pool ----------------
create temp table before_report as select private.representativeness('a55e0b1e-0000-4000-8000-000000000002') as report;
insert into app.draws (id, assembly_id, status, random_sources, commitment, commitment_hash, bundle, seed, committed_at, drawn_at)
values ('d0000000-0000-4000-8000-0000000000a1', 'a55e0b1e-0000-4000-8000-000000000002', 'drawn',
  '[{"name": "Lotto", "description": "x"}]', '{"k": 3}', repeat('a', 64), '{"draw": {"panel": ["1","2","3"]}}', repeat('b', 64),
  '2027-02-28 12:00+01', '2027-03-01 12:00+01');
update app.registrations set status = 'selected', draw_id = 'd0000000-0000-4000-8000-0000000000a1'
where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and registration_number <= 3;
select is(private.representativeness('a55e0b1e-0000-4000-8000-000000000002') #>> '{0,features,0,registered}',
  (select report #>> '{0,features,0,registered}' from before_report), 'the report counts the pool before retention');

select is((private.run_retention('2027-03-20 12:00+01') ->> 'registrations_not_selected')::int, 0,
  'within the appeal period, no registration is deleted');
select is((select count(*) from app.registrations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'), 90::bigint,
  'all 90 remain');
select is((private.run_retention('2027-03-30 12:00+01') ->> 'registrations_not_selected')::int, 87,
  'after the appeal period, the 87 not selected are deleted');
select is_empty($$select 1 from app.registrations where email like 'frivillig%@example.dk' and status = 'pool'$$,
  'no pool registration remains');
select is((select count(*) from app.registration_answers ra join app.registrations r on r.id = ra.registration_id
           where r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and r.status = 'pool'), 0::bigint,
  'nor their demographic answers');
select is(private.representativeness('a55e0b1e-0000-4000-8000-000000000002'),
  (select report from before_report) , 'the representativeness report shows the same numbers as before');
select is((select count(*) from app.invitations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'), 0::bigint,
  'the invitation addresses are deleted with them');
select isnt((select bundle from app.draws where id = 'd0000000-0000-4000-8000-0000000000a1'), null,
  'the draw''s bundle is untouched');

-- The handed-over assembly's contact details expire on its evaluation date (1 September 2027) ----------
select is((private.run_retention('2027-09-01 12:00+02') ->> 'people')::int, 0, 'on the evaluation date nobody is erased');
select is((select email from app.people where id = 'c0000000-0000-4000-8000-000000000301'), 'klima01@demo.samraad.dk',
  'a member''s e-mail is still there');
select ok((private.run_retention('2027-09-02 12:00+02') ->> 'people')::int >= 15, 'the day after, the assembly''s people are erased');
select is((select row(full_name, email, phone, user_id)::text from app.people where id = 'c0000000-0000-4000-8000-000000000301'),
  row('Slettet', null::text, null::text, null::uuid)::text, 'name, e-mail, phone and account link are gone');
select is((select count(*) from app.role_assignments where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and role = 'member'),
  12::bigint, 'the member count is unchanged (the row stays as a pseudonym)');
select is((select count(*) from app.recommendation_versions where author_person_id = 'c0000000-0000-4000-8000-000000000301'), 1::bigint,
  'authorship of a frozen recommendation stays');
select is((select email from app.people where id = 'c0000000-0000-4000-8000-000000000001'), 'medlem01@demo.samraad.dk',
  'the welfare assembly (evaluation 2028) keeps its members'' details');
select ok(exists (select 1 from app.audit_log where action = 'retention.run'), 'each run that deleted something is in the audit chain');

-- Own data and deletion requests --------------------------------------------------------------------
select tests.act_as('medlem02@demo.samraad.dk');
select is((api.my_data() #>> '{people,0,email}'), 'medlem02@demo.samraad.dk', 'a member downloads their own data');
select ok(api.my_data()::text not like '%medlem03%', 'and nobody else''s');
select is(api.request_deletion(), api.request_deletion(), 'asking twice records one request');
select tests.act_as('facilitator@demo.samraad.dk');
select throws_ok($$select api.carry_out_deletion((select id from app.deletion_requests limit 1))$$, '42501', null,
  'a facilitator cannot carry out a deletion');
select tests.act_as('admin@demo.samraad.dk');
select lives_ok($$select api.carry_out_deletion((select id from api.deletion_requests('a55e0b1e-0000-4000-8000-000000000001') limit 1))$$,
  'the administrator carries it out');
reset role;
select is((select row(full_name, email, user_id)::text from app.people where id = 'c0000000-0000-4000-8000-000000000002'),
  row('Slettet', null::text, null::uuid)::text, 'and the member is erased at once');

-- Nobody but the owner and the service role runs the job -----------------------------------------------
select tests.act_as(null);
select throws_ok($$select api.run_retention()$$, '42501', null, 'anon cannot run the retention job');
select * from finish();
rollback;
