-- The municipality's budget calendar, per municipality and year: spring seminar, the committees'
-- strategic challenges, the technical budget proposal, the hearing, first reading, budget seminar,
-- second reading and adoption (by 15 October). Until an administrator sets a year's dates, the
-- defaults from the municipality's own process paper apply (seeds/002: 26 February, May–June,
-- 28 August, 9–20 September, 19 September, 23–24 September, 9 October, 15 October).
-- The assembly's timeline is drawn against it, so organisers see whether the handover comes before
-- the first reading, and the public sees where the recommendations are in the council's process.
-- The calendar is public information: anyone reads it.

create type app.budget_event_kind as enum (
  'spring_seminar', 'strategic_challenges', 'technical_budget', 'hearing',
  'first_reading', 'budget_seminar', 'second_reading', 'adoption'
);

create table app.budget_events (
  id uuid primary key default gen_random_uuid(),
  municipality text not null check (char_length(municipality) between 2 and 100),
  year int not null check (year between 2000 and 2100),
  kind app.budget_event_kind not null,
  starts_on date not null,
  ends_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (municipality, year, kind),
  constraint budget_events_in_year check (extract(year from starts_on) = year),
  constraint budget_events_order check (ends_on is null or ends_on >= starts_on)
);
comment on table app.budget_events is 'A municipality''s budget process for a year, one row per event; missing events fall back to the defaults.';
alter table app.budget_events enable row level security;

-- The default dates of a year's budget process.
create function private.default_budget_events(target_year int)
returns table (kind app.budget_event_kind, starts_on date, ends_on date)
language sql immutable set search_path = ''
as $$
  select d.kind, make_date(target_year, d.m1, d.d1), case when d.m2 is null then null else make_date(target_year, d.m2, d.d2) end
  from (values
    ('spring_seminar'::app.budget_event_kind, 2, 26, null::int, null::int),
    ('strategic_challenges', 5, 1, 6, 30),
    ('technical_budget', 8, 28, null, null),
    ('hearing', 9, 9, 9, 20),
    ('first_reading', 9, 19, null, null),
    ('budget_seminar', 9, 23, 9, 24),
    ('second_reading', 10, 9, null, null),
    ('adoption', 10, 15, null, null)) as d(kind, m1, d1, m2, d2)
$$;

-- The municipalities whose calendar the caller may set: those of the assemblies they administer.
create function private.municipalities_i_administer() returns setof text
language sql stable security definer set search_path = ''
as $$
  select distinct a.municipality from app.assemblies a
  where a.id in (select private.assemblies_where_i_am('{admin}')) or private.is_platform_admin()
$$;

grant select on app.budget_events to anon, authenticated;
grant insert, update, delete on app.budget_events to authenticated;
grant all on app.budget_events to service_role;

create policy "Anyone reads the budget calendar" on app.budget_events
  for select to anon, authenticated using (true);
create policy "Administrators set their municipality's calendar" on app.budget_events
  for insert to authenticated with check (municipality in (select private.municipalities_i_administer()));
create policy "Administrators change their municipality's calendar" on app.budget_events
  for update to authenticated
  using (municipality in (select private.municipalities_i_administer()))
  with check (municipality in (select private.municipalities_i_administer()));
create policy "Administrators return an event to its default" on app.budget_events
  for delete to authenticated using (municipality in (select private.municipalities_i_administer()));

-- The year's calendar for the assembly's municipality: the set dates, the defaults for the rest.
create function api.budget_calendar(assembly_id uuid, year int)
returns table (kind app.budget_event_kind, starts_on date, ends_on date, is_default boolean)
language sql stable security invoker set search_path = ''
as $$
  select d.kind, coalesce(e.starts_on, d.starts_on),
    case when e.id is null then d.ends_on else e.ends_on end, e.id is null
  from app.assemblies a
  cross join private.default_budget_events(budget_calendar.year) d
  left join app.budget_events e on e.municipality = a.municipality and e.year = budget_calendar.year and e.kind = d.kind
  where a.id = budget_calendar.assembly_id
  order by coalesce(e.starts_on, d.starts_on), d.kind
$$;

-- Sets one event of the year (or, with starts_on null, returns it to the default).
create function api.set_budget_event(assembly_id uuid, year int, kind app.budget_event_kind, starts_on date, ends_on date)
returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  place text;
begin
  select a.municipality into place from app.assemblies a
  where a.id = set_budget_event.assembly_id and a.id in (select private.assemblies_where_i_am('{admin}'));
  if place is null then
    raise exception 'Only the assembly''s administrators set the budget calendar' using errcode = '42501';
  end if;
  if set_budget_event.starts_on is null then
    delete from app.budget_events e where e.municipality = place and e.year = set_budget_event.year and e.kind = set_budget_event.kind;
    return;
  end if;
  insert into app.budget_events (municipality, year, kind, starts_on, ends_on)
  values (place, set_budget_event.year, set_budget_event.kind, set_budget_event.starts_on, set_budget_event.ends_on)
  on conflict on constraint budget_events_municipality_year_kind_key do update
    set starts_on = excluded.starts_on, ends_on = excluded.ends_on, updated_at = now();
end
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.default_budget_events(int), private.municipalities_i_administer() to anon, authenticated, service_role;
grant execute on function api.budget_calendar(uuid, int) to anon, authenticated, service_role;
grant execute on function api.set_budget_event(uuid, int, app.budget_event_kind, date, date) to authenticated, service_role;
