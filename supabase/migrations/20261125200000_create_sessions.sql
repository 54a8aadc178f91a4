-- Sessions: the plan of meetings (Europe/Copenhagen), their agendas, candidate dates and members'
-- availability, the assembly's material rule, and personal calendar feeds. Everyone who can see an
-- assembly sees its plan; organisers (facilitators, administrators) write it; a member answers
-- only for themself.

create type app.session_kind as enum ('learning', 'deliberation', 'voting', 'visit');
create type app.availability_answer as enum ('yes', 'maybe', 'no');

-- The assembly's rules for sessions ----------------------------------------------------------------
create table app.session_rules (
  assembly_id uuid primary key references app.assemblies (id) on delete cascade,
  material_days_before int not null default 5 check (material_days_before between 0 and 60),
  created_at timestamptz not null default now()
);
comment on table app.session_rules is 'Per assembly: material must be published at least this many days before a session (default 5); the plan marks each session on time or late.';
alter table app.session_rules enable row level security;

-- Sessions -----------------------------------------------------------------------------------------
create table app.sessions (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  title text not null check (char_length(title) between 2 and 200),
  kind app.session_kind not null default 'deliberation',
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  is_candidate boolean not null default false,
  place_name text not null default '' check (char_length(place_name) <= 200),
  address text not null default '' check (char_length(address) <= 200),
  room text not null default '' check (char_length(room) <= 100),
  accessibility_note text not null default '' check (char_length(accessibility_note) <= 1000),
  online_url text check (online_url is null or (online_url ~ '^https://[^\s]+$' and char_length(online_url) <= 500)),
  description text not null default '' check (char_length(description) <= 4000),
  cancelled_at timestamptz,
  cancellation_reason text not null default '' check (char_length(cancellation_reason) <= 1000),
  sequence int not null default 0 check (sequence >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint sessions_end_after_start check (ends_at > starts_at),
  constraint sessions_at_most_a_day check (ends_at - starts_at <= interval '16 hours')
);
create index sessions_assembly_id_idx on app.sessions (assembly_id, starts_at);
create index sessions_room_idx on app.sessions (lower(address), lower(room), starts_at) where cancelled_at is null;
comment on table app.sessions is 'A session (møde) of an assembly: when, where or online, what kind. A candidate date (is_candidate) is asked in the availability poll before it is fixed. Cancelled sessions stay in the plan, marked, so calendars can show the cancellation. sequence is the iCalendar SEQUENCE.';
alter table app.sessions enable row level security;

create table app.agenda_items (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references app.sessions (id) on delete cascade,
  position int not null default 0,
  title text not null check (char_length(title) between 1 and 200),
  description text not null default '' check (char_length(description) <= 2000),
  planned_minutes int not null check (planned_minutes between 1 and 600),
  led_by text not null default '' check (char_length(led_by) <= 200),
  created_at timestamptz not null default now()
);
create index agenda_items_session_id_idx on app.agenda_items (session_id, position);
comment on table app.agenda_items is 'An item on a session''s agenda with its planned minutes and who leads it.';
alter table app.agenda_items enable row level security;

-- Availability ---------------------------------------------------------------------------------------
create table app.availability (
  session_id uuid not null references app.sessions (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  answer app.availability_answer not null,
  answered_at timestamptz not null default now(),
  primary key (session_id, person_id)
);
create index availability_person_id_idx on app.availability (person_id);
comment on table app.availability is 'A member''s answer (yes / maybe / no) for a session date, from the poll or carried over from their registration.';
alter table app.availability enable row level security;

create table app.registration_availability (
  registration_id uuid not null references app.registrations (id) on delete cascade,
  session_id uuid not null references app.sessions (id) on delete cascade,
  answer app.availability_answer not null,
  primary key (registration_id, session_id)
);
create index registration_availability_session_id_idx on app.registration_availability (session_id);
comment on table app.registration_availability is 'Availability a volunteer gave at registration for the planned dates; becomes the member''s availability when they confirm.';
alter table app.registration_availability enable row level security;

-- Calendar feeds -----------------------------------------------------------------------------------
create table app.calendar_feeds (
  person_id uuid primary key references app.people (id) on delete cascade,
  token text not null unique check (token ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
comment on table app.calendar_feeds is 'A person''s secret calendar subscription token (one per person, covering their assemblies). Renewing replaces it; revoking deletes it.';
alter table app.calendar_feeds enable row level security;

-- Integrity: the assembly's period, one booking per room, the calendar sequence ---------------------
create function private.check_session() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  assembly app.assemblies;
  local_day date := (new.starts_at at time zone 'Europe/Copenhagen')::date;
  clash record;
begin
  if new.ends_at <= new.starts_at then
    raise exception 'A session must end after it starts' using errcode = 'P0001', detail = 'session_ends_before_start';
  end if;
  select * into assembly from app.assemblies a where a.id = new.assembly_id;
  if (assembly.first_session_on is not null and local_day < assembly.first_session_on)
     or (assembly.last_session_on is not null and local_day > assembly.last_session_on) then
    raise exception 'The session falls outside the assembly''s period (% – %)',
      assembly.first_session_on, assembly.last_session_on
      using errcode = 'P0001', detail = 'session_outside_period';
  end if;
  if new.cancelled_at is null and trim(new.address) <> '' then
    -- One booking of a room at a time, whichever assembly holds it.
    perform pg_advisory_xact_lock(hashtext('room:' || lower(trim(new.address)) || '|' || lower(trim(new.room))));
    select s.id, s.starts_at into clash
    from app.sessions s
    where s.id <> new.id and s.cancelled_at is null
      and lower(trim(s.address)) = lower(trim(new.address)) and lower(trim(s.room)) = lower(trim(new.room))
      and tstzrange(s.starts_at, s.ends_at) && tstzrange(new.starts_at, new.ends_at)
    limit 1;
    if clash.id is not null then
      raise exception 'The room is booked by another session at %', clash.starts_at
        using errcode = 'P0001', detail = 'session_room_overlap';
    end if;
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
    if (new.starts_at, new.ends_at, new.address, new.room, new.place_name, new.online_url, new.title, new.cancelled_at)
       is distinct from (old.starts_at, old.ends_at, old.address, old.room, old.place_name, old.online_url, old.title, old.cancelled_at) then
      new.sequence := old.sequence + 1;
    end if;
  end if;
  return new;
end
$$;
revoke execute on function private.check_session() from public;
create trigger check_session before insert or update on app.sessions
  for each row execute function private.check_session();

-- A confirmed volunteer's availability from registration becomes the member's.
create function private.carry_over_availability() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.person_id is not null and new.person_id is distinct from old.person_id then
    insert into app.availability (session_id, person_id, answer)
    select ra.session_id, new.person_id, ra.answer
    from app.registration_availability ra where ra.registration_id = new.id
    on conflict do nothing;
  end if;
  return new;
end
$$;
revoke execute on function private.carry_over_availability() from public;
create trigger carry_over_availability after update of person_id on app.registrations
  for each row execute function private.carry_over_availability();

-- Privileges: RLS decides the rows ---------------------------------------------------------------
grant select on app.session_rules, app.sessions, app.agenda_items to anon, authenticated;
grant insert, update, delete on app.session_rules, app.sessions, app.agenda_items to authenticated;
grant select, insert, update, delete on app.availability, app.calendar_feeds to authenticated;
grant select, insert, update, delete on app.registration_availability to authenticated;
grant select on app.availability, app.registration_availability, app.calendar_feeds to anon;
grant all on app.session_rules, app.sessions, app.agenda_items, app.availability,
  app.registration_availability, app.calendar_feeds to service_role;

-- Policies -----------------------------------------------------------------------------------------
create policy "Visitors can read the session rules of public assemblies" on app.session_rules
  for select to anon using (assembly_id in (select a.id from app.assemblies a));
create policy "People can read the session rules of assemblies they see" on app.session_rules
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "Organisers can set the session rules" on app.session_rules
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')));
create policy "Organisers can change the session rules" on app.session_rules
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')));

create policy "Visitors can read the plan of public assemblies" on app.sessions
  for select to anon using (assembly_id in (select a.id from app.assemblies a));
create policy "People can read the plan of assemblies they see" on app.sessions
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "Organisers can add sessions" on app.sessions
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')));
create policy "Organisers can change sessions" on app.sessions
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')));
create policy "Organisers can remove sessions" on app.sessions
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')));

create policy "Visitors can read the agendas of public assemblies" on app.agenda_items
  for select to anon using (session_id in (select s.id from app.sessions s));
create policy "People can read the agendas of assemblies they see" on app.agenda_items
  for select to authenticated using (session_id in (select s.id from app.sessions s));
create policy "Organisers can add agenda items" on app.agenda_items
  for insert to authenticated with check (session_id in (
    select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers can change agenda items" on app.agenda_items
  for update to authenticated
  using (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))))
  with check (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers can remove agenda items" on app.agenda_items
  for delete to authenticated using (session_id in (
    select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));

create policy "Members read their own answers, organisers all" on app.availability
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Members answer for themselves in their assemblies" on app.availability
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{member}'))));
create policy "Members change their own answers" on app.availability
  for update to authenticated
  using (person_id in (select private.my_person_ids()))
  with check (person_id in (select private.my_person_ids())
    and session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{member}'))));
create policy "Members withdraw their own answers" on app.availability
  for delete to authenticated using (person_id in (select private.my_person_ids()));

create policy "Administrators read availability given at registration" on app.registration_availability
  for select to authenticated using (registration_id in (select r.id from app.registrations r));
create policy "Administrators record availability for registrations" on app.registration_availability
  for insert to authenticated with check (registration_id in (select r.id from app.registrations r));
create policy "Administrators change availability for registrations" on app.registration_availability
  for update to authenticated
  using (registration_id in (select r.id from app.registrations r))
  with check (registration_id in (select r.id from app.registrations r));
create policy "Administrators remove availability for registrations" on app.registration_availability
  for delete to authenticated using (registration_id in (select r.id from app.registrations r));

create policy "People read their own calendar feed" on app.calendar_feeds
  for select to authenticated using (person_id in (select private.my_person_ids()));
create policy "People create their own calendar feed" on app.calendar_feeds
  for insert to authenticated with check (person_id in (select private.my_person_ids()));
create policy "People renew their own calendar feed" on app.calendar_feeds
  for update to authenticated
  using (person_id in (select private.my_person_ids()))
  with check (person_id in (select private.my_person_ids()));
create policy "People revoke their own calendar feed" on app.calendar_feeds
  for delete to authenticated using (person_id in (select private.my_person_ids()));
