-- The attendance API: the facilitators' check-in list, self check-in with the projector's rotating
-- code, absence reported in advance, the console's current agenda item and live counts, attendance
-- per member and per demographic group, the allowance export, and members' support needs.
--
-- Check-in codes: a code is HMAC-SHA256(session key, session id / minute window), 50 bits written as
-- 10 characters of the invitation alphabet. It rotates every minute and is accepted in its own minute
-- and the next (60–120 s after it first appears), and only while a screen is showing codes for the
-- session (check_in_open_until). Nothing is stored per code: a reload or a second screen shows the
-- same code, and the key never leaves the database. Whoever opens a valid code is checked in as the
-- signed-in person, never as anyone named in a URL.

-- Helpers -------------------------------------------------------------------------------------------
create function private.hmac_sha256(key bytea, message bytea) returns bytea
language plpgsql immutable security invoker set search_path = ''
as $$
declare
  k bytea := key;
  inner_pad bytea;
  outer_pad bytea;
begin
  if length(k) > 64 then
    k := sha256(k);
  end if;
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  inner_pad := k;
  outer_pad := k;
  for i in 0..63 loop
    inner_pad := set_byte(inner_pad, i, get_byte(k, i) # 54);
    outer_pad := set_byte(outer_pad, i, get_byte(k, i) # 92);
  end loop;
  return sha256(outer_pad || sha256(inner_pad || message));
end
$$;

-- The minute a check-in code belongs to.
create function private.check_in_window(at timestamptz) returns bigint
language sql immutable security invoker set search_path = ''
as $$ select floor(extract(epoch from at) / 60)::bigint $$;

create function private.check_in_code_for(secret bytea, session_id uuid, time_window bigint) returns text
language sql stable security invoker set search_path = ''
as $$
  select string_agg(substr('23456789ABCDEFGHJKLMNPQRSTUVWXYZ', get_byte(m.mac, i) % 32 + 1, 1), '' order by i)
  from (select private.hmac_sha256(secret, convert_to(session_id::text || '/' || time_window::text, 'UTF8')) as mac) m,
       generate_series(0, 9) as i
$$;

-- Sessions that count as held: planned, not cancelled, and started or with anyone checked in.
create function private.held_sessions(assembly_id uuid) returns setof uuid
language sql stable security invoker set search_path = ''
as $$
  select s.id from app.sessions s
  where s.assembly_id = held_sessions.assembly_id and s.cancelled_at is null and not s.is_candidate
    and (s.starts_at <= now() or exists (select 1 from app.attendance a where a.session_id = s.id))
$$;

-- The live counts of a session (as the caller reads them: organisers see all).
create function private.session_counts(session_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  with s as (select x.id, x.assembly_id from app.sessions x where x.id = session_counts.session_id),
  members as (select ra.person_id from app.role_assignments ra, s where ra.assembly_id = s.assembly_id and ra.role = 'member'),
  present as (select a.person_id from app.attendance a where a.session_id = session_counts.session_id),
  absent as (select r.person_id from app.absence_reports r where r.session_id = session_counts.session_id
             and r.person_id not in (select person_id from present))
  select jsonb_build_object(
    'members', (select count(*) from members),
    'present', (select count(*) from present),
    'reported_absent', (select count(*) from absent),
    'expected', (select count(*) from members where person_id not in (select person_id from absent)))
$$;

-- A session the caller organises, or the error that says why not.
create function private.organised_session(session_id uuid) returns app.sessions
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions;
begin
  select * into s from app.sessions x where x.id = organised_session.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  if not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s facilitators and administrators run its sessions' using errcode = '42501';
  end if;
  return s;
end
$$;

-- Support needs among the members expected at a session (not reported absent, or present after all).
-- A named privileged read: registrations are the administrators', so only counts leave it.
create function private.session_support(session_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  s app.sessions;
begin
  select * into s from app.sessions x where x.id = session_support.session_id;
  if s.id is null or not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers see support needs' using errcode = '42501';
  end if;
  return (
    with expected as (
      select ra.person_id from app.role_assignments ra
      where ra.assembly_id = s.assembly_id and ra.role = 'member'
        and (ra.person_id not in (select r.person_id from app.absence_reports r where r.session_id = s.id)
             or ra.person_id in (select a.person_id from app.attendance a where a.session_id = s.id))
    ), needs as (
      select unnest(r.support_needs) as need
      from app.registrations r
      where r.assembly_id = s.assembly_id and r.person_id in (select person_id from expected)
    )
    select jsonb_build_object(
      'transport', count(*) filter (where need = 'transport'),
      'childcare', count(*) filter (where need = 'childcare'),
      'interpreter', count(*) filter (where need = 'interpreter'),
      'accessibility', count(*) filter (where need = 'accessibility'),
      'other', count(*) filter (where need = 'other'))
    from needs);
end
$$;

-- The check-in list -------------------------------------------------------------------------------
create function api.check_in_list(session_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions := private.organised_session(check_in_list.session_id);
begin
  return jsonb_build_object(
    'session', jsonb_build_object('id', s.id, 'assembly_id', s.assembly_id, 'title', s.title,
      'starts_at', s.starts_at, 'ends_at', s.ends_at, 'cancelled_at', s.cancelled_at, 'is_candidate', s.is_candidate),
    'counts', private.session_counts(s.id),
    'support', private.session_support(s.id),
    'people', coalesce((
      select jsonb_agg(jsonb_build_object(
        'person_id', p.id, 'full_name', p.full_name,
        'present', a.person_id is not null, 'method', a.method, 'checked_in_at', a.checked_in_at,
        'absent', r.person_id is not null, 'absence_reason', r.reason) order by p.full_name, p.id)
      from app.role_assignments ra
      join app.people p on p.id = ra.person_id
      left join app.attendance a on a.session_id = s.id and a.person_id = p.id
      left join app.absence_reports r on r.session_id = s.id and r.person_id = p.id
      where ra.assembly_id = s.assembly_id and ra.role = 'member'), '[]'::jsonb));
end
$$;

-- A facilitator ticks a member present (or undoes it). Returns the new counts.
create function api.set_attendance(session_id uuid, person_id uuid, present boolean) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions := private.organised_session(set_attendance.session_id);
begin
  if s.cancelled_at is not null or s.is_candidate then
    raise exception 'Attendance is kept only for planned sessions' using errcode = 'P0001', detail = 'session_not_held';
  end if;
  if not exists (select 1 from app.role_assignments ra where ra.assembly_id = s.assembly_id
                 and ra.person_id = set_attendance.person_id and ra.role = 'member') then
    raise exception 'Not a member of this assembly' using errcode = 'PT404';
  end if;
  if present then
    insert into app.attendance (session_id, person_id, method, recorded_by)
    values (s.id, set_attendance.person_id, 'list', (select p from private.my_person_ids() p limit 1))
    on conflict on constraint attendance_pkey do nothing;
  else
    delete from app.attendance a where a.session_id = s.id and a.person_id = set_attendance.person_id;
  end if;
  return private.session_counts(s.id);
end
$$;

-- Self check-in -------------------------------------------------------------------------------------
-- The code to show now (organisers only). Showing it keeps check-in open for the code's lifetime.
create function private.check_in_code(session_id uuid) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  s app.sessions;
  w bigint := private.check_in_window(now());
  valid_until timestamptz := to_timestamp((w + 2) * 60);
  secret bytea;
begin
  select * into s from app.sessions x where x.id = check_in_code.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  if not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers show check-in codes' using errcode = '42501';
  end if;
  if s.cancelled_at is not null or s.is_candidate then
    raise exception 'Check-in is only for planned sessions' using errcode = 'P0001', detail = 'session_not_held';
  end if;
  insert into app.session_runs (session_id) values (s.id) on conflict on constraint session_runs_pkey do nothing;
  update app.session_runs r set check_in_open_until = valid_until
  where r.session_id = s.id and r.check_in_open_until is distinct from valid_until;
  select r.check_in_secret into secret from app.session_runs r where r.session_id = s.id;
  return jsonb_build_object(
    'code', private.check_in_code_for(secret, s.id, w),
    'rotates_at', to_timestamp((w + 1) * 60),
    'valid_until', valid_until,
    'now', now());
end
$$;

-- Checks the signed-in person in with a code from the screen. A named privileged operation: it reads
-- the sessions' code keys and writes attendance for the caller only, after checking their membership.
create function private.check_in_with_code(code text) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  typed text := upper(regexp_replace(coalesce(code, ''), '[^0-9A-Za-z]', '', 'g'));
  w bigint := private.check_in_window(now());
  s app.sessions;
  me uuid;
  inserted boolean;
begin
  if typed ~ '^[23456789A-HJ-NP-Z]{10}$' then
    select x.* into s
    from app.session_runs r
    join app.sessions x on x.id = r.session_id
    where r.check_in_open_until > now() and x.cancelled_at is null and not x.is_candidate
      and typed in (private.check_in_code_for(r.check_in_secret, r.session_id, w),
                    private.check_in_code_for(r.check_in_secret, r.session_id, w - 1))
    limit 1;
  end if;
  if s.id is null then
    raise exception 'The code has expired' using errcode = 'P0001', detail = 'check_in_code_expired',
      hint = 'Scan the new code on the screen';
  end if;
  select ra.person_id into me
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  where p.user_id = auth.uid() and ra.assembly_id = s.assembly_id and ra.role = 'member'
  limit 1;
  if me is null then
    raise exception 'Only the assembly''s members check in' using errcode = '42501', detail = 'check_in_not_member';
  end if;
  insert into app.attendance (session_id, person_id, method) values (s.id, me, 'qr')
  on conflict on constraint attendance_pkey do nothing;
  inserted := found;
  return jsonb_build_object('session_id', s.id, 'assembly_id', s.assembly_id, 'title', s.title,
    'already', not inserted,
    'checked_in_at', (select a.checked_in_at from app.attendance a where a.session_id = s.id and a.person_id = me));
end
$$;

create function api.check_in_code(session_id uuid) returns jsonb
language sql security invoker set search_path = ''
as $$ select private.check_in_code(check_in_code.session_id) $$;

create function api.check_in_with_code(code text) returns jsonb
language sql security invoker set search_path = ''
as $$ select private.check_in_with_code(check_in_with_code.code) $$;

-- Absence reported in advance ------------------------------------------------------------------------
create function api.report_absence(session_id uuid, reason text) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions;
  me uuid;
begin
  select * into s from app.sessions x where x.id = report_absence.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  select ra.person_id into me from app.role_assignments ra
  where ra.assembly_id = s.assembly_id and ra.role = 'member' and ra.person_id in (select private.my_person_ids())
  limit 1;
  if me is null then
    raise exception 'Only the assembly''s members report absence' using errcode = '42501';
  end if;
  if s.cancelled_at is not null or s.is_candidate then
    raise exception 'The session is not planned' using errcode = 'P0001', detail = 'session_not_held';
  end if;
  if s.starts_at <= now() then
    raise exception 'Absence is reported before the session starts' using errcode = 'P0001', detail = 'absence_too_late';
  end if;
  insert into app.absence_reports (session_id, person_id, reason)
  values (s.id, me, trim(coalesce(report_absence.reason, '')))
  on conflict on constraint absence_reports_pkey
  do update set reason = excluded.reason, reported_at = now();
end
$$;

create function api.withdraw_absence(session_id uuid) returns void
language sql security invoker set search_path = ''
as $$
  delete from app.absence_reports r
  where r.session_id = withdraw_absence.session_id and r.person_id in (select private.my_person_ids())
$$;

-- The caller's own attendance and absence report for a session.
create function api.my_attendance(session_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'absence', (select jsonb_build_object('reason', r.reason, 'reported_at', r.reported_at)
                from app.absence_reports r
                where r.session_id = my_attendance.session_id and r.person_id in (select private.my_person_ids()) limit 1),
    'present', (select jsonb_build_object('checked_in_at', a.checked_in_at, 'method', a.method)
                from app.attendance a
                where a.session_id = my_attendance.session_id and a.person_id in (select private.my_person_ids()) limit 1))
$$;

-- The caller's absence reports in an assembly (for the plan).
create function api.my_absences(assembly_id uuid)
returns table (session_id uuid, reason text, reported_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select r.session_id, r.reason, r.reported_at
  from app.absence_reports r
  join app.sessions s on s.id = r.session_id
  where s.assembly_id = my_absences.assembly_id and r.person_id in (select private.my_person_ids())
$$;

-- The console ---------------------------------------------------------------------------------------
-- Moves the current agenda item by `step` (+1 next, -1 previous; 0 restarts the current item's timer).
-- Before the first item is "not started"; the timer of an item starts when it becomes current.
create function api.step_agenda(session_id uuid, step int) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions := private.organised_session(step_agenda.session_id);
  items uuid[];
  current_item uuid;
  at_index int;
  target int;
begin
  select array_agg(i.id order by i.position, i.created_at) into items
  from app.agenda_items i where i.session_id = s.id;
  items := coalesce(items, '{}');
  select r.current_item_id into current_item from app.session_runs r where r.session_id = s.id;
  at_index := coalesce(array_position(items, current_item), 0);
  target := greatest(0, least(cardinality(items), at_index + step));
  if target <> at_index or step = 0 then
    insert into app.session_runs (session_id, current_item_id, item_started_at)
    values (s.id, items[nullif(target, 0)], case when target > 0 then now() end)
    on conflict on constraint session_runs_pkey do update
      set current_item_id = excluded.current_item_id, item_started_at = excluded.item_started_at, updated_at = now();
  end if;
  return jsonb_build_object('index', target, 'total', cardinality(items));
end
$$;

-- What the console and the projector show, without personal data: the current item and its timer,
-- and the counts. `voted` is the hook for the prioritisation exercises (null until they exist).
create function api.session_live(session_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions := private.organised_session(session_live.session_id);
  run record;
  items jsonb;
begin
  select r.current_item_id, r.item_started_at into run from app.session_runs r where r.session_id = s.id;
  select coalesce(jsonb_agg(jsonb_build_object('id', i.id, 'title', i.title, 'planned_minutes', i.planned_minutes)
                            order by i.position, i.created_at), '[]'::jsonb)
  into items from app.agenda_items i where i.session_id = s.id;
  return jsonb_build_object(
    'now', now(),
    'session', jsonb_build_object('id', s.id, 'assembly_id', s.assembly_id, 'title', s.title, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
                                  'cancelled_at', s.cancelled_at),
    'item', (select jsonb_build_object('index', e.n, 'id', e.item ->> 'id', 'title', e.item ->> 'title',
                                       'planned_minutes', (e.item ->> 'planned_minutes')::int)
             from jsonb_array_elements(items) with ordinality as e(item, n)
             where e.item ->> 'id' = run.current_item_id::text),
    'item_started_at', run.item_started_at,
    'items_total', jsonb_array_length(items),
    'counts', private.session_counts(s.id),
    'voted', null);
end
$$;

create function api.session_support(session_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.session_support(session_support.session_id) $$;

-- Attendance across the sessions ----------------------------------------------------------------------
create function api.attendance_by_member(assembly_id uuid)
returns table (person_id uuid, full_name text, attended int, held int, absences int)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  if not private.is_organiser_of(attendance_by_member.assembly_id) then
    raise exception 'Only the assembly''s organisers see attendance' using errcode = '42501';
  end if;
  return query
  with held_ids as (select h from private.held_sessions(attendance_by_member.assembly_id) h)
  select p.id, p.full_name,
    (select count(*)::int from app.attendance a where a.person_id = p.id and a.session_id in (select h from held_ids)),
    (select count(*)::int from held_ids),
    (select count(*)::int from app.absence_reports r join app.sessions s on s.id = r.session_id
     where r.person_id = p.id and s.assembly_id = attendance_by_member.assembly_id)
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  where ra.assembly_id = attendance_by_member.assembly_id and ra.role = 'member'
  order by p.full_name, p.id;
end
$$;

-- Attendance per demographic group: a named privileged read of the administrators' demographic data
-- that returns aggregates only, and no rate for a group of fewer than five members.
create function private.attendance_by_group(assembly_id uuid)
returns table (category text, feature text, members int, attended int, possible int)
language plpgsql stable security definer set search_path = ''
as $$
declare
  held_count int;
begin
  if not private.is_organiser_of(attendance_by_group.assembly_id) then
    raise exception 'Only the assembly''s organisers see attendance' using errcode = '42501';
  end if;
  select count(*) into held_count from private.held_sessions(attendance_by_group.assembly_id);
  return query
  with held_ids as (select h from private.held_sessions(attendance_by_group.assembly_id) h),
  panel as (
    select distinct r.id as registration_id, r.person_id
    from app.registrations r
    join app.role_assignments ra on ra.person_id = r.person_id and ra.assembly_id = r.assembly_id and ra.role = 'member'
    where r.assembly_id = attendance_by_group.assembly_id
  ),
  per_person as (
    select pn.registration_id,
      (select count(*) from app.attendance a where a.person_id = pn.person_id and a.session_id in (select h from held_ids)) as n
    from panel pn
  ),
  groups as (
    select c.name as category, c.position as c_pos, f.name as feature, f.position as f_pos,
      count(pp.registration_id)::int as members, coalesce(sum(pp.n), 0)::int as attended
    from app.categories c
    join app.features f on f.category_id = c.id
    left join app.registration_answers ans on ans.feature_id = f.id
      and ans.registration_id in (select registration_id from panel)
    left join per_person pp on pp.registration_id = ans.registration_id
    where c.assembly_id = attendance_by_group.assembly_id
    group by c.id, c.name, c.position, f.id, f.name, f.position
  )
  select g.category, g.feature, g.members,
    case when g.members >= 5 then g.attended end,
    case when g.members >= 5 then g.members * held_count end
  from groups g
  order by g.c_pos, g.category, g.f_pos, g.feature;
end
$$;

create function api.attendance_by_group(assembly_id uuid)
returns table (category text, feature text, members int, attended int, possible int)
language sql stable security invoker set search_path = ''
as $$ select * from private.attendance_by_group(attendance_by_group.assembly_id) $$;

-- The allowance export: attended sessions per member with the address from their registration, for
-- payment. Administrators only: addresses are theirs to read (the registrations policies say so too).
create function api.allowance_export(assembly_id uuid)
returns table (registration_number int, full_name text, email text, address_line text, postal_code text,
               city text, sessions_attended int, session_dates text)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  if allowance_export.assembly_id not in (select private.assemblies_where_i_am('{admin}')) then
    raise exception 'Only the assembly''s administrators export allowances' using errcode = '42501';
  end if;
  return query
  select r.registration_number, p.full_name, coalesce(r.email, p.email), r.address_line, r.postal_code, r.city,
    count(s.id)::int,
    coalesce(string_agg(to_char(s.starts_at at time zone 'Europe/Copenhagen', 'YYYY-MM-DD'), ', ' order by s.starts_at), '')
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  left join app.registrations r on r.person_id = p.id and r.assembly_id = ra.assembly_id
  left join app.attendance a on a.person_id = p.id
    and a.session_id in (select h from private.held_sessions(allowance_export.assembly_id) h)
  left join app.sessions s on s.id = a.session_id
  where ra.assembly_id = allowance_export.assembly_id and ra.role = 'member'
  group by r.registration_number, p.id, p.full_name, r.email, p.email, r.address_line, r.postal_code, r.city
  order by p.full_name, p.id;
end
$$;

-- Support needs: the member's own, from their registration ----------------------------------------
create function private.my_support_needs(assembly_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('needs', to_jsonb(r.support_needs), 'note', r.support_note)
  from app.registrations r
  where r.assembly_id = my_support_needs.assembly_id and r.person_id in (select private.my_person_ids())
  limit 1
$$;

-- A named privileged write: the member changes only the support fields of their own registration.
create function private.set_my_support_needs(assembly_id uuid, needs text[], note text) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  if not coalesce(needs, '{}') <@ array['transport', 'childcare', 'interpreter', 'accessibility', 'other'] then
    raise exception 'Unknown support need' using errcode = 'P0001', detail = 'support_need_unknown';
  end if;
  if char_length(coalesce(note, '')) > 1000 then
    raise exception 'The note is too long' using errcode = 'P0001', detail = 'support_note_too_long';
  end if;
  update app.registrations r
  set support_needs = array(select distinct n from unnest(coalesce(needs, '{}')) n order by n),
      support_note = trim(coalesce(note, ''))
  where r.assembly_id = set_my_support_needs.assembly_id
    and r.person_id in (select private.my_person_ids())
    and set_my_support_needs.assembly_id in (select private.assemblies_where_i_am('{member}'));
  if not found then
    raise exception 'No registration of yours in this assembly' using errcode = 'PT404', detail = 'no_registration';
  end if;
end
$$;

create function api.my_support_needs(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.my_support_needs(my_support_needs.assembly_id) $$;

create function api.set_my_support_needs(assembly_id uuid, needs text[], note text) returns void
language sql security invoker set search_path = ''
as $$ select private.set_my_support_needs(set_my_support_needs.assembly_id, set_my_support_needs.needs, set_my_support_needs.note) $$;

-- Privileges ---------------------------------------------------------------------------------------
revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function
  private.hmac_sha256(bytea, bytea), private.check_in_window(timestamptz),
  private.check_in_code_for(bytea, uuid, bigint), private.held_sessions(uuid), private.session_counts(uuid),
  private.organised_session(uuid), private.session_support(uuid), private.check_in_code(uuid),
  private.check_in_with_code(text), private.attendance_by_group(uuid), private.my_support_needs(uuid),
  private.set_my_support_needs(uuid, text[], text)
  to authenticated, service_role;
grant execute on function
  api.check_in_list(uuid), api.set_attendance(uuid, uuid, boolean), api.check_in_code(uuid),
  api.check_in_with_code(text), api.report_absence(uuid, text), api.withdraw_absence(uuid),
  api.my_attendance(uuid), api.my_absences(uuid), api.step_agenda(uuid, int), api.session_live(uuid),
  api.session_support(uuid), api.attendance_by_member(uuid), api.attendance_by_group(uuid),
  api.allowance_export(uuid), api.my_support_needs(uuid), api.set_my_support_needs(uuid, text[], text)
  to authenticated, service_role;
