-- Recruitment: who reads and writes quotas, invitation codes, registrations and demographic answers,
-- and the rules api.register and api.register_by_staff enforce.
-- Assembly 1 (…0001) is public, its registration closed on 2026-09-18; assembly 2 (…0002) is not
-- public and recruiting (first session 2027-03-04) with six unused codes. Contact details,
-- demographic answers and codes are for the assembly's administrators only; quotas are as public as
-- the assembly. Tests marked TODO state the intended behaviour where the migrations have a bug.
begin;
select plan(118);

-- The demo seeds the welfare panel's registrations into assembly 1 and 90 volunteers into assembly 2;
-- these tests count from an empty pool.
delete from app.registrations where assembly_id in ('a55e0b1e-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002');

-- What the current role can read of the confidential tables, all assemblies together. A select the
-- role has no privilege for (42501) reads nothing, like a select RLS filters to no rows.
create function pg_temp.confidential_seen() returns text
language plpgsql as $$
declare
  seen text[] := '{}';
  relation text;
  n bigint;
begin
  foreach relation in array array['registrations', 'registration_answers', 'invitations', 'invitation_batches'] loop
    begin
      execute format('select count(*) from app.%I', relation) into n;
    exception when insufficient_privilege then
      n := 0;
    end;
    seen := seen || format('%s %s', n, relation);
  end loop;
  return array_to_string(seen, ', ');
end
$$;

-- What the current role can read of the quotas, per assembly: 'categories/features/settings'.
create function pg_temp.quotas_seen() returns text
language sql as $$
  select string_agg(format('%s/%s/%s',
    (select count(*) from app.categories c where c.assembly_id = a.id),
    (select count(*) from app.features f join app.categories c on c.id = f.category_id where c.assembly_id = a.id),
    (select count(*) from app.recruitment_settings s where s.assembly_id = a.id)), ' · ' order by a.id)
  from (values ('a55e0b1e-0000-4000-8000-000000000001'::uuid), ('a55e0b1e-0000-4000-8000-000000000002')) a (id)
$$;

-- Rows the current role manages to write, statement by statement: a refusal by privilege or by a
-- policy's check (42501) counts as none, a statement RLS filters to no rows touches none.
create function pg_temp.rows_written(statements text[]) returns bigint
language plpgsql as $$
declare
  total bigint := 0;
  n bigint;
  statement text;
begin
  foreach statement in array statements loop
    begin
      execute statement;
      get diagnostics n = row_count;
      total := total + n;
    exception when insufficient_privilege then
      null;
    end;
  end loop;
  return total;
end
$$;

-- Every kind of write to the registrations, answers and invitations of assembly 2.
create function pg_temp.confidential_written() returns bigint
language sql as $$
  select pg_temp.rows_written(array[
    $q$update app.registrations set support_note = support_note where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$,
    $q$update app.registration_answers set feature_id = feature_id
       where category_id in ('ca000000-0000-4000-8000-000000000011', 'ca000000-0000-4000-8000-000000000012', 'ca000000-0000-4000-8000-000000000013')$q$,
    $q$update app.invitations set used_at = null where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$,
    $q$update app.invitation_batches set label = label where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$,
    $q$insert into app.registrations (assembly_id, registration_number, full_name, email, birth_year, address_line, postal_code, household_key, consent_at)
       values ('a55e0b1e-0000-4000-8000-000000000002', 99, 'Indtrængende', 'ind@example.com', 1980, 'Vej 1', '8722', 'x', now())$q$,
    $q$insert into app.invitation_batches (assembly_id, label, mode) values ('a55e0b1e-0000-4000-8000-000000000002', 'Indtrængende', 'codes')$q$,
    $q$insert into app.invitations (assembly_id, batch_id, code)
       values ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'QQQQQQQQQQQ')$q$,
    $q$delete from app.registration_answers
       where category_id in ('ca000000-0000-4000-8000-000000000011', 'ca000000-0000-4000-8000-000000000012', 'ca000000-0000-4000-8000-000000000013')$q$,
    $q$delete from app.registrations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$,
    $q$delete from app.invitations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$,
    $q$delete from app.invitation_batches where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$q$
  ])
$$;

