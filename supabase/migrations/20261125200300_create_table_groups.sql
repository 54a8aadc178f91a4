-- Table groups: the members present at a session split into tables (computed in the app by
-- src/lib/sessions/tables.ts, saved here in one call), the facilitator's swaps and moves, the
-- questions the tables discuss and each table's summary per question ("Gruppe 1 … 5"), published
-- with the session.
--
-- Who sees what: organisers (admin, facilitator) see and write every table of their assembly's
-- sessions; a member sees their own seat, the first names at their own table (through a named
-- privileged read) and, as the table's note-taker, writes its summary until the notes are
-- published; everyone with a role in the assembly reads the published summaries. Demographic
-- answers stay readable by administrators only: the allocation gets them through a named
-- privileged read that only organisers may call and that returns no contact data.

-- Tables --------------------------------------------------------------------------------------------
create table app.table_plans (
  session_id uuid primary key references app.sessions (id) on delete cascade,
  table_size int not null check (table_size between 1 and 50),
  table_count int not null check (table_count between 1 and 200),
  round int not null default 1 check (round >= 1),
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
comment on table app.table_plans is 'A session''s table layout: the largest table, the number of tables, and the round (how many times the tables were made; part of the allocation''s seed, so "Bland igen" gives a new arrangement).';
alter table app.table_plans enable row level security;

create table app.table_seats (
  session_id uuid not null references app.table_plans (session_id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  table_number int not null check (table_number between 1 and 200),
  placed_by_hand boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (session_id, person_id)
);
create index table_seats_person_id_idx on app.table_seats (person_id);
create index table_seats_table_idx on app.table_seats (session_id, table_number);
comment on table app.table_seats is 'Who sits at which table (numbered from 1) at a session. placed_by_hand marks the facilitator''s swaps and moves, which "Bland igen, men behold mine flytninger" keeps.';
alter table app.table_seats enable row level security;

create table app.table_questions (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references app.sessions (id) on delete cascade,
  position int not null default 0,
  question text not null check (char_length(question) between 2 and 500),
  created_at timestamptz not null default now(),
  unique (id, session_id)
);
create index table_questions_session_id_idx on app.table_questions (session_id, position);
comment on table app.table_questions is 'A question every table discusses at a session; each table''s note-taker writes its summary per question.';
alter table app.table_questions enable row level security;

create table app.table_notes (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null,
  question_id uuid not null,
  table_number int not null check (table_number between 1 and 200),
  summary text not null check (char_length(summary) between 1 and 5000),
  written_by uuid references app.people (id) on delete set null,
  published_at timestamptz,
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  unique (question_id, table_number),
  foreign key (question_id, session_id) references app.table_questions (id, session_id) on delete cascade
);
create index table_notes_session_id_idx on app.table_notes (session_id, table_number);
comment on table app.table_notes is 'A table''s summary of its discussion of one question ("Gruppe 3 drøftede …"), written by the table''s note-taker (a member at the table) or a facilitator; published_at is set when the facilitator publishes the session''s notes.';
alter table app.table_notes enable row level security;

-- Helpers ---------------------------------------------------------------------------------------------
-- The sessions of the assemblies in which the caller holds one of the roles.
create function private.sessions_where_i_am(roles app.assembly_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select s.id from app.sessions s
  where s.assembly_id in (select private.assemblies_where_i_am(roles))
$$;

-- The tables (session, number) at which the caller sits.
create function private.my_tables() returns table (session_id uuid, table_number int)
language sql stable security definer set search_path = ''
as $$
  select t.session_id, t.table_number from app.table_seats t
  where t.person_id in (select private.my_person_ids())
$$;

-- The members of an assembly with their demographic answers (category name → feature name), for
-- making tables. A named privileged read: only the assembly's organisers, and no contact data.
create function private.member_features(target_assembly_id uuid)
returns table (person_id uuid, features jsonb)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not (target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))) then
    raise exception 'Only the assembly''s organisers make tables' using errcode = '42501';
  end if;
  return query
  select ra.person_id, coalesce((
    select jsonb_object_agg(c.name, f.name)
    from app.registrations r
    join app.registration_answers a on a.registration_id = r.id
    join app.categories c on c.id = a.category_id
    join app.features f on f.id = a.feature_id
    where r.person_id = ra.person_id and r.assembly_id = target_assembly_id
      and r.status in ('confirmed', 'participated')), '{}'::jsonb)
  from app.role_assignments ra
  where ra.assembly_id = target_assembly_id and ra.role = 'member';
end
$$;

-- The caller's table at a session and the first names of everyone at it (a named privileged
-- read: a member may not read other people, but may know whom they sit with).
create function private.my_table_at(target_session_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'table_number', me.table_number,
    'first_names', coalesce((
      select jsonb_agg(split_part(trim(p.full_name), ' ', 1) order by p.full_name)
      from app.table_seats t join app.people p on p.id = t.person_id
      where t.session_id = me.session_id and t.table_number = me.table_number), '[]'::jsonb))
  from app.table_seats me
  where me.session_id = target_session_id and me.person_id in (select private.my_person_ids())
  limit 1
