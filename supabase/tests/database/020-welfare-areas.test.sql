-- app.welfare_areas: read with the assembly they belong to; only the assembly's administrators (and
-- platform administrators) add, change and remove them.
begin;
select plan(21);

-- Areas per assembly, as the current role sees them.
create function pg_temp.areas_seen() returns table (assembly_id uuid, areas bigint)
language sql as $$
  select w.assembly_id, count(*) from app.welfare_areas w group by 1 order by 1
$$;

-- anon -------------------------------------------------------------------------------------------
select tests.act_as(null);
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint), ('a55e0b1e-0000-4000-8000-000000000003'::uuid, 3::bigint)$$,
  'anon reads the five welfare areas of the public assembly only');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 'Nyt område', 1)$$,
  '42501', null, 'anon cannot add a welfare area');

-- member of assembly 1 ---------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint), ('a55e0b1e-0000-4000-8000-000000000003'::uuid, 3::bigint)$$,
  'a member reads the welfare areas of their assembly only');
select is(tests.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a member cannot change welfare areas');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 'Nyt område', 1)$$,
  '42501', null, 'a member cannot add a welfare area');
select is(tests.affected($$delete from app.welfare_areas$$),
  0::bigint, 'a member cannot remove welfare areas');

-- facilitator and council of assembly 1 ----------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a facilitator cannot change welfare areas');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'$$),
  0::bigint, 'a council member cannot change welfare areas');

-- outsider: member of assembly 2 -----------------------------------------------------------------
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint), ('a55e0b1e-0000-4000-8000-000000000002'::uuid, 1::bigint), ('a55e0b1e-0000-4000-8000-000000000003'::uuid, 3::bigint)$$,
  'a member of assembly 2 reads its area and those of the public assembly 1');
select is(tests.affected($$update app.welfare_areas set budget_mio = 0$$),
  0::bigint, 'a member of assembly 2 cannot change any welfare area');

-- administrator of assembly 1 --------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select results_eq($$select * from pg_temp.areas_seen()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, 5::bigint), ('a55e0b1e-0000-4000-8000-000000000003'::uuid, 3::bigint)$$,
  'the administrator of assembly 1 reads none of the areas of the non-public assembly 2');
select is(tests.affected($$update app.welfare_areas set budget_mio = 1200 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg'$$),
  1::bigint, 'the administrator changes a welfare area of their assembly');
select is(tests.affected($$update app.welfare_areas set budget_mio = 0 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot change the areas of assembly 2');
select lives_ok($$insert into app.welfare_areas (assembly_id, position, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000001', 6, 'Forsyning', 12.5)$$,
  'the administrator adds a welfare area to their assembly');
select throws_ok($$insert into app.welfare_areas (assembly_id, name, budget_mio) values ('a55e0b1e-0000-4000-8000-000000000002', 'Nyt område', 1)$$,
  '42501', null, 'the administrator of assembly 1 cannot add an area to assembly 2');
select throws_ok($$update app.welfare_areas set budget_mio = -1 where name = 'Forsyning'$$,
  '23514', null, 'a negative budget is refused (check constraint)');
select is(tests.affected($$delete from app.welfare_areas where name = 'Forsyning'$$),
  1::bigint, 'the administrator removes a welfare area of their assembly');
select is(tests.affected($$delete from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  0::bigint, 'the administrator of assembly 1 cannot remove the areas of assembly 2');

-- administrator of assembly 2 --------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select throws_ok($$update app.welfare_areas set assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' where name = 'Dagtilbud'$$,
  '42501', null, 'an administrator cannot move an area into an assembly they see but do not administer');

-- platform administrator -------------------------------------------------------------------------
select tests.act_as('platform@demo.samraad.dk', true);
select is(tests.affected($$update app.welfare_areas set budget_mio = 420 where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$),
  1::bigint, 'a platform administrator changes the areas of any assembly');

-- Once assembly 1 is not public, anon reads none of its areas ------------------------------------
reset role;
update app.assemblies set is_public = false where id in ('a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003');
select tests.act_as(null);
select is_empty($$select * from app.welfare_areas$$, 'anon reads no welfare areas of a non-public assembly');

select * from finish();
rollback;