-- Every kind of write to the quotas and settings of an assembly (feature ids from the snapshot below).
create function pg_temp.quotas_written(assembly uuid) returns bigint
language sql as $$
  select pg_temp.rows_written(array[
    format('update app.categories set question = question where assembly_id = %L', assembly),
    format('update app.features set max = max where id in (select id from pg_temp.feature_ids where assembly_id = %L)', assembly),
    format('update app.recruitment_settings set panel_size = panel_size where assembly_id = %L', assembly),
    format('insert into app.categories (assembly_id, name) values (%L, %L)', assembly, 'Indtrængende'),
    format('insert into app.features (category_id, name) select category_id, %L from pg_temp.feature_ids where assembly_id = %L limit 1', 'Indtrængende', assembly),
    format('delete from app.features where id in (select id from pg_temp.feature_ids where assembly_id = %L)', assembly),
    format('delete from app.categories where assembly_id = %L', assembly),
    format('delete from app.recruitment_settings where assembly_id = %L', assembly)
  ])
$$;

-- Feature ids, snapshotted as the superuser (assembly 2's quotas are not readable by anon, who
-- still has to answer with them), and the answers of a registration form by feature name.
create temp table feature_ids as
  select c.assembly_id, f.category_id, f.id, f.name from app.features f join app.categories c on c.id = f.category_id;
grant select on feature_ids to anon, authenticated;
create function pg_temp.feature(category uuid, feature_name text) returns uuid
language sql stable as $$
  select f.id from pg_temp.feature_ids f where f.category_id = category and f.name = feature_name
$$;
-- Assembly 2: Køn and Småbørnsforælder are chosen; Alder follows from the birth year.
create function pg_temp.answers_2(gender text, small_children text) returns jsonb
language sql stable as $$
  select jsonb_strip_nulls(jsonb_build_object(
    'ca000000-0000-4000-8000-000000000011', pg_temp.feature('ca000000-0000-4000-8000-000000000011', gender),
    'ca000000-0000-4000-8000-000000000013', pg_temp.feature('ca000000-0000-4000-8000-000000000013', small_children)))
$$;

-- Assembly 2 closes registration on 2027-01-15: keep it open whatever day the suite runs.
update app.assemblies
set registration_closes_on = greatest(registration_closes_on, (now() at time zone 'Europe/Copenhagen')::date + 30)
where id = 'a55e0b1e-0000-4000-8000-000000000002';

-- registration_form: what the holder of a code sees -------------------------------------------------
select tests.act_as(null);
select is(api.registration_form('9P3SBFUVZRU') ->> 'title', 'Borgersamling om fremtidens dagtilbud',
  'registration_form gives anon with a code the title of the non-public assembly');
select is(api.registration_form('9P3SBFUVZRU') -> 'used', 'false'::jsonb,
  'registration_form: an unused code is not used');
select is(api.registration_form('9P3SBFUVZRU') -> 'closed', 'false'::jsonb,
  'registration_form: registration for assembly 2 is open');
select is(array(select jsonb_object_keys(api.registration_form('9P3SBFUVZRU')) order by 1),
  array['assembly_id', 'categories', 'closed', 'first_session_on', 'last_session_on', 'municipality',
        'privacy_notice', 'registration_closes_on', 'sessions', 'title', 'used'],
  'registration_form gives the form and the planned dates, nothing else of the assembly (no charge, phase, registrations, invitations or people)');
select is(api.registration_form(' 9p3s-bfuv zru ') ->> 'assembly_id', 'a55e0b1e-0000-4000-8000-000000000002',
  'registration_form reads a code in lower case with dashes and spaces');
select is(tests.error_of($$select api.registration_form('ZZZZZZZZZZZ')$$), 'PT404 code_unknown',
  'registration_form raises PT404 code_unknown for a code that does not exist');
select is(jsonb_path_query_array(api.registration_form('9P3SBFUVZRU'), '$.categories[*].name'),
  '["Køn", "Alder", "Småbørnsforælder"]'::jsonb,
  'registration_form lists the questions of the non-public assembly in order');
select is(jsonb_path_query_array(api.registration_form('9P3SBFUVZRU'), '$.categories[*] ? (@.kind == "birth_year").features[*].name'),
  '["16–34 år", "35–59 år", "60 år og derover"]'::jsonb,
  'registration_form includes the birth-year category with its age bands');