$$;

revoke execute on all functions in schema private from public;
grant execute on function private.sessions_where_i_am(app.assembly_role[]), private.my_tables(),
  private.member_features(uuid), private.my_table_at(uuid) to authenticated, service_role;

-- Privileges: RLS decides the rows ---------------------------------------------------------------
grant select, insert, update, delete on app.table_plans, app.table_seats, app.table_questions,
  app.table_notes to authenticated;
grant all on app.table_plans, app.table_seats, app.table_questions, app.table_notes to service_role;

-- Policies -------------------------------------------------------------------------------------------
create policy "Organisers read table plans" on app.table_plans
  for select to authenticated using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers make table plans" on app.table_plans
  for insert to authenticated with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers change table plans" on app.table_plans
  for update to authenticated
  using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')))
  with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers remove table plans" on app.table_plans
  for delete to authenticated using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));

create policy "Members read their own seat, organisers every seat" on app.table_seats
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers seat people" on app.table_seats
  for insert to authenticated with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers move people between tables" on app.table_seats
  for update to authenticated
  using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')))
  with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers unseat people" on app.table_seats
  for delete to authenticated using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));

create policy "People in the assembly read the table questions" on app.table_questions
  for select to authenticated using (
    session_id in (select private.sessions_where_i_am('{admin,facilitator,member,council,evaluator}')));
create policy "Organisers add table questions" on app.table_questions
  for insert to authenticated with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers change table questions" on app.table_questions
  for update to authenticated
  using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')))
  with check (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));
create policy "Organisers remove table questions" on app.table_questions
  for delete to authenticated using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));

create policy "Tables read their own notes, the whole assembly published ones" on app.table_notes
  for select to authenticated using (
    session_id in (select private.sessions_where_i_am('{admin,facilitator}'))
    or (published_at is not null
        and session_id in (select private.sessions_where_i_am('{admin,facilitator,member,council,evaluator}')))
    or (session_id, table_number) in (select t.session_id, t.table_number from private.my_tables() t));
create policy "Note-takers and organisers write a table's notes" on app.table_notes
  for insert to authenticated with check (
    session_id in (select private.sessions_where_i_am('{admin,facilitator}'))
    or (published_at is null
        and (session_id, table_number) in (select t.session_id, t.table_number from private.my_tables() t)));
create policy "Note-takers change unpublished notes, organisers any" on app.table_notes
  for update to authenticated
  using (
    session_id in (select private.sessions_where_i_am('{admin,facilitator}'))
    or (published_at is null
        and (session_id, table_number) in (select t.session_id, t.table_number from private.my_tables() t)))
  with check (
    session_id in (select private.sessions_where_i_am('{admin,facilitator}'))
    or (published_at is null
        and (session_id, table_number) in (select t.session_id, t.table_number from private.my_tables() t)));
create policy "Organisers remove notes" on app.table_notes
  for delete to authenticated using (session_id in (select private.sessions_where_i_am('{admin,facilitator}')));

