-- The sessions API: the plan (public without personal data), saving, moving and cancelling sessions,
-- agendas, the availability poll and its summary, the material rule, and calendar feeds.

-- Whether the caller holds any role in the assembly (then they see leads and online links).
create function private.has_role_in(target_assembly_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}'))
$$;

create function private.is_organiser_of(target_assembly_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))
$$;
revoke execute on function private.has_role_in(uuid), private.is_organiser_of(uuid) from public;
grant execute on function private.has_role_in(uuid), private.is_organiser_of(uuid) to anon, authenticated, service_role;

-- One session as the plan shows it. Leads and the online link only for those who take part.
create function private.session_json(s app.sessions, with_people boolean) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'id', s.id, 'assembly_id', s.assembly_id, 'title', s.title, 'kind', s.kind,
    'starts_at', s.starts_at, 'ends_at', s.ends_at, 'is_candidate', s.is_candidate,
    'place_name', s.place_name, 'address', s.address, 'room', s.room,
    'accessibility_note', s.accessibility_note,
    'online_url', case when with_people then s.online_url end,
    'description', s.description, 'cancelled_at', s.cancelled_at,
    'cancellation_reason', s.cancellation_reason, 'sequence', s.sequence, 'updated_at', s.updated_at,
    'agenda', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', i.id, 'position', i.position, 'title', i.title, 'description', i.description,
        'planned_minutes', i.planned_minutes,
        'led_by', case when with_people then i.led_by else '' end) order by i.position, i.created_at)
      from app.agenda_items i where i.session_id = s.id), '[]'::jsonb))
$$;

-- The assembly's plan with its material rule.
create function api.assembly_sessions(assembly_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  with_people boolean := private.has_role_in(assembly_sessions.assembly_id) or private.is_platform_admin();
begin
  if not exists (select 1 from app.assemblies a where a.id = assembly_sessions.assembly_id) then
    raise exception 'Assembly not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'material_days_before', coalesce((select r.material_days_before from app.session_rules r
                                      where r.assembly_id = assembly_sessions.assembly_id), 5),
    'sessions', coalesce((
      select jsonb_agg(private.session_json(s, with_people) order by s.starts_at, s.title)
      from app.sessions s where s.assembly_id = assembly_sessions.assembly_id), '[]'::jsonb));
end
$$;

