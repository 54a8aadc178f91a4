-- Attendance: who was present at a session (checked in from the facilitators' list or by the
-- projector's rotating code), members' advance absence reports, and the running state of a session
-- (its current agenda item and when it started, and the secret behind its check-in codes).
-- Organisers (facilitators, administrators) read and record attendance for their assembly; a member
-- reads their own rows only; a member's reason for an absence is read by them and the organisers.

-- Attendance ---------------------------------------------------------------------------------------
create table app.attendance (
  session_id uuid not null references app.sessions (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  method text not null check (method in ('list', 'qr')),
  checked_in_at timestamptz not null default now(),
  recorded_by uuid references app.people (id) on delete set null,
  primary key (session_id, person_id)
);
create index attendance_person_id_idx on app.attendance (person_id);
create index attendance_recorded_by_idx on app.attendance (recorded_by);
comment on table app.attendance is 'A member present at a session, since when and how: ''list'' (a facilitator ticked them on the check-in list, recorded_by) or ''qr'' (they scanned the projector''s code and were checked in as themselves).';
alter table app.attendance enable row level security;

-- Absence reported in advance ---------------------------------------------------------------------
create table app.absence_reports (
  session_id uuid not null references app.sessions (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  reason text not null default '' check (char_length(reason) <= 500),
  reported_at timestamptz not null default now(),
  primary key (session_id, person_id)
);
create index absence_reports_person_id_idx on app.absence_reports (person_id);
comment on table app.absence_reports is 'A member''s report that they will not come to a session, with an optional reason that only they and the organisers read. Withdrawing deletes it.';
alter table app.absence_reports enable row level security;

-- The running session -----------------------------------------------------------------------------
create table app.session_runs (
  session_id uuid primary key references app.sessions (id) on delete cascade,
  current_item_id uuid references app.agenda_items (id) on delete set null,
  item_started_at timestamptz,
  -- 32 bytes (two random UUIDs: 244 random bits) keying the HMAC of the rotating check-in codes.
  -- Never selectable by callers: only private.check_in_code and private.check_in_with_code read it.
  check_in_secret bytea not null
    default decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'),
  check_in_open_until timestamptz,
  updated_at timestamptz not null default now(),
  constraint session_runs_item_started check ((current_item_id is null) or (item_started_at is not null))
);
create index session_runs_current_item_id_idx on app.session_runs (current_item_id);
create index session_runs_open_idx on app.session_runs (check_in_open_until);
comment on table app.session_runs is 'A session in progress: the agenda item on screen and when it became current (so a reload or a second device shows the same timer), the key of its check-in codes, and until when a shown code is accepted.';
alter table app.session_runs enable row level security;

-- Privileges: RLS decides the rows; the code key is never granted --------------------------------
grant select, insert, delete on app.attendance to authenticated;
grant select, insert, update, delete on app.absence_reports to authenticated;
grant select (session_id, current_item_id, item_started_at, check_in_open_until, updated_at),
  insert (session_id, current_item_id, item_started_at),
  update (current_item_id, item_started_at, updated_at)
  on app.session_runs to authenticated;
grant all on app.attendance, app.absence_reports, app.session_runs to service_role;

-- Policies -----------------------------------------------------------------------------------------
create policy "Members read their own attendance, organisers all" on app.attendance
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers check members in" on app.attendance
  for insert to authenticated with check (
    session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')))
    and person_id in (select ra.person_id from app.role_assignments ra
                      where ra.role = 'member'
                        and ra.assembly_id = (select s.assembly_id from app.sessions s where s.id = attendance.session_id)));
create policy "Organisers undo a check-in" on app.attendance
  for delete to authenticated using (
    session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));

create policy "Members read their own absence reports, organisers all" on app.absence_reports
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Members report their own absence" on app.absence_reports
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{member}'))));
create policy "Members change their own absence report" on app.absence_reports
  for update to authenticated
  using (person_id in (select private.my_person_ids()))
  with check (person_id in (select private.my_person_ids())
    and session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{member}'))));
create policy "Members withdraw their own absence report" on app.absence_reports
  for delete to authenticated using (person_id in (select private.my_person_ids()));

create policy "Organisers read the running state of their sessions" on app.session_runs
  for select to authenticated using (
    session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers start running a session" on app.session_runs
  for insert to authenticated with check (
    session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers move a running session along" on app.session_runs
  for update to authenticated
  using (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))))
  with check (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
