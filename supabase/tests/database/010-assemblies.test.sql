-- app.assemblies: who reads which assemblies, and who may create, change and delete them.
-- Assembly 1 (…0001) is public with the seeded roles; assembly 2 (…0002) is not public.
begin;
select plan(25);

-- Impersonation, as the superuser session may: act_as(null) is anon; act_as(email) is the account
-- with that address, created on first use (which links the person with that e-mail);
-- act_as(email, true) is a platform administrator (app_metadata.platform_admin).
create function pg_temp.act_as(address text, platform_admin boolean default false) returns void
language plpgsql as $$
declare
  uid uuid;
begin
  perform set_config('role', 'none', true);
  if address is null then
    perform set_config('request.jwt.claims', '{"role":"anon"}', true);
    perform set_config('role', 'anon', true);
    return;
  end if;
  select u.id into uid from auth.users u where lower(u.email) = lower(address);
  if uid is null then
    insert into auth.users (email) values (address) returning id into uid;
  end if;
  perform set_config('request.jwt.claims', json_build_object('sub', uid, 'role', 'authenticated',
    'email', address, 'app_metadata', json_build_object('platform_admin', platform_admin))::text, true);
  perform set_config('role', 'authenticated', true);
end
$$;

-- How many rows a statement touched, as the current role (RLS filters silently: 0 means refused).
create function pg_temp.affected(statement text) returns bigint
language plpgsql as $$
declare
  n bigint;
begin
  execute statement;
  get diagnostics n = row_count;
  return n;
end
$$;

-- anon -------------------------------------------------------------------------------------------
select pg_temp.act_as(null);
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000001']::uuid[],
  'anon reads only the public assembly');
select throws_ok($$insert into app.assemblies (title, municipality) values ('Ny borgersamling', 'Vejle Kommune')$$,
  '42501', null, 'anon cannot create an assembly');
select throws_ok($$update app.assemblies set title = 'Overtaget'$$,
  '42501', null, 'anon cannot update an assembly');

-- member of assembly 1 ---------------------------------------------------------------------------
select pg_temp.act_as('medlem01@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000001']::uuid[],
  'a member reads their assembly and not the non-public assembly 2');
select is(pg_temp.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot update their assembly');
select is(pg_temp.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot delete their assembly');

-- facilitator, council, evaluator of assembly 1 --------------------------------------------------
select pg_temp.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a facilitator cannot update the assembly');
select pg_temp.act_as('byraad@demo.samraad.dk');
select is(pg_temp.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a council member cannot update the assembly');
select pg_temp.act_as('evaluator@demo.samraad.dk');
select is(pg_temp.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'an evaluator cannot update the assembly');

-- outsider: member of assembly 2 -----------------------------------------------------------------
select pg_temp.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select id from app.assemblies order by id$$,
  array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002']::uuid[],
  'a member of assembly 2 reads it, and assembly 1 because it is public');
select is(pg_temp.affected($$update app.assemblies set title = 'Overtaget'$$),
  0::bigint, 'a member of assembly 2 can update neither assembly');

-- administrator of assembly 1 --------------------------------------------------------------------
select pg_temp.act_as('admin@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000001']::uuid[],
  'the administrator of assembly 1 does not read the non-public assembly 2');
select is(pg_temp.affected($$update app.assemblies set charge = 'Nyt kommissorium' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  1::bigint, 'the administrator updates their assembly');
select is(pg_temp.affected($$update app.assemblies set title = 'Overtaget' where id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot update assembly 2');
select throws_ok($$update app.assemblies set last_session_on = first_session_on - 1 where id = 'a55e0b1e-0000-4000-8000-000000000001'$$,
  '23514', null, 'the last session cannot come before the first (check constraint)');
select throws_ok($$insert into app.assemblies (title, municipality) values ('Ny borgersamling', 'Vejle Kommune')$$,
  '42501', null, 'an administrator cannot create an assembly');
select is(pg_temp.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'an administrator cannot delete their assembly');

-- administrator of assembly 2 --------------------------------------------------------------------
select pg_temp.act_as('admin2@demo.samraad.dk');
select is(pg_temp.affected($$update app.assemblies set phase = 'recruitment' where id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  1::bigint, 'the administrator of assembly 2 updates it');
select is(pg_temp.affected($$update app.assemblies set phase = 'concluded' where id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'the administrator of assembly 2 cannot update the public assembly 1');

-- platform administrator -------------------------------------------------------------------------
select pg_temp.act_as('platform@demo.samraad.dk', true);
select results_eq($$select id from app.assemblies order by id$$,
  array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002']::uuid[],
  'a platform administrator reads every assembly');
select lives_ok($$insert into app.assemblies (id, title, municipality) values ('a55e0b1e-0000-4000-8000-0000000000ff', 'Ny borgersamling', 'Vejle Kommune')$$,
  'a platform administrator creates an assembly');
select is(pg_temp.affected($$delete from app.assemblies where id = 'a55e0b1e-0000-4000-8000-0000000000ff'$$),
  1::bigint, 'a platform administrator deletes an assembly');

-- Visibility follows is_public: once assembly 1 is not public, only its own people read it ----------
reset role;
update app.assemblies set is_public = false where id = 'a55e0b1e-0000-4000-8000-000000000001';
select pg_temp.act_as(null);
select is_empty($$select id from app.assemblies$$, 'anon reads no assembly when none is public');
select pg_temp.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000002']::uuid[],
  'the outsider no longer reads assembly 1 once it is not public');
select pg_temp.act_as('medlem01@demo.samraad.dk');
select results_eq($$select id from app.assemblies$$, array['a55e0b1e-0000-4000-8000-000000000001']::uuid[],
  'a member still reads their non-public assembly through their role');

select * from finish();
rollback;