select ok(char_length(api.registration_form('9P3SBFUVZRU') ->> 'privacy_notice') > 0,
  'registration_form shows the privacy notice of the non-public assembly');
select isnt(tests.error_of($$select private.assembly_for_registration('a55e0b1e-0000-4000-8000-000000000002')$$), null,
  'anon cannot read the non-public assembly by id through a private helper');

-- register: a citizen with a code -------------------------------------------------------------------
select is(api.register('9P3SBFUVZRU', 'Anna Andersen', 1990, 'Søndergade 12', '8722', true,
    pg_temp.answers_2('Kvinde', 'Ja'), email => ' Anna.Andersen@Example.com ', city => 'Hedensted'),
  '{"registration_number": 1, "assembly_title": "Borgersamling om fremtidens dagtilbud"}'::jsonb,
  'register lets anon register with a valid code and returns registration number 1');
select is(tests.error_of($$select api.register('9P3SBFUVZRU', 'Anden Person', 1980, 'Vej 1', '8722', true,
    pg_temp.answers_2('Mand', 'Nej'), email => 'anden@example.com')$$),
  'P0001 code_used', 'register refuses a code that has been used (P0001 code_used)');
select is(tests.error_of($$select api.register('ZZZZZZZZZZZ', 'Anden Person', 1980, 'Vej 1', '8722', true,
    pg_temp.answers_2('Mand', 'Nej'), email => 'anden@example.com')$$),
  'PT404 code_unknown', 'register refuses an unknown code (PT404 code_unknown)');
select is(api.register('wf3a-xn2b-l85', 'Bo Bak', 2011, '  søndergade   12 ', '8722', true,
    pg_temp.answers_2('Mand', 'Ja'), phone => '+45 20 00 00 02') -> 'registration_number', '2'::jsonb,
  'register reads a lower-case code with dashes, takes a phone number without e-mail, and numbers on (2)');
select is(tests.error_of($$select api.register('6VYXMY854YK', 'Eva Uden Svar', 1980, 'Bygaden 41', '7160', true,
    jsonb_build_object('ca000000-0000-4000-8000-000000000011', pg_temp.feature('ca000000-0000-4000-8000-000000000011', 'Kvinde')),
    email => 'eva@example.com')$$),
  'P0001 answer_missing:ca000000-0000-4000-8000-000000000013',
  'register refuses a form without an answer to a choice question, naming the category');
select is(api.registration_form('6VYXMY854YK') -> 'used', 'false'::jsonb,
  'the refused registration left its code unused');
select is(tests.error_of($$select api.register('6VYXMY854YK', 'Eva Ung', 2015, 'Bygaden 41', '7160', true,
    pg_temp.answers_2('Kvinde', 'Nej'), email => 'eva@example.com')$$),
  'P0001 age_out_of_range', 'register refuses a birth year outside every age band (12 years at the first session)');
select is(tests.error_of($$select api.register('6VYXMY854YK', 'Eva Uden Samtykke', 1980, 'Bygaden 41', '7160', false,
    pg_temp.answers_2('Kvinde', 'Nej'), email => 'eva@example.com')$$),
  'P0001 consent_required', 'register refuses a form without consent');
select is(tests.error_of($$select api.register('6VYXMY854YK', 'Eva Uden Kontakt', 1980, 'Bygaden 41', '7160', true,
    pg_temp.answers_2('Kvinde', 'Nej'), email => '  ', phone => null)$$),
  'P0001 contact_required', 'register refuses a form with neither e-mail nor phone');
select is(tests.error_of($$select api.register('6VYXMY854YK', 'Anna Igen', 1980, 'Bygaden 41', '7160', true,
    pg_temp.answers_2('Kvinde', 'Nej'), email => 'ANNA.andersen@example.com')$$),
  '23505 email_taken', 'register refuses an e-mail address already registered for the assembly, whatever its case');
select is(api.register('6VYXMY854YK', 'Carl Christensen', 1955, 'Bygaden 41', '7160', true,
    pg_temp.answers_2('Mand', 'Nej'), email => 'carl@example.com') -> 'registration_number', '3'::jsonb,
  'the refused attempts took no registration number: the next is 3');