create function api.get_session(session_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  s app.sessions;
begin
  select * into s from app.sessions x where x.id = get_session.session_id;
  if s.id is null then
    raise exception 'Session not found' using errcode = 'PT404';
  end if;
  return private.session_json(s, private.has_role_in(s.assembly_id) or private.is_platform_admin());
end
$$;

-- Create (session_id null) or change a session. The date and clock times are read in
-- Europe/Copenhagen, so a session at 17:00 stays at 17:00 across daylight saving.
create function api.save_session(
  assembly_id uuid,
  session_id uuid,
  title text,
  kind app.session_kind,
  on_date date,
  starts time,
  ends time,
  is_candidate boolean,
  place_name text,
  address text,
  room text,
  accessibility_note text,
  online_url text,
  description text
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := coalesce(save_session.session_id, gen_random_uuid());
  from_ts timestamptz := (on_date + starts) at time zone 'Europe/Copenhagen';
  to_ts timestamptz := (on_date + ends) at time zone 'Europe/Copenhagen';
begin
  if not private.is_organiser_of(save_session.assembly_id) then
    raise exception 'Only the assembly''s facilitators and administrators plan sessions' using errcode = '42501';
  end if;
  if ends <= starts then
    raise exception 'A session must end after it starts' using errcode = 'P0001', detail = 'session_ends_before_start';
  end if;
  if save_session.session_id is null then
    insert into app.sessions (id, assembly_id, title, kind, starts_at, ends_at, is_candidate, place_name,
      address, room, accessibility_note, online_url, description)
    values (id, save_session.assembly_id, trim(save_session.title), save_session.kind, from_ts, to_ts,
      coalesce(save_session.is_candidate, false), trim(coalesce(save_session.place_name, '')),
      trim(coalesce(save_session.address, '')), trim(coalesce(save_session.room, '')),
      trim(coalesce(save_session.accessibility_note, '')), nullif(trim(save_session.online_url), ''),
      trim(coalesce(save_session.description, '')));
  else
    update app.sessions s set
      title = trim(save_session.title), kind = save_session.kind, starts_at = from_ts, ends_at = to_ts,
      is_candidate = coalesce(save_session.is_candidate, false),
      place_name = trim(coalesce(save_session.place_name, '')), address = trim(coalesce(save_session.address, '')),
      room = trim(coalesce(save_session.room, '')),
      accessibility_note = trim(coalesce(save_session.accessibility_note, '')),
      online_url = nullif(trim(save_session.online_url), ''),
      description = trim(coalesce(save_session.description, ''))
    where s.id = save_session.session_id and s.assembly_id = save_session.assembly_id;
    if not found then
      raise exception 'Session not found' using errcode = 'PT404';
    end if;
  end if;
  return id;
end
$$;

-- Cancel a session (it stays in the plan and in calendars, marked cancelled), or reinstate it.
create function api.cancel_session(session_id uuid, reason text) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  if nullif(trim(reason), '') is null then
    raise exception 'Say why the session is cancelled' using errcode = 'P0001', detail = 'cancellation_reason_required';
  end if;
  update app.sessions s set cancelled_at = now(), cancellation_reason = trim(reason)
  where s.id = cancel_session.session_id and s.cancelled_at is null
    and private.is_organiser_of(s.assembly_id);
  if not found then
    raise exception 'Session not found or already cancelled' using errcode = 'PT404';
  end if;
end
$$;

create function api.reinstate_session(session_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.sessions s set cancelled_at = null, cancellation_reason = ''
  where s.id = reinstate_session.session_id and s.cancelled_at is not null
    and private.is_organiser_of(s.assembly_id);
  if not found then
    raise exception 'Session not found or not cancelled' using errcode = 'PT404';
  end if;
end
$$;

-- Only a candidate date that was not chosen can be removed; a planned session is cancelled instead.
create function api.delete_candidate_session(session_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.sessions s
  where s.id = delete_candidate_session.session_id and s.is_candidate and private.is_organiser_of(s.assembly_id);
  if not found then
    raise exception 'Only candidate dates can be removed' using errcode = 'P0001', detail = 'not_a_candidate';
  end if;
end
$$;

create function api.save_agenda_item(
  session_id uuid, item_id uuid, title text, description text, planned_minutes int, led_by text
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := coalesce(save_agenda_item.item_id, gen_random_uuid());
begin
  if not exists (select 1 from app.sessions s where s.id = save_agenda_item.session_id
                 and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers edit the agenda' using errcode = '42501';
  end if;
  if save_agenda_item.item_id is null then
    insert into app.agenda_items (id, session_id, position, title, description, planned_minutes, led_by)
    values (id, save_agenda_item.session_id,
      coalesce((select max(i.position) + 1 from app.agenda_items i where i.session_id = save_agenda_item.session_id), 1),
      trim(save_agenda_item.title), trim(coalesce(save_agenda_item.description, '')),
      save_agenda_item.planned_minutes, trim(coalesce(save_agenda_item.led_by, '')));
  else
    update app.agenda_items i set title = trim(save_agenda_item.title),
      description = trim(coalesce(save_agenda_item.description, '')),
      planned_minutes = save_agenda_item.planned_minutes, led_by = trim(coalesce(save_agenda_item.led_by, ''))
    where i.id = save_agenda_item.item_id and i.session_id = save_agenda_item.session_id;
    if not found then
      raise exception 'Agenda item not found' using errcode = 'PT404';
    end if;
  end if;
  return id;
end
$$;

create function api.delete_agenda_item(item_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.agenda_items i where i.id = delete_agenda_item.item_id;
  if not found then
    raise exception 'Agenda item not found' using errcode = 'PT404';
  end if;
end
$$;

-- Move an item one place up (-1) or down (+1) by swapping with its neighbour.
create function api.move_agenda_item(item_id uuid, direction int) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  item app.agenda_items;
  neighbour app.agenda_items;
begin
  select * into item from app.agenda_items i where i.id = move_agenda_item.item_id for update;
  if item.id is null then
    raise exception 'Agenda item not found' using errcode = 'PT404';
  end if;
  if direction < 0 then
    select * into neighbour from app.agenda_items i
    where i.session_id = item.session_id and (i.position, i.created_at) < (item.position, item.created_at)
    order by i.position desc, i.created_at desc limit 1 for update;
  else
    select * into neighbour from app.agenda_items i
    where i.session_id = item.session_id and (i.position, i.created_at) > (item.position, item.created_at)
    order by i.position, i.created_at limit 1 for update;
  end if;
  if neighbour.id is null then
    return;
  end if;
  update app.agenda_items i set position = case when i.id = item.id then neighbour.position else item.position end
  where i.id in (item.id, neighbour.id);
  -- Equal positions (never reordered before): make the order explicit.
  if item.position = neighbour.position then
    update app.agenda_items i set position = o.n
    from (select x.id, row_number() over (order by x.position, x.created_at) * 10 as n
          from app.agenda_items x where x.session_id = item.session_id) o
    where i.id = o.id;
    perform api.move_agenda_item(item.id, direction);
  end if;
end
$$;

create function api.save_session_rules(assembly_id uuid, material_days_before int) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  if not private.is_organiser_of(save_session_rules.assembly_id) then
    raise exception 'Only the assembly''s organisers set its rules' using errcode = '42501';
  end if;
  insert into app.session_rules (assembly_id, material_days_before)
  values (save_session_rules.assembly_id, save_session_rules.material_days_before)
  on conflict (assembly_id) do update set material_days_before = excluded.material_days_before;
end
$$;

-- Availability: a member's own answers, and the summary per date for organisers.
create function api.set_availability(session_id uuid, answer app.availability_answer) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  me uuid;
begin
  select p.id into me from app.people p
  join app.role_assignments ra on ra.person_id = p.id and ra.role = 'member'
  join app.sessions s on s.assembly_id = ra.assembly_id
  where s.id = set_availability.session_id and p.user_id = auth.uid() limit 1;
  if me is null then
    raise exception 'Only the assembly''s members answer the poll' using errcode = '42501';
  end if;
  insert into app.availability (session_id, person_id, answer)
  values (set_availability.session_id, me, set_availability.answer)
  on conflict on constraint availability_pkey do update set answer = excluded.answer, answered_at = now();
end
$$;

create function api.my_availability(assembly_id uuid)
returns table (session_id uuid, answer app.availability_answer)
language sql stable security invoker set search_path = ''
as $$
  select a.session_id, a.answer
  from app.availability a
  join app.sessions s on s.id = a.session_id
  where s.assembly_id = my_availability.assembly_id and a.person_id in (select private.my_person_ids())
$$;

create function api.availability_summary(assembly_id uuid)
returns table (session_id uuid, yes int, maybe int, no int, unanswered int, members int)
language plpgsql stable security invoker set search_path = ''
as $$
begin
  if not private.is_organiser_of(availability_summary.assembly_id) then
    raise exception 'Only the assembly''s organisers see the availability summary' using errcode = '42501';
  end if;
  return query
  with members as (
    select ra.person_id from app.role_assignments ra
    where ra.assembly_id = availability_summary.assembly_id and ra.role = 'member'
  )
  select s.id,
    count(*) filter (where a.answer = 'yes')::int,
    count(*) filter (where a.answer = 'maybe')::int,
    count(*) filter (where a.answer = 'no')::int,
    count(*) filter (where a.answer is null)::int,
    count(*)::int
  from app.sessions s
  cross join members m
  left join app.availability a on a.session_id = s.id and a.person_id = m.person_id
  where s.assembly_id = availability_summary.assembly_id and s.cancelled_at is null
  group by s.id, s.starts_at
  order by s.starts_at;
end
$$;

-- Calendar feeds: a secret address per person, renewable and revocable.
create function api.my_calendar_feed() returns text
language sql stable security invoker set search_path = ''
as $$
  select f.token from app.calendar_feeds f where f.person_id in (select private.my_person_ids()) limit 1
$$;

create function api.renew_calendar_feed() returns text
language plpgsql security invoker set search_path = ''
as $$
declare
  me uuid := (select p from private.my_person_ids() p limit 1);
  secret text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
begin
  if me is null then
    raise exception 'Only people taking part in an assembly have a calendar' using errcode = '42501';
  end if;
  -- Two random UUIDs give 244 random bits; hashing makes the token uniform hex.
  secret := encode(sha256(convert_to(secret, 'UTF8')), 'hex');
  insert into app.calendar_feeds (person_id, token) values (me, secret)
  on conflict (person_id) do update set token = excluded.token, created_at = now();
  return secret;
end
$$;

create function api.revoke_calendar_feed() returns void
language sql security invoker set search_path = ''
as $$
  delete from app.calendar_feeds f where f.person_id in (select private.my_person_ids())
$$;

-- The feed behind a token, for a calendar application that holds it (a named privileged read):
-- the sessions of every assembly the person takes part in, cancelled ones included.
create function private.calendar_feed_for_token(token text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  owner uuid;
begin
  select f.person_id into owner from app.calendar_feeds f
  where f.token = lower(calendar_feed_for_token.token) and calendar_feed_for_token.token ~* '^[0-9a-f]{64}$';
  if owner is null then
    raise exception 'Calendar not found' using errcode = 'PT404';
  end if;
  return coalesce((
    select jsonb_agg(private.session_json(s, true) || jsonb_build_object('assembly_title', a.title)
                     order by s.starts_at)
    from app.sessions s
    join app.assemblies a on a.id = s.assembly_id
    where not s.is_candidate
      and s.assembly_id in (select ra.assembly_id from app.role_assignments ra where ra.person_id = owner)), '[]'::jsonb);
end
$$;

create function api.calendar_feed(token text) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.calendar_feed_for_token(calendar_feed.token) $$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.calendar_feed_for_token(text) to anon, authenticated, service_role;
grant execute on function private.session_json(app.sessions, boolean) to anon, authenticated, service_role;
grant execute on function api.assembly_sessions(uuid), api.get_session(uuid), api.calendar_feed(text)
  to anon, authenticated, service_role;
grant execute on function
  api.save_session(uuid, uuid, text, app.session_kind, date, time, time, boolean, text, text, text, text, text, text),
  api.cancel_session(uuid, text), api.reinstate_session(uuid), api.delete_candidate_session(uuid),
  api.save_agenda_item(uuid, uuid, text, text, int, text), api.delete_agenda_item(uuid),
  api.move_agenda_item(uuid, int), api.save_session_rules(uuid, int),
  api.set_availability(uuid, app.availability_answer), api.my_availability(uuid),
  api.availability_summary(uuid), api.my_calendar_feed(), api.renew_calendar_feed(), api.revoke_calendar_feed()
  to authenticated, service_role;
