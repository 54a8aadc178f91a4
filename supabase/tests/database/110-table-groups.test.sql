-- Table groups: who reads and writes a session's tables, the demographic answers behind them
-- (organisers only, through a named privileged read without contact data), the facilitator's swaps
-- and moves, and the tables' notes (a note-taker at the table writes; published notes are read by
-- everyone in the assembly). Session 5 (…0005) of assembly 1; session 4 (…0004) is earlier.
begin;
select plan(59);

create function pg_temp.m(i int) returns uuid language sql as $$
  select ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid $$;
create function pg_temp.ids(a int, b int) returns text language sql as $$
  select 'array[' || string_agg(quote_literal(pg_temp.m(i)), ',') || ']::uuid[]' from generate_series(a, b) i $$;
create function pg_temp.tables_json(a int, b int, size int) returns text language sql as $$
  select quote_literal(jsonb_agg(t.people)::text) from (
    select jsonb_agg(pg_temp.m(i) order by i) as people from generate_series(a, b) i group by (i - a) / greatest(size, 1)) t $$;
create function pg_temp.save(session_no int, expected int, size int, a int, b int) returns text language sql as $$
  select tests.error_of(format('select api.save_tables(%L, %s, %s, %s, %s, null)',
    '5e000000-0000-4000-8000-00000000000' || session_no, expected, size, pg_temp.ids(a, b), pg_temp.tables_json(a, b, size))) $$;
grant execute on all functions in schema pg_temp to anon, authenticated;

-- Anon ---------------------------------------------------------------------------------------------
select tests.act_as(null);
select is(tests.error_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$), '42501', 'anon cannot read a table plan');
select is(tests.error_of($$select api.session_tables('5e000000-0000-4000-8000-000000000005')$$), '42501', 'anon cannot read a session''s tables');
select is(tests.error_of($$select * from app.table_seats$$), '42501', 'anon cannot read seats');
select is(tests.error_of($$select * from app.table_notes$$), '42501', 'anon cannot read notes');
select is(pg_temp.save(5, 0, 6, 1, 12), '42501', 'anon cannot make tables');

-- A facilitator makes tables -------------------------------------------------------------------------
select tests.act_as('facilitator@demo.samraad.dk');
select is(jsonb_array_length(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'members'), 36,
  'a facilitator gets the 36 members for the tables');
select is((select m -> 'features' ->> 'Køn' from jsonb_array_elements(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'members') m
           where m ->> 'name' = 'Anne Nielsen'), 'Mand', 'with their demographic answers (Anne Nielsen, no. 1, is in the demo a man)');
select ok(not (tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$)::text ~ 'demo\.samraad\.dk|Panelvej'),
  'without e-mail addresses or home addresses');
select is(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'categories',
  '["Køn", "Alder", "Område", "Uddannelse"]'::jsonb, 'the categories come in their order');
select is(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'plan', 'null'::jsonb, 'no tables yet');
select is(pg_temp.save(5, 0, 0, 1, 12), 'P0001 tables_invalid_layout', 'table size 0 is refused');
select is(tests.error_of(format('select api.save_tables(%L, 0, 6, %s, %s, null)', '5e000000-0000-4000-8000-000000000005',
  pg_temp.ids(1, 13), pg_temp.tables_json(1, 12, 6))), 'P0001 tables_not_everyone_seated', 'everyone present must be seated');
select is(tests.error_of(format('select api.save_tables(%L, 0, 6, %s, %L, null)', '5e000000-0000-4000-8000-000000000005',
  pg_temp.ids(1, 2), jsonb_build_array(jsonb_build_array(pg_temp.m(1), pg_temp.m(2), pg_temp.m(1))))),
  'P0001 tables_not_everyone_seated', 'nobody is seated twice');