select is(api.registration_form('9P3SBFUVZRU') -> 'used', 'true'::jsonb,
  'registration_form reports a code that has been used');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'phone', 'Anon Ringer', 1980,
    'Vej 1', '8722', true, pg_temp.answers_2('Mand', 'Nej'), phone => '12345678')$$),
  '42501', 'anon cannot call register_by_staff');
select is(tests.error_of($$select private.create_registration('a55e0b1e-0000-4000-8000-000000000002', null, 'phone',
    'Uden Kode', 'udenkode@example.com', null, 1980, 'Vej 1', '8722', '', pg_temp.answers_2('Mand', 'Nej'), '{}', '', true)$$, true),
  '42501', 'anon cannot write a registration without a code by calling private.create_registration');

-- register_by_staff -----------------------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'phone', 'Dorte Dam', 1970, 'Åvænget 3', '7130', true,
    pg_temp.answers_2('Kvinde', 'Nej'), phone => '+45 20 00 00 04') -> 'registration_number', '4'::jsonb,
  'register_by_staff lets the administrator register someone by phone, numbered on (4)');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'self', 'Ejner Egen', 1970,
    'Vej 1', '8722', true, pg_temp.answers_2('Mand', 'Nej'), phone => '12345678')$$),
  'P0001 channel_invalid', 'register_by_staff refuses the channel self');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'phone', 'Ven Af Medlem', 1970,
    'Vej 1', '8722', true, pg_temp.answers_2('Mand', 'Nej'), phone => '12345678')$$),
  '42501', 'register_by_staff refuses a member of the assembly');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000002', 'phone', 'Ven Af Admin', 1970,
    'Vej 1', '8722', true, pg_temp.answers_2('Mand', 'Nej'), phone => '12345678')$$),
  '42501', 'register_by_staff refuses the administrator of assembly 1 for assembly 2');

-- What the administrator of assembly 2 gets --------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select results_eq($$select registration_number, full_name, channel::text from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values (1, 'Anna Andersen', 'self'), (2, 'Bo Bak', 'self'), (3, 'Carl Christensen', 'self'), (4, 'Dorte Dam', 'phone')$$,
  'pool gives the administrator the four registrations numbered 1–4 with their channel (no refused attempt among them)');
select is((select answers from api.pool('a55e0b1e-0000-4000-8000-000000000002') where registration_number = 1),
  '{"Køn": "Kvinde", "Alder": "35–59 år", "Småbørnsforælder": "Ja"}'::jsonb,
  'pool gives the answers by category name; born 1990 is 35–59 år at the first session (2027)');
select results_eq($$select answers ->> 'Alder' from api.pool('a55e0b1e-0000-4000-8000-000000000002') order by registration_number$$,
  array['35–59 år', '16–34 år', '60 år og derover', '35–59 år'],
  'the age band is derived from the birth year at the first session (born 2011 is 16, the lowest band)');
select results_eq($$select email, phone from api.pool('a55e0b1e-0000-4000-8000-000000000002') where registration_number in (1, 2) order by registration_number$$,
  $$values ('anna.andersen@example.com', null::text), (null, '+45 20 00 00 02')$$,
  'pool gives the contact details; the e-mail address is trimmed and lower-cased');
select results_eq($$select p.household_key = first.household_key from api.pool('a55e0b1e-0000-4000-8000-000000000002') p,
    (select household_key from api.pool('a55e0b1e-0000-4000-8000-000000000002') where registration_number = 1) first
    order by p.registration_number$$,
  array[true, true, false, false],
  'two registrations at the same address (whatever its case and spacing) share a household key; other addresses do not');
select results_eq($$select code from app.invitations where used_at is not null order by code$$,
  array['6VYXMY854YK', '9P3SBFUVZRU', 'WF3AXN2BL85'],
  'the three codes registered with are marked used, no others');
select is(pg_temp.confidential_seen(), '4 registrations, 12 registration_answers, 6 invitations, 1 invitation_batches',
  'the administrator of assembly 2 reads its registrations, their answers (three each), its invitations and batch');
select is(tests.affected($$update app.registrations set support_note = 'Har brug for kørsel'
    where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and registration_number = 4$$),
  1::bigint, 'the administrator of assembly 2 can update a registration');