-- The API ----------------------------------------------------------------------------------------------
-- Everything the facilitator's table page needs for a session: the layout, the members with their
-- demographic answers, the seats, earlier sessions' tables (the history of who met whom), and the
-- questions and notes.
create function api.table_plan(session_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions;
begin
  select * into s from app.sessions x where x.id = table_plan.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  if not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers make tables' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'plan', (select jsonb_build_object('table_size', p.table_size, 'table_count', p.table_count,
                                      'round', p.round, 'updated_at', p.updated_at)
             from app.table_plans p where p.session_id = s.id),
    'categories', coalesce((select jsonb_agg(c.name order by c.position, c.name)
                            from app.categories c where c.assembly_id = s.assembly_id), '[]'::jsonb),
    'members', coalesce((
      select jsonb_agg(jsonb_build_object('id', m.person_id, 'name', p.full_name, 'features', m.features)
                       order by p.full_name)
      from private.member_features(s.assembly_id) m join app.people p on p.id = m.person_id), '[]'::jsonb),
    'seats', coalesce((
      select jsonb_agg(jsonb_build_object('person_id', t.person_id, 'table_number', t.table_number,
                                          'placed_by_hand', t.placed_by_hand) order by t.table_number)
      from app.table_seats t where t.session_id = s.id), '[]'::jsonb),
    -- Earlier sessions' tables, each a list of person ids.
    'history', coalesce((
      select jsonb_agg(g.people)
      from (select jsonb_agg(t.person_id) as people
            from app.table_seats t join app.sessions e on e.id = t.session_id
            where e.assembly_id = s.assembly_id and e.id <> s.id and e.starts_at < s.starts_at
            group by t.session_id, t.table_number) g), '[]'::jsonb),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object('id', q.id, 'question', q.question) order by q.position, q.created_at)
      from app.table_questions q where q.session_id = s.id), '[]'::jsonb),
    'notes', coalesce((
      select jsonb_agg(jsonb_build_object('question_id', n.question_id, 'table_number', n.table_number,
                                          'summary', n.summary, 'written_by', p.full_name,
                                          'updated_at', n.updated_at, 'published_at', n.published_at)
                       order by n.table_number)
      from app.table_notes n left join app.people p on p.id = n.written_by
      where n.session_id = s.id), '[]'::jsonb));
end
$$;

-- Saves the tables the app computed: `tables` is a JSON array of arrays of person ids (table 1
-- first). Every present person must sit at exactly one table, and every one of them must be a
-- member of the assembly. `expected_round` is the round the facilitator saw, so two people making
-- tables at once do not silently overwrite each other. `by_hand` lists the people whose seats the
-- facilitator placed (kept from an earlier round). Returns the new round.
create function api.save_tables(
  session_id uuid,
  expected_round int,
  table_size int,
  present uuid[],
  tables jsonb,
  by_hand uuid[]
) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions;
  current_round int;
  seated uuid[];
  number_of_tables int;
begin
  select * into s from app.sessions x where x.id = save_tables.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  if not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers make tables' using errcode = '42501';
  end if;
  if save_tables.table_size is null or save_tables.table_size < 1 or save_tables.table_size > 50 then
    raise exception 'Choose a table size of at least 1' using errcode = 'P0001', detail = 'tables_invalid_layout';
  end if;
  if coalesce(cardinality(present), 0) = 0 then
    raise exception 'Choose who is present' using errcode = 'P0001', detail = 'tables_nobody_present';
  end if;
  if jsonb_typeof(tables) is distinct from 'array' or jsonb_array_length(tables) = 0
     or exists (select 1 from jsonb_array_elements(tables) t where jsonb_typeof(t) <> 'array') then
    raise exception 'Tables must be a list of lists of people' using errcode = 'P0001', detail = 'tables_invalid_layout';
  end if;
  number_of_tables := jsonb_array_length(tables);

  select p.round into current_round from app.table_plans p where p.session_id = s.id for update;
  if coalesce(current_round, 0) <> coalesce(expected_round, 0) then
    raise exception 'The tables were changed meanwhile' using errcode = 'P0001', detail = 'tables_changed_meanwhile';
  end if;

  select array_agg(x::uuid) into seated
  from jsonb_array_elements(save_tables.tables) t, jsonb_array_elements_text(t) x;
  if cardinality(seated) <> (select count(distinct x) from unnest(seated) x)
     or exists (select x from unnest(seated) x except select y from unnest(present) y)
     or exists (select y from unnest(present) y except select x from unnest(seated) x) then
    raise exception 'Everyone present must sit at exactly one table' using errcode = 'P0001', detail = 'tables_not_everyone_seated';
  end if;
  if exists (select x from unnest(present) x
             except select ra.person_id from app.role_assignments ra
             where ra.assembly_id = s.assembly_id and ra.role = 'member') then
    raise exception 'Only the assembly''s members sit at its tables' using errcode = 'P0001', detail = 'tables_not_a_member';
  end if;

  insert into app.table_plans (session_id, table_size, table_count, round)
  values (s.id, save_tables.table_size, number_of_tables, coalesce(current_round, 0) + 1)
  on conflict on constraint table_plans_pkey do update
    set table_size = excluded.table_size, table_count = excluded.table_count, round = excluded.round,
        updated_at = now();
  delete from app.table_seats t where t.session_id = s.id;
  insert into app.table_seats (session_id, person_id, table_number, placed_by_hand)
  select s.id, x::uuid, t.n::int, x::uuid = any (coalesce(by_hand, '{}'))
  from jsonb_array_elements(tables) with ordinality t(people, n), jsonb_array_elements_text(t.people) x;
  return coalesce(current_round, 0) + 1;
