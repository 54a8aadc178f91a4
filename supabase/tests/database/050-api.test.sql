-- The api functions run as the caller (security invoker), so the policies of app decide what each
-- role gets back: who may call what, what it returns per role, and the errors it raises.
begin;
select plan(29);

-- whoami, list_assemblies, my_assemblies ---------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select is(api.whoami() -> 'person' ->> 'id', 'c0000000-0000-4000-8000-000000000001',
  'whoami names the person linked to the signed-in account');
select results_eq($$select id, roles::text[] from api.my_assemblies()$$,
  $$values ('a55e0b1e-0000-4000-8000-000000000001'::uuid, array['member'])$$,
  'my_assemblies lists a member''s assembly with their role');
select tests.act_as(null);
select results_eq($$select id from api.list_assemblies() order by id$$, array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'list_assemblies gives anon the public assemblies only');
select throws_ok($$select * from api.my_assemblies()$$, '42501', null, 'anon cannot call my_assemblies');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select results_eq($$select id from api.list_assemblies() order by id$$,
  array['a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000003']::uuid[],
  'list_assemblies gives the outsider their own assembly and the public ones');

-- get_assembly -----------------------------------------------------------------------------------
select tests.act_as(null);
select is(jsonb_array_length(api.get_assembly('a55e0b1e-0000-4000-8000-000000000001') -> 'welfare_areas'), 5,
  'get_assembly gives anon the public assembly with its five welfare areas');
select is(api.get_assembly('a55e0b1e-0000-4000-8000-000000000001') -> 'role_counts',
  '{"admin": 1, "facilitator": 2, "member": 36, "council": 1, "evaluator": 1}'::jsonb,
  'get_assembly counts the roles of a public assembly for anon, without naming anyone');
select throws_ok($$select api.get_assembly('a55e0b1e-0000-4000-8000-000000000002')$$, 'PT404', null,
  'get_assembly raises PT404 to anon for the non-public assembly');
select tests.act_as('admin@demo.samraad.dk');
select throws_ok($$select api.get_assembly('a55e0b1e-0000-4000-8000-000000000002')$$, 'PT404', null,
  'get_assembly raises PT404 to the administrator of assembly 1 for assembly 2');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(api.get_assembly('a55e0b1e-0000-4000-8000-000000000002') -> 'my_roles', '["member"]'::jsonb,
  'get_assembly gives a member their non-public assembly with their roles in it');

-- assembly_people --------------------------------------------------------------------------------
select tests.act_as(null);
select throws_ok($$select * from api.assembly_people('a55e0b1e-0000-4000-8000-000000000001')$$, '42501', null,
  'anon cannot call assembly_people');
select tests.act_as('admin@demo.samraad.dk');
select results_eq($$select count(*), count(email), count(phone) from api.assembly_people('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values (41::bigint, 41::bigint, 3::bigint)$$,
  'assembly_people gives the administrator everyone with their contact details');
select is_empty($$select * from api.assembly_people('a55e0b1e-0000-4000-8000-000000000002')$$,
  'assembly_people gives the administrator of assembly 1 no one of assembly 2');
select tests.act_as('facilitator@demo.samraad.dk');
select results_eq($$select count(full_name), count(email), count(phone) from api.assembly_people('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values (41::bigint, 0::bigint, 0::bigint)$$,
  'assembly_people gives a facilitator names but no contact details');
select tests.act_as('medlem01@demo.samraad.dk');
select results_eq($$select person_id from api.assembly_people('a55e0b1e-0000-4000-8000-000000000001')$$,
  array['c0000000-0000-4000-8000-000000000001']::uuid[],
  'assembly_people gives a member no one but themselves');

-- update_assembly and update_welfare_area --------------------------------------------------------
select throws_ok($$select api.update_assembly('a55e0b1e-0000-4000-8000-000000000001', 'Overtaget', '', 'Hedensted Kommune', 'concluded', false)$$,
  '42501', null, 'update_assembly refuses a member');
select throws_ok($$select api.update_welfare_area((select id from app.welfare_areas where name = 'Social omsorg'), 'Social omsorg', '', 0)$$,
  '42501', null, 'update_welfare_area refuses a member');
select throws_ok($$select api.add_person_with_role('a55e0b1e-0000-4000-8000-000000000001', 'Ny Deltager', 'ny.deltager@example.com', 'admin')$$,
  '42501', null, 'add_person_with_role refuses a member');
select tests.act_as('admin@demo.samraad.dk');
select is(api.update_assembly('a55e0b1e-0000-4000-8000-000000000001', 'Velfærdsborgersamlingen 2027', 'Kommissorium', 'Hedensted Kommune', 'drafting', true) ->> 'phase',
  'drafting', 'update_assembly lets the administrator change their assembly');
select throws_ok($$select api.update_assembly('a55e0b1e-0000-4000-8000-000000000002', 'Overtaget', '', 'Hedensted Kommune', 'concluded', true)$$,
  '42501', null, 'update_assembly refuses the administrator of assembly 1 for assembly 2');
select is(api.update_welfare_area((select id from app.welfare_areas where name = 'Social omsorg'), 'Social omsorg', 'Ældre og sundhed', 1200.5) ->> 'budget_mio',
  '1200.5', 'update_welfare_area lets the administrator set a budget');
select throws_ok($$select api.update_welfare_area((select id from app.welfare_areas where name = 'Social omsorg'), 'Social omsorg', '', -1)$$,
  '23514', null, 'update_welfare_area refuses a negative budget');

-- add_person_with_role and remove_role -----------------------------------------------------------
select lives_ok($$select api.add_person_with_role('a55e0b1e-0000-4000-8000-000000000001', 'Ny Deltager', 'Ny.Deltager@Example.com', 'member')$$,
  'add_person_with_role lets the administrator add a new person');
select results_eq($$select full_name, email, roles::text[] from api.assembly_people('a55e0b1e-0000-4000-8000-000000000001') where email = 'ny.deltager@example.com'$$,
  $$values ('Ny Deltager', 'ny.deltager@example.com', array['member'])$$,
  'the new person is in the assembly with their role and a lower-cased e-mail');
select is(api.add_person_with_role('a55e0b1e-0000-4000-8000-000000000001', 'Pia T.', 'dagtilbud01@demo.samraad.dk', 'council'),
  'd0000000-0000-4000-8000-000000000001'::uuid, 'add_person_with_role reuses a person who takes part elsewhere');
select throws_ok($$select api.add_person_with_role('a55e0b1e-0000-4000-8000-000000000001', 'Ny Deltager', 'ny.deltager@example.com', 'member')$$,
  '23505', null, 'add_person_with_role refuses a role the person already has');
select throws_ok($$select api.add_person_with_role('a55e0b1e-0000-4000-8000-000000000002', 'Ny Deltager', 'ny.deltager@example.com', 'admin')$$,
  '42501', null, 'add_person_with_role refuses the administrator of assembly 1 for assembly 2');
select lives_ok($$select api.remove_role('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002', 'member')$$,
  'remove_role lets the administrator remove a role');
select tests.act_as('facilitator@demo.samraad.dk');
select throws_ok($$select api.remove_role('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000003', 'member')$$,
  'PT404', null, 'remove_role removes nothing for a facilitator');

select * from finish();
rollback;
