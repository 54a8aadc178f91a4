-- Importing respondents.csv: api.import_respondents writes every row through
-- private.create_registration with the channel 'import', only for the assembly's administrators,
-- and a single bad row imports nothing (the error names the file's line).
-- Assembly 2 (…0002) has 90 seeded volunteers (frivillig1..90@example.dk) and the categories Køn,
-- Alder (from the birth year; first session 2027-03-04) and Småbørnsforælder.
begin;
select plan(19);

-- One row of the file as the app sends it: answers by category id → feature id.
create function pg_temp.row_of(line int, full_name text, email text, gender text, small_children text,
  birth_year int default 1980, phone text default null, consent boolean default true) returns jsonb
language sql as $$
  select jsonb_build_object(
    'line', line, 'full_name', full_name, 'email', email, 'phone', phone, 'birth_year', birth_year,
    'address_line', 'Importvej ' || line, 'postal_code', '7130', 'city', 'Juelsminde',
    'consent', consent,
    'answers', jsonb_build_object(
      'ca000000-0000-4000-8000-000000000011', (select f.id from app.features f
        where f.category_id = 'ca000000-0000-4000-8000-000000000011' and f.name = gender),
      'ca000000-0000-4000-8000-000000000013', (select f.id from app.features f
        where f.category_id = 'ca000000-0000-4000-8000-000000000013' and f.name = small_children)))
$$;
grant execute on function pg_temp.row_of(int, text, text, text, text, int, text, boolean) to anon, authenticated;

-- Registrations of assembly 2, counted as the superuser (whatever the caller may read).
create function pg_temp.pool_size() returns bigint
language sql security definer as $$
  select count(*) from app.registrations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000002'
$$;
grant execute on function pg_temp.pool_size() to anon, authenticated;

create temporary table good (rows jsonb);
insert into good values (jsonb_build_array(
  pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej', 1950),
  pg_temp.row_of(3, 'Signe Import', null, 'Kvinde', 'Ja', 1995, phone => '+45 30 00 00 03')));
grant select on good to anon, authenticated;

-- Who is refused ---------------------------------------------------------------------------------
select tests.act_as(null);
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'anon cannot import respondents');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'a member of the assembly cannot import respondents');
select tests.act_as('facilitator-dagtilbud@demo.samraad.dk');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'a facilitator of the assembly cannot import respondents');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'the administrator of assembly 1 cannot import into assembly 2');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'a council member cannot import respondents');
select tests.act_as('outsider@example.com');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good))$$),
  '42501', 'someone without a role cannot import respondents');
select is(pg_temp.pool_size(), 90::bigint, 'the refused imports wrote nothing');

-- A bad row imports nothing ---------------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej'),
    pg_temp.row_of(3, 'Uden Svar', 'udensvar@example.com', 'Mand', null)))$$),
  'P0001 line:3:answer_missing:ca000000-0000-4000-8000-000000000013',
  'a row without an answer is refused with its line and the question');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej'),
    pg_temp.row_of(5, 'Frivillig Igen', 'FRIVILLIG7@example.dk', 'Mand', 'Nej')))$$),
  '23505 line:5:email_taken', 'an e-mail address already in the pool is refused with its line, whatever its case');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej'),
    pg_temp.row_of(4, 'Ib Igen', 'ib.import@example.com', 'Mand', 'Nej')))$$),
  '23505 line:4:email_taken', 'the same e-mail address twice in the file is refused at its second line');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej', 2020)))$$),
  'P0001 line:2:age_out_of_range', 'a birth year outside every age band is refused');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', null, 'Mand', 'Nej')))$$),
  'P0001 line:2:contact_required', 'a row with neither e-mail nor phone is refused');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', jsonb_build_array(
    pg_temp.row_of(2, 'Ib Import', 'ib.import@example.com', 'Mand', 'Nej', consent => false)))$$),
  'P0001 line:2:consent_required', 'rows are imported only with consent to the privacy notice');
select is(tests.error_of($$select api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', '[]')$$),
  'P0001 rows_required', 'an empty import is refused');
select is(pg_temp.pool_size(), 90::bigint, 'nothing of a refused import is kept');

-- The administrator imports ------------------------------------------------------------------------
select is(api.import_respondents('a55e0b1e-0000-4000-8000-000000000002', (select rows from good)), 2,
  'the administrator of assembly 2 imports two respondents');
select is(pg_temp.pool_size(), 92::bigint, 'the pool grew by two');
select results_eq(
  $$select registration_number, full_name, channel::text, answers ->> 'Alder', answers ->> 'Småbørnsforælder'
    from api.pool('a55e0b1e-0000-4000-8000-000000000002') where full_name like '% Import' order by 1$$,
  $$values (91, 'Ib Import', 'import', '60 år og derover', 'Nej'), (92, 'Signe Import', 'import', '16–34 år', 'Ja')$$,
  'the imported are numbered on in file order, marked as imported, with their answers and the age band from their birth year');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is_empty($$select * from api.pool('a55e0b1e-0000-4000-8000-000000000002')$$,
  'a member of the assembly still reads nothing of the pool');

select * from finish();
rollback;