select results_eq($$select label, total, used from api.invitation_batches('a55e0b1e-0000-4000-8000-000000000002')$$,
  $$values ('Første udsendelse (demo)', 6::bigint, 3::bigint)$$,
  'invitation_batches gives the administrator the batch with its used codes counted');

-- Nobody else reads or writes registrations, answers or invitations -------------------------------
select tests.act_as(null);
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'anon reads no registrations, answers, invitations or batches');
select is(pg_temp.confidential_written(), 0::bigint, 'anon writes no registrations, answers, invitations or batches');
select throws_ok($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$, '42501', null, 'anon cannot call pool');
select tests.act_as('medlem01@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a member of assembly 1 reads no registrations, answers, invitations or batches');
select is(pg_temp.confidential_written(), 0::bigint, 'a member of assembly 1 writes none of them');
select tests.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a facilitator of assembly 1 reads no registrations, answers, invitations or batches');
select is(pg_temp.confidential_written(), 0::bigint, 'a facilitator of assembly 1 writes none of them');
select tests.act_as('byraad@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a council member of assembly 1 reads no registrations, answers, invitations or batches');
select is(pg_temp.confidential_written(), 0::bigint, 'a council member of assembly 1 writes none of them');
select tests.act_as('evaluator@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'an evaluator of assembly 1 reads no registrations, answers, invitations or batches');
select is(pg_temp.confidential_written(), 0::bigint, 'an evaluator of assembly 1 writes none of them');
select tests.act_as('admin@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'the administrator of assembly 1 reads no registrations, answers, invitations or batches of assembly 2');
select is(pg_temp.confidential_written(), 0::bigint, 'the administrator of assembly 1 writes none of those of assembly 2');
select is_empty($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$,
  'pool gives the administrator of assembly 1 no one of assembly 2');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a member of assembly 2 reads no registrations, answers, invitations or batches of their own assembly');
select is(pg_temp.confidential_written(), 0::bigint, 'a member of assembly 2 writes none of them');
select is_empty($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$,
  'pool gives a member of assembly 2 no one');
select is_empty($$select id::text from api.invitation_batches('a55e0b1e-0000-4000-8000-000000000002')
    union all select code from api.list_invitations('1b000000-0000-4000-8000-000000000001')$$,
  'invitation_batches and list_invitations give a member of assembly 2 nothing');
select tests.act_as('udenfor@example.com');
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a signed-in outsider reads no registrations, answers, invitations or batches');
select tests.act_as('platform@example.com', true);
select is(pg_temp.confidential_seen(), '0 registrations, 0 registration_answers, 0 invitations, 0 invitation_batches',
  'a platform administrator reads no registrations, answers or invitations (only the assembly''s administrators do)');
select is(pg_temp.confidential_written(), 0::bigint, 'a platform administrator writes none of them');

-- Quotas: as public as the assembly ------------------------------------------------------------------
select tests.act_as(null);
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0',
  'anon reads the categories, features and settings of the public assembly only');
select results_eq($$select name, min, max from app.features where category_id = 'ca000000-0000-4000-8000-000000000001' order by position$$,
  $$values ('Kvinde', 17, 19), ('Mand', 17, 19)$$,
  'anon reads the quotas of the public assembly');
select tests.act_as('medlem01@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'a member of assembly 1 reads its quotas, not those of assembly 2');
select tests.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'a facilitator of assembly 1 reads its quotas, not those of assembly 2');
select tests.act_as('byraad@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'a council member of assembly 1 reads its quotas, not those of assembly 2');
select tests.act_as('evaluator@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'an evaluator of assembly 1 reads its quotas, not those of assembly 2');
select tests.act_as('admin@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'the administrator of assembly 1 reads its quotas, not those of assembly 2');
select tests.act_as('udenfor@example.com');
select is(pg_temp.quotas_seen(), '4/13/1 · 0/0/0', 'a signed-in outsider reads the quotas of the public assembly only');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 3/7/1', 'a member of the non-public assembly 2 reads its quotas');
select tests.act_as('admin2@demo.samraad.dk');
select is(pg_temp.quotas_seen(), '4/13/1 · 3/7/1', 'the administrator of assembly 2 reads its quotas');

-- Quotas: only administrators change them ----------------------------------------------------------
select tests.act_as(null);
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'anon changes no quotas or settings');
select throws_ok($$select api.save_category('a55e0b1e-0000-4000-8000-000000000001', 'Indtrængende', 'choice', '[{"name": "Ja"}]')$$,
  '42501', null, 'anon cannot call save_category');
select tests.act_as('medlem01@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'a member of assembly 1 changes no quotas or settings');
select tests.act_as('byraad@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'a council member of assembly 1 changes no quotas or settings');
select tests.act_as('evaluator@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'an evaluator of assembly 1 changes no quotas or settings');
select tests.act_as('facilitator@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'a facilitator of assembly 1 changes no quotas or settings');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000001', 'Indtrængende', 'choice', '[{"name": "Ja"}]')$$),
  '42501', 'save_category refuses a facilitator');
select is(tests.error_of($$select api.delete_category('ca000000-0000-4000-8000-000000000001')$$),
  'PT404', 'delete_category removes nothing for a facilitator (PT404)');
select is(tests.error_of($$select api.save_recruitment_settings('a55e0b1e-0000-4000-8000-000000000001', 40, 10, true, '')$$),
  '42501', 'save_recruitment_settings refuses a facilitator');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000002'), 0::bigint, 'a member of assembly 2 changes no quotas or settings');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000002', 'Indtrængende', 'choice', '[{"name": "Ja"}]')$$),
  '42501', 'save_category refuses a member of assembly 2');
select tests.act_as('admin@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000002'), 0::bigint, 'the administrator of assembly 1 changes no quotas or settings of assembly 2');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000002', 'Indtrængende', 'choice', '[{"name": "Ja"}]')$$),
  '42501', 'save_category refuses the administrator of assembly 1 for assembly 2');
