-- app.role_assignments: everyone reads their own roles; administrators and facilitators read their
-- assembly's; only administrators add and remove roles in their assembly, and no one edits a role.
-- Assembly 1 has 41 role assignments, assembly 2 has 3.
begin;
select plan(19);

-- Role assignments per assembly, as the current role sees them.
create function pg_temp.roles_seen() returns table (assembly_id uuid, roles bigint)
language sql as $$
  select ra.assembly_id, count(*) from app.role_assignments ra group by 1 order by 1
$$;

-- anon -------------------------------------------------------------------------------------------
select tests.act_as(null);
select is_empty($$select * from app.role_assignments$$, 'anon reads no role assignments');
select throws_ok($$insert into app.role_assignments (assembly_id, person_id, role) values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'admin')$$,
  '42501', null, 'anon cannot assign a role');

-- member of assembly 1 ---------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select assembly_id, person_id, role::text from app.role_assignments$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 'c0000000-0000-4000-8000-000000000001'::uuid, 'member')$$,
  'a member reads their own role only');
select throws_ok($$insert into app.role_assignments (assembly_id, person_id, role) values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'admin')$$,
  '42501', null, 'a member cannot make themselves an administrator');
select is(tests.affected($$delete from app.role_assignments$$),
  0::bigint, 'a member cannot remove roles');

-- facilitator, council, evaluator of assembly 1 --------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select results_eq($$select * from pg_temp.roles_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 41::bigint)$$,
  'a facilitator reads every role in their assembly and none elsewhere');
select throws_ok($$insert into app.role_assignments (assembly_id, person_id, role) values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'facilitator')$$,
  '42501', null, 'a facilitator cannot assign roles');
select is(tests.affected($$delete from app.role_assignments where person_id = 'c0000000-0000-4000-8000-000000000002'$$),
  0::bigint, 'a facilitator cannot remove roles');
select tests.act_as('byraad@demo.samraad.dk');
select results_eq($$select person_id, role::text from app.role_assignments$$,
  $$values ('b0000000-0000-4000-8000-000000000004'::uuid, 'council')$$,
  'a council member reads their own role only');
select tests.act_as('evaluator@demo.samraad.dk');
select results_eq($$select person_id, role::text from app.role_assignments$$,
  $$values ('b0000000-0000-4000-8000-000000000005'::uuid, 'evaluator')$$,
  'an evaluator reads their own role only');

-- outsider: member of assembly 2 -----------------------------------------------------------------
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select assembly_id, person_id, role::text from app.role_assignments$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000002'::uuid, 'd0000000-0000-4000-8000-000000000001'::uuid, 'member')$$,
  'a member of assembly 2 reads their own role and none of assembly 1');

-- administrator of assembly 1 --------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select results_eq($$select * from pg_temp.roles_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 41::bigint)$$,
  'the administrator reads every role in their assembly and none of assembly 2');
select lives_ok($$insert into app.role_assignments (assembly_id, person_id, role) values ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'council')$$,
  'the administrator assigns a role in their assembly');
select throws_ok($$insert into app.role_assignments (assembly_id, person_id, role) values ('a55e0b1e-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000001', 'admin')$$,
  '42501', null, 'the administrator of assembly 1 cannot make themselves administrator of assembly 2');
select is(tests.affected($$update app.role_assignments set role = 'facilitator' where person_id = 'c0000000-0000-4000-8000-000000000002' and role = 'member'$$),
  0::bigint, 'no one edits a role in place: roles are added and removed');
select is(tests.affected($$delete from app.role_assignments where person_id = 'c0000000-0000-4000-8000-000000000002' and role = 'council'$$),
  1::bigint, 'the administrator removes a role in their assembly');
select is(tests.affected($$delete from app.role_assignments where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot remove roles in assembly 2');

-- administrator of assembly 2 and platform administrator -----------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select * from pg_temp.roles_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000002'::uuid, 4::bigint)$$,
  'the administrator of assembly 2 reads its four roles only');
select tests.act_as('platform@demo.samraad.dk', true);
select results_eq($$select * from pg_temp.roles_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 41::bigint), ('a55e0b1e-0000-4000-8000-000000000002'::uuid, 4::bigint), ('a55e0b1e-0000-4000-8000-000000000003'::uuid, 15::bigint)$$,
  'a platform administrator reads every role');

select * from finish();
rollback;