end
$$;

-- The facilitator's swap: two seated people change tables; both count as placed by hand.
create function api.swap_seats(session_id uuid, person_a uuid, person_b uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  a app.table_seats;
  b app.table_seats;
begin
  if not exists (select 1 from app.sessions s where s.id = swap_seats.session_id and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers change tables' using errcode = '42501';
  end if;
  select * into a from app.table_seats t where t.session_id = swap_seats.session_id and t.person_id = person_a for update;
  if a.person_id is null then
    raise exception 'The first person is not seated' using errcode = 'P0001', detail = 'tables_not_seated', hint = 'person_a';
  end if;
  select * into b from app.table_seats t where t.session_id = swap_seats.session_id and t.person_id = person_b for update;
  if b.person_id is null then
    raise exception 'The second person is not seated' using errcode = 'P0001', detail = 'tables_not_seated', hint = 'person_b';
  end if;
  if a.person_id = b.person_id then
    raise exception 'Choose two different people' using errcode = 'P0001', detail = 'tables_same_person', hint = 'person_b';
  end if;
  update app.table_seats t
  set table_number = case when t.person_id = a.person_id then b.table_number else a.table_number end,
      placed_by_hand = true
  where t.session_id = swap_seats.session_id and t.person_id in (a.person_id, b.person_id);
end
$$;

-- Moves one seated person to another table (1 … the number of tables).
create function api.move_seat(session_id uuid, person_id uuid, table_number int) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  tables int;
begin
  if not exists (select 1 from app.sessions s where s.id = move_seat.session_id and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers change tables' using errcode = '42501';
  end if;
  select p.table_count into tables from app.table_plans p where p.session_id = move_seat.session_id;
  if move_seat.table_number is null or move_seat.table_number < 1 or move_seat.table_number > coalesce(tables, 0) then
    raise exception 'No such table' using errcode = 'P0001', detail = 'tables_locked_unknown_table', hint = 'table_number';
  end if;
  update app.table_seats t set table_number = move_seat.table_number, placed_by_hand = true
  where t.session_id = move_seat.session_id and t.person_id = move_seat.person_id;
  if not found then
    raise exception 'The person is not seated' using errcode = 'P0001', detail = 'tables_not_seated', hint = 'person_id';
  end if;
end
$$;

create function api.save_table_question(session_id uuid, question_id uuid, question text) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := coalesce(save_table_question.question_id, gen_random_uuid());
begin
  if not exists (select 1 from app.sessions s where s.id = save_table_question.session_id and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers set the table questions' using errcode = '42501';
  end if;
  if save_table_question.question_id is null then
    insert into app.table_questions (id, session_id, position, question)
    values (id, save_table_question.session_id,
      coalesce((select max(q.position) + 1 from app.table_questions q where q.session_id = save_table_question.session_id), 1),
      trim(save_table_question.question));
  else
    update app.table_questions q set question = trim(save_table_question.question)
    where q.id = save_table_question.question_id and q.session_id = save_table_question.session_id;
    if not found then
      raise exception 'Question not found' using errcode = 'PT404';
    end if;
  end if;
  return id;
end
$$;

create function api.delete_table_question(question_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.table_questions q where q.id = delete_table_question.question_id;
  if not found then
    raise exception 'Question not found' using errcode = 'PT404';
  end if;
end
$$;

-- A table's summary of one question, by a member at the table (its note-taker) or an organiser.
-- Once the session's notes are published, only organisers change them.
create function api.save_table_note(question_id uuid, table_number int, summary text) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  q app.table_questions;
  organiser boolean;
  existing app.table_notes;
  me uuid := (select p from private.my_person_ids() p limit 1);
begin
  select * into q from app.table_questions x where x.id = save_table_note.question_id;
  if q.id is null then
    raise exception 'Question not found' using errcode = 'PT404';
  end if;
  organiser := q.session_id in (select private.sessions_where_i_am('{admin,facilitator}'));
  if not organiser and not exists (select 1 from private.my_tables() t
                                   where t.session_id = q.session_id and t.table_number = save_table_note.table_number) then
    raise exception 'Only the members at the table and the organisers write its notes' using errcode = '42501';
  end if;
  if nullif(trim(save_table_note.summary), '') is null then
    raise exception 'Write the summary' using errcode = 'P0001', detail = 'table_note_required', hint = 'summary';
  end if;
  -- Read without a lock: a published note is outside a note-taker's update policy, so a locking
  -- read would not see it. The unique key settles two note-takers writing at once.
  select * into existing from app.table_notes n
  where n.question_id = q.id and n.table_number = save_table_note.table_number;
  if existing.id is not null and existing.published_at is not null and not organiser then
    raise exception 'The notes are published' using errcode = 'P0001', detail = 'table_note_published', hint = 'summary';
  end if;
  insert into app.table_notes (session_id, question_id, table_number, summary, written_by)
  values (q.session_id, q.id, save_table_note.table_number, trim(save_table_note.summary), me)
  on conflict on constraint table_notes_question_id_table_number_key do update
    set summary = excluded.summary, written_by = excluded.written_by, updated_at = now();
end
$$;

-- Publishes the session's notes (every note not yet published), or withdraws them all.
create function api.publish_table_notes(session_id uuid, publish boolean) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  n int;
begin
  if not exists (select 1 from app.sessions s where s.id = publish_table_notes.session_id and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers publish notes' using errcode = '42501';
  end if;
  if publish then
    update app.table_notes t set published_at = now()
    where t.session_id = publish_table_notes.session_id and t.published_at is null;
  else
    update app.table_notes t set published_at = null
    where t.session_id = publish_table_notes.session_id and t.published_at is not null;
  end if;
  get diagnostics n = row_count;
  if publish and n = 0 and not exists (select 1 from app.table_notes t where t.session_id = publish_table_notes.session_id) then
    raise exception 'There are no notes to publish' using errcode = 'P0001', detail = 'table_notes_none';
  end if;
  return n;
end
$$;

-- What a member sees of a session's tables: their own table and its people's first names, the
-- questions, the published notes and their own table's drafts.
create function api.session_tables(session_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions;
begin
  select * into s from app.sessions x where x.id = session_tables.session_id;
  if s.id is null or not (private.has_role_in(s.assembly_id)) then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'my_table', private.my_table_at(s.id),
    'questions', coalesce((
      select jsonb_agg(jsonb_build_object('id', q.id, 'question', q.question) order by q.position, q.created_at)
      from app.table_questions q where q.session_id = s.id), '[]'::jsonb),
    'notes', coalesce((
      select jsonb_agg(jsonb_build_object('question_id', n.question_id, 'table_number', n.table_number,
                                          'summary', n.summary, 'published_at', n.published_at)
                       order by n.table_number)
      from app.table_notes n where n.session_id = s.id), '[]'::jsonb));
end
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.table_plan(uuid), api.save_tables(uuid, int, int, uuid[], jsonb, uuid[]),
  api.swap_seats(uuid, uuid, uuid), api.move_seat(uuid, uuid, int),
  api.save_table_question(uuid, uuid, text), api.delete_table_question(uuid),
  api.save_table_note(uuid, int, text), api.publish_table_notes(uuid, boolean), api.session_tables(uuid)
  to authenticated, service_role;