select is(tests.error_of($$select api.delete_category('ca000000-0000-4000-8000-000000000013')$$),
  'PT404', 'delete_category refuses the administrator of assembly 1 for assembly 2 (PT404)');
select tests.act_as('admin2@demo.samraad.dk');
select is(pg_temp.quotas_written('a55e0b1e-0000-4000-8000-000000000001'), 0::bigint, 'the administrator of assembly 2 changes no quotas or settings of assembly 1');
select is(tests.affected($$update app.features set max = 11 where id = pg_temp.feature('ca000000-0000-4000-8000-000000000011', 'Kvinde')$$),
  1::bigint, 'the administrator of assembly 2 can change a quota of their assembly');
select lives_ok($$select api.save_recruitment_settings('a55e0b1e-0000-4000-8000-000000000002', 30, 6, false, 'Ny tekst')$$,
  'save_recruitment_settings lets the administrator change the settings');
select results_eq($$select panel_size, reserve_size, one_per_household from app.recruitment_settings where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'$$,
  $$values (30, 6, false)$$, 'the settings are changed');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000002', 'Tom', 'choice', '[]')$$),
  'P0001 features_required', 'save_category refuses a category without features');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000002', 'Bolig', 'choice',
    '[{"name": "Ejer", "min": 8, "max": 12, "population_share": 0.6}, {"name": "Lejer", "min": 6, "max": 10}]', 'Ejer eller lejer du din bolig?')$$),
  null, 'save_category lets the administrator add a category with its features');
select results_eq($$select c.position, f.position, f.name, f.min, f.max from app.categories c join app.features f on f.category_id = c.id
    where c.assembly_id = 'a55e0b1e-0000-4000-8000-000000000002' and c.name = 'Bolig' order by f.position$$,
  $$values (4, 1, 'Ejer', 8, 12), (4, 2, 'Lejer', 6, 10)$$,
  'the new category comes last, its features in the order given with their quotas');
select is(tests.error_of($$select api.save_category('a55e0b1e-0000-4000-8000-000000000002', 'Køn', 'choice',
    '[{"name": "Kvinde", "min": 10, "max": 12}, {"name": "Mand", "min": 10, "max": 12}]', 'Hvilket køn er du?', 'ca000000-0000-4000-8000-000000000011')$$),
  null, 'save_category lets the administrator change the quotas of an existing category');
select results_eq($$select f.id, f.max from app.features f where f.category_id = 'ca000000-0000-4000-8000-000000000011' order by f.position$$,
  $$values (pg_temp.feature('ca000000-0000-4000-8000-000000000011', 'Kvinde'), 12), (pg_temp.feature('ca000000-0000-4000-8000-000000000011', 'Mand'), 12)$$,
  'changed features keep their ids (and so the answers given with them)');
