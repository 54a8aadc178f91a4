-- app.assemblies: who reads which assemblies, and who may create, change and delete them.
-- Assembly 1 (…0001) is public with the seeded roles; assembly 2 (…0002) is not public; assembly 3
-- (…0003, handed over) is public with people of its own.
begin;
select plan(25);

-- anon -------------------------------------------------------------------------------------------
select tests.act_as(null);
select results_eq($$select id from app.assemblies order by id$$, array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'anon reads only the public assemblies');
select throws_ok($$insert into app.assemblies (title, municipality) values ('Ny borgersamling', 'Vejle Kommune')$$,
  '42501', null, 'anon cannot create an assembly');
select throws_ok($$update app.assemblies set title = 'Overtaget'$$,
  '42501', null, 'anon cannot update an assembly');

-- member of assembly 1 ---------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select id from app.assemblies order by id$$, array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'a member reads their assembly and the public assembly 3, not the non-public assembly 2');
select is(tests.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot update their assembly');
select is(tests.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot delete their assembly');

-- facilitator, council, evaluator of assembly 1 --------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a facilitator cannot update the assembly');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a council member cannot update the assembly');
select tests.act_as('evaluator@demo.samraad.dk');
select is(tests.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'an evaluator cannot update the assembly');

-- outsider: member of assembly 2 -----------------------------------------------------------------
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select id from app.assemblies order by id$$,
  array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'a member of assembly 2 reads it, and assemblies 1 and 3 because they are public');
select is(tests.affected($$update app.assemblies set title = 'Overtaget'$$),
  0::bigint, 'a member of assembly 2 can update neither assembly');

-- administrator of assembly 1 --------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select results_eq($$select id from app.assemblies order by id$$, array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'the administrator of assembly 1 does not read the non-public assembly 2');
select is(tests.affected($$update app.assemblies set charge = 'Nyt kommissorium' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  1::bigint, 'the administrator updates their assembly');
select is(tests.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot update assembly 2');
select throws_ok($$update app.assemblies set last_session_on = first_session_on - 1 where id = 'a55e0b1e-0000-4000-8000-000000000001'$$,
  '23514', null, 'the last session cannot come before the first (check constraint)');
select throws_ok($$insert into app.assemblies (title, municipality) values ('Ny borgersamling', 'Vejle Kommune')$$,
  '42501', null, 'an administrator cannot create an assembly');
select is(tests.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'an administrator cannot delete their assembly');

-- administrator of assembly 2 --------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.affected($$update app.assemblies set phase = 'recruitment' where id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  1::bigint, 'the administrator of assembly 2 updates it');
select is(tests.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'the administrator of assembly 2 cannot update the public assembly 1');

-- platform administrator -------------------------------------------------------------------------
select tests.act_as('platform@demo.samraad.dk', true);
select results_eq($$select id from app.assemblies order by id$$,
  array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'a platform administrator reads every assembly');
select lives_ok($$insert into app.assemblies (id, title, municipality) values ('a55e0b1e-0000-4000-8000-0000000000ff', 'Ny borgersamling', 'Vejle Kommune')$$,
  'a platform administrator creates an assembly');
select is(tests.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-0000000000ff'$$),
  1::bigint, 'a platform administrator deletes an assembly');

-- Visibility follows is_public: once assemblies 1 and 3 are not public, only their own people read them
reset role;
update app.assemblies set is_public = false where id in ('a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003');
select tests.act_as(null);
select is_empty($$select id from app.assemblies$$, 'anon reads no assembly when none is public');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000002']::uuid[],
  'the outsider no longer reads assembly 1 once it is not public');
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000001']::uuid[],
  'a member still reads their non-public assembly through their role');

select * from finish();
rollback;