select is(tests.error_of(format('select api.save_tables(%L, 0, 6, %L::uuid[], %L, null)', '5e000000-0000-4000-8000-000000000005',
  array[pg_temp.m(1), 'b0000000-0000-4000-8000-000000000002'::uuid],
  jsonb_build_array(jsonb_build_array(pg_temp.m(1), 'b0000000-0000-4000-8000-000000000002')))),
  'P0001 tables_not_a_member', 'only members sit at the tables');
select is(pg_temp.save(5, 0, 6, 1, 12), null, 'a facilitator saves two tables of six');
select is((select count(*) from app.table_seats where session_id = '5e000000-0000-4000-8000-000000000005'), 12::bigint, 'twelve are seated');
select is((select table_number from app.table_seats where person_id = pg_temp.m(7) and session_id = '5e000000-0000-4000-8000-000000000005'), 2,
  'the seventh sits at table 2');
select is(pg_temp.save(5, 0, 6, 1, 12), 'P0001 tables_changed_meanwhile', 'saving over a newer round is refused');
select is(pg_temp.save(5, 1, 6, 1, 12), null, 'making them again with the round seen works');
select is((tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'plan' ->> 'round')::int, 2, 'the round counts up');

-- Swaps and moves
select is(tests.error_of(format('select api.swap_seats(%L, %L, %L)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(1), pg_temp.m(7))), null,
  'a facilitator swaps two people');
select is((select array_agg(table_number order by person_id) from app.table_seats
           where session_id = '5e000000-0000-4000-8000-000000000005' and person_id in (pg_temp.m(1), pg_temp.m(7))), array[2, 1],
  'they changed tables');
select ok((select bool_and(placed_by_hand) from app.table_seats
           where session_id = '5e000000-0000-4000-8000-000000000005' and person_id in (pg_temp.m(1), pg_temp.m(7))), 'and count as placed by hand');
select is(tests.error_of(format('select api.swap_seats(%L, %L, %L)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(1), pg_temp.m(20))),
  'P0001 tables_not_seated', 'swapping someone who is not seated is refused');
select is(tests.error_of(format('select api.move_seat(%L, %L, 3)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(2))),
  'P0001 tables_locked_unknown_table', 'moving to a table that does not exist is refused');
select is(tests.error_of(format('select api.move_seat(%L, %L, 1)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(30))),
  'P0001 tables_not_seated', 'moving someone who is not seated is refused');
select is(tests.error_of(format('select api.move_seat(%L, %L, 2)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(2))), null,
  'a facilitator moves someone to table 2');

-- History: an earlier session's tables come back as who met whom
select is(pg_temp.save(4, 0, 6, 1, 12), null, 'tables for the earlier session 4');
select is(jsonb_array_length(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$) -> 'history'), 2,
  'session 5 sees the earlier session''s two tables as history');
select is(jsonb_array_length(tests.json_of($$select api.table_plan('5e000000-0000-4000-8000-000000000004')$$) -> 'history'), 0,
  'session 4 does not see the later session''s tables');

-- Questions
select isnt(tests.json_of($$select to_jsonb(api.save_table_question('5e000000-0000-4000-8000-000000000005', null, 'Hvordan kan vi inddrage frivillige?'))$$) ->> 'error',
  '42501', 'a facilitator adds a question for the tables');
create temporary table q as select id from app.table_questions where session_id = '5e000000-0000-4000-8000-000000000005';
grant select on q to anon, authenticated;

-- Member ---------------------------------------------------------------------------------------------
-- medlem05 sits at table 1 with 2..6 (1 and 7 swapped, 2 moved to table 2): 3, 4, 5, 6, 7.
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$), '42501', 'a member cannot read the table plan');
select is(tests.error_of($$select * from private.member_features('a55e0b1e-0000-4000-8000-000000000001')$$), '42501',
  'a member cannot read the members'' demographic answers');
select is((select count(*) from app.table_seats), 2::bigint, 'a member reads only their own seats (sessions 4 and 5)');
select is(tests.json_of($$select api.session_tables('5e000000-0000-4000-8000-000000000005')$$) -> 'my_table' -> 'table_number', '1'::jsonb,
  'a member sees their table number');
select is(tests.json_of($$select api.session_tables('5e000000-0000-4000-8000-000000000005')$$) -> 'my_table' -> 'first_names',
  '["Hanne", "Jens", "Kirsten", "Michael", "Susanne"]'::jsonb, 'and the first names of the five at their table, themself included');
select is(pg_temp.save(5, 2, 6, 1, 12), '42501', 'a member cannot make tables');
select is(tests.error_of(format('select api.swap_seats(%L, %L, %L)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(5), pg_temp.m(8))),
  '42501', 'a member cannot swap');
select is(tests.affected($$update app.table_seats set table_number = 2 where true$$), 0::bigint, 'a member cannot move themself');
select is(tests.error_of($$select api.save_table_question('5e000000-0000-4000-8000-000000000005', null, 'Mit spørgsmål')$$), '42501',
  'a member cannot add questions');
select is(tests.error_of(format('select api.save_table_note(%L, 1, %L)', (select id from q), 'Gruppe 1 drøftede frivillighed.')), null,
  'a member at table 1 writes its note');
select is(tests.error_of(format('select api.save_table_note(%L, 2, %L)', (select id from q), 'Ikke vores bord.')), '42501',
  'but not table 2''s');
select is(tests.error_of(format('select api.save_table_note(%L, 1, %L)', (select id from q), '   ')), 'P0001 table_note_required',
  'an empty summary is refused');

select tests.act_as('medlem08@demo.samraad.dk');
select is((select count(*) from app.table_notes), 0::bigint, 'a member at another table does not read an unpublished note');
select is(tests.error_of(format('select api.save_table_note(%L, 1, %L)', (select id from q), 'Overskrevet.')), '42501',
  'nor overwrite it');

select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from app.table_notes), 0::bigint, 'the council does not read unpublished notes');
select is((select count(*) from app.table_seats), 0::bigint, 'the council reads no seats');

-- Publishing
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.json_of($$select to_jsonb(api.publish_table_notes('5e000000-0000-4000-8000-000000000005', true))$$), '1'::jsonb,
  'a facilitator publishes the session''s notes');

select tests.act_as('medlem08@demo.samraad.dk');
select is((select summary from app.table_notes), 'Gruppe 1 drøftede frivillighed.', 'another member reads the published note');
select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from app.table_notes), 1::bigint, 'the council reads the published note');
select is(tests.json_of($$select api.session_tables('5e000000-0000-4000-8000-000000000005')$$) -> 'my_table', 'null'::jsonb,
  'the council sits at no table');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of(format('select api.save_table_note(%L, 1, %L)', (select id from q), 'Ændret bagefter.')), 'P0001 table_note_published',
  'a note-taker cannot change a published note');

-- Administrator --------------------------------------------------------------------------------------
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of(format('select api.swap_seats(%L, %L, %L)', '5e000000-0000-4000-8000-000000000005', pg_temp.m(5), pg_temp.m(8))), null,
  'the assembly''s administrator swaps too');

-- The other assembly -------------------------------------------------------------------------------
select tests.act_as('admin2@demo.samraad.dk');
select is(tests.error_of($$select api.table_plan('5e000000-0000-4000-8000-000000000005')$$), '42501', 'another assembly''s administrator cannot read the plan');
select is(tests.error_of($$select * from private.member_features('a55e0b1e-0000-4000-8000-000000000001')$$), '42501',
  'nor the members'' answers');
select is(pg_temp.save(5, 2, 6, 1, 12), '42501', 'nor make tables');
select is((select count(*) from app.table_seats) + (select count(*) from app.table_notes), 0::bigint, 'and reads no seats or notes');

select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.session_tables('5e000000-0000-4000-8000-000000000005')$$), 'PT404', 'another assembly''s member cannot see the tables');
select is((select count(*) from app.table_notes), 0::bigint, 'nor the published notes');

select * from finish();
rollback;