select is(tests.affected($$insert into app.categories (id, assembly_id, position, name)
    values ('ca000000-0000-4000-8000-0000000000ff', 'a55e0b1e-0000-4000-8000-000000000002', 9, 'Område')$$),
  1::bigint, 'the administrator of assembly 2 can add a category directly');
select is(tests.affected($$insert into app.features (category_id, name)
    values ('ca000000-0000-4000-8000-0000000000ff', 'Land'), ('ca000000-0000-4000-8000-0000000000ff', 'By')$$),
  2::bigint, 'the administrator of assembly 2 can add features directly');
select lives_ok($$select api.delete_category('ca000000-0000-4000-8000-0000000000ff')$$,
  'delete_category lets the administrator remove a category');
reset role;
select results_eq($$select (select count(*) from app.categories where id = 'ca000000-0000-4000-8000-0000000000ff'),
    (select count(*) from app.features where category_id = 'ca000000-0000-4000-8000-0000000000ff')$$,
  $$values (0::bigint, 0::bigint)$$, 'the category is gone, and its features with it (counted past RLS)');

-- Registration closed: assembly 1 ----------------------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select throws_ok($$select api.create_invitations('a55e0b1e-0000-4000-8000-000000000001', 'Efterindkaldelse', 'codes', '[{"code": "K7M2QX9RT4A"}]')$$,
  '42501', null, 'create_invitations refuses a facilitator');
select tests.act_as('admin@demo.samraad.dk');
select throws_ok($$select api.create_invitations('a55e0b1e-0000-4000-8000-000000000002', 'Overtaget', 'codes', '[{"code": "K7M2QX9RT4A"}]')$$,
  '42501', null, 'create_invitations refuses the administrator of assembly 1 for assembly 2');
select throws_ok($$select api.create_invitations('a55e0b1e-0000-4000-8000-000000000001', 'Efterindkaldelse', 'codes', '[{"code": "K7M2-QX9RT4"}]')$$,
  '23514', null, 'create_invitations refuses a code of the wrong shape');
select isnt(api.create_invitations('a55e0b1e-0000-4000-8000-000000000001', 'Efterindkaldelse', 'codes', '[{"code": "K7M2QX9RT4A"}]'),
  null, 'create_invitations lets the administrator of assembly 1 make a batch of codes');
select tests.act_as(null);
select results_eq($$select f ->> 'title', f -> 'closed', f -> 'used' from api.registration_form('k7m2qx9rt4a') f$$,
  $$values ('Velfærdsborgersamlingen 2026–27', 'true'::jsonb, 'false'::jsonb)$$,
  'registration_form shows anon that registration for assembly 1 has closed');
select is(jsonb_path_query_array(api.registration_form('K7M2QX9RT4A'), '$.categories[*] ? (@.kind == "birth_year").features[*].name'),
  '["16–29 år", "30–49 år", "50–64 år", "65 år og derover"]'::jsonb,
  'registration_form lists the categories of a public assembly with the birth-year bands');
select is(tests.error_of($$select api.register('K7M2QX9RT4A', 'For Sent', 1980, 'Vej 1', '8722', true,
    jsonb_build_object('ca000000-0000-4000-8000-000000000001', pg_temp.feature('ca000000-0000-4000-8000-000000000001', 'Mand'),
                       'ca000000-0000-4000-8000-000000000003', pg_temp.feature('ca000000-0000-4000-8000-000000000003', 'Tørring-Uldum'),
                       'ca000000-0000-4000-8000-000000000004', pg_temp.feature('ca000000-0000-4000-8000-000000000004', 'Grundskole')),
    email => 'forsent@example.com')$$),
  'P0001 registration_closed', 'register refuses a valid code after the deadline');
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000001', 'phone', 'Ringet Op', 1980, 'Vej 1', '8722', true,
    '{}', phone => '12345678')$$),
  '42501', 'register_by_staff refuses a facilitator');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.register_by_staff('a55e0b1e-0000-4000-8000-000000000001', 'self', 'Ringet Op', 1980, 'Vej 1', '8722', true,
    '{}', phone => '12345678')$$),
  'P0001 channel_invalid', 'register_by_staff refuses the channel self after the deadline too');
