-- app.welfare_areas: read with the assembly they belong to; only the assembly's administrators (and
-- platform administrators) add, change and remove them.
begin;
select plan(21);

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

-- Areas per assembly, as the current role sees them.
create function pg_temp.areas_seen() returns table (assembly_id uuid, areas bigint)
language sql as $$
  select w.assembly_id, count(*) from app.welfare_areas w group by 1 order by 1
$$;

-- anon -------------------------------------------------------------------------------------------
select pg_temp.act_as(null);
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint)$$,
  'anon reads the five welfare areas of the public assembly only');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 'Nyt område', 1)$$,
  '42501', null, 'anon cannot add a welfare area');

-- member of assembly 1 ---------------------------------------------------------------------------
select pg_temp.act_as('medlem01@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint)$$,
  'a member reads the welfare areas of their assembly only');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot change welfare areas');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 'Nyt område', 1)$$,
  '42501', null, 'a member cannot add a welfare area');
select is(pg_temp.affected($$delete from app.welfare_areas$$),
  0::bigint, 'a member cannot remove welfare areas');

-- facilitator and council of assembly 1 ----------------------------------------------------------
select pg_temp.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a facilitator cannot change welfare areas');
select pg_temp.act_as('byraad@demo.samraad.dk');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a council member cannot change welfare areas');

-- outsider: member of assembly 2 -----------------------------------------------------------------
select pg_temp.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint), ('a55e0b1e-0000-4000-8000-000000000002'::uuid, 1::bigint)$$,
  'a member of assembly 2 reads its area and those of the public assembly 1');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 0$$),
  0::bigint, 'a member of assembly 2 cannot change any welfare area');

-- administrator of assembly 1 --------------------------------------------------------------------
select pg_temp.act_as('admin@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint)$$,
  'the administrator of assembly 1 reads none of the areas of the non-public assembly 2');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 1200 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg'$$),
  1::bigint, 'the administrator changes a welfare area of their assembly');
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot change the areas of assembly 2');
select lives_ok($$insert into app.welfare_areas (assembly_id, position, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 6, 'Forsyning', 12.5)$$,
  'the administrator adds a welfare area to their assembly');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000002', 'Nyt område', 1)$$,
  '42501', null, 'the administrator of assembly 1 cannot add an area to assembly 2');
select throws_ok($$update app.welfare_areas set budget_mio = -1 where name = 'Forsyning'$$,
  '23514', null, 'a negative budget is refused (check constraint)');
select is(pg_temp.affected($$delete from app.welfare_areas where name = 'Forsyning'$$),
  1::bigint, 'the administrator removes a welfare area of their assembly');
select is(pg_temp.affected($$delete from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot remove the areas of assembly 2');

-- administrator of assembly 2 --------------------------------------------------------------------
select pg_temp.act_as('admin2@demo.samraad.dk');
select throws_ok($$update app.welfare_areas set assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' where name = 'Dagtilbud'$$,
  '42501', null, 'an administrator cannot move an area into an assembly they see but do not administer');

-- platform administrator -------------------------------------------------------------------------
select pg_temp.act_as('platform@demo.samraad.dk', true);
select is(pg_temp.affected($$update app.welfare_areas set budget_mio = 420 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  1::bigint, 'a platform administrator changes the areas of any assembly');

-- Once assembly 1 is not public, anon reads none of its areas ------------------------------------
reset role;
update app.assemblies set is_public = false where id = 'a55e0b1e-0000-4000-8000-000000000001';
select pg_temp.act_as(null);
select is_empty($$select * from app.welfare_areas$$, 'anon reads no welfare areas of a non-public assembly');

select * from finish();
rollback;