select is(api.register_by_staff('a55e0b1e-0000-4000-8000-000000000001', 'paper', 'Frida Papir', 1980, 'Kirkevej 22', '7140', true,
    jsonb_build_object('ca000000-0000-4000-8000-000000000001', pg_temp.feature('ca000000-0000-4000-8000-000000000001', 'Kvinde'),
                       'ca000000-0000-4000-8000-000000000003', pg_temp.feature('ca000000-0000-4000-8000-000000000003', 'Juelsminde-området'),
                       'ca000000-0000-4000-8000-000000000004', pg_temp.feature('ca000000-0000-4000-8000-000000000004', 'Videregående')),
    phone => '+45 20 00 00 05') -> 'registration_number', '1'::jsonb,
  'register_by_staff works after the deadline for the administrator; registration numbers start at 1 per assembly');
select results_eq($$select registration_number, answers from api.pool('a55e0b1e-0000-4000-8000-000000000001')$$,
  $$values (1, '{"Køn": "Kvinde", "Alder": "30–49 år", "Område": "Juelsminde-området", "Uddannelse": "Videregående"}'::jsonb)$$,
  'pool gives the administrator of assembly 1 their registration with its answers (46 at the first session in 2026)');
select is(pg_temp.confidential_seen(), '1 registrations, 4 registration_answers, 1 invitations, 1 invitation_batches',
  'the administrator of assembly 1 reads exactly the registration and invitations of their assembly');
select tests.act_as('admin2@demo.samraad.dk');
select is_empty($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000001')$$,
  'pool gives the administrator of assembly 2 no one of assembly 1');

-- recruitment_overview ---------------------------------------------------------------------------------
select is(api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000002') -> 'registrations', '{"pool": 4}'::jsonb,
  'recruitment_overview gives the administrator the registrations counted by status');
select is(api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000002') -> 'invitations', '{"total": 6, "used": 3}'::jsonb,
  'recruitment_overview gives the administrator the invitations, total and used');
select is(jsonb_path_query_array(api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000002'),
    '$.categories[*] ? (@.name == "Køn").features[*].registered'),
  '[2, 2]'::jsonb, 'recruitment_overview counts the registrations per feature for the administrator');
select tests.act_as('facilitator@demo.samraad.dk');
select results_eq($$select jsonb_array_length(o -> 'categories'), o -> 'registrations', o -> 'invitations'
    from api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000001') o$$,
  $$values (4, '{}'::jsonb, '{"total": 0, "used": 0}'::jsonb)$$,
  'recruitment_overview gives a facilitator the quotas but no counts of registrations or invitations');
select is(jsonb_path_query_array(api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000001'), '$.categories[*].features[*].registered'),
  '[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]'::jsonb,
  'recruitment_overview counts no answers per feature for a facilitator');
select tests.act_as('admin@demo.samraad.dk');
select results_eq($$select o -> 'categories', o -> 'registrations' from api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000002') o$$,
  $$values ('[]'::jsonb, '{}'::jsonb)$$,
  'recruitment_overview gives the administrator of assembly 1 nothing of assembly 2');
select tests.act_as(null);
select is(jsonb_path_query_array(tests.json_of($$select api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000001')$$),
    '$.categories[*] ? (@.name == "Køn").features[*].max'),
  '[19, 19]'::jsonb, 'recruitment_overview gives anon the categories of the public assembly with their quotas');
select is(tests.json_of($$select api.recruitment_overview('a55e0b1e-0000-4000-8000-000000000001')$$) -> 'registrations',
  '{}'::jsonb, 'recruitment_overview gives anon no counts of registrations');

-- A code whose registration still exists --------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.affected($$update app.invitations set used_at = null where code = '9P3SBFUVZRU'$$), 1::bigint,
  'the administrator of assembly 2 can mark an invitation');
select tests.act_as(null);
select is(tests.error_of($$select api.register('9P3SBFUVZRU', 'Anden Person', 1980, 'Vej 1', '8722', true,
    pg_temp.answers_2('Mand', 'Nej'), email => 'anden@example.com')$$, true),
  'P0001 code_used', 'register refuses a code that already has a registration, even if it is not marked used');

select * from finish();
rollback;
