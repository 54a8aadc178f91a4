-- The exposed API for the core: reading assemblies and their welfare areas, the caller's roles,
-- people and roles for organisers, and the administrator's edits. Security invoker throughout, so
-- the policies of schema app decide what each caller may see and change.

-- Counts that are public knowledge for a visible assembly (how many members, facilitators, ...).
create function private.role_counts(target_assembly_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_object_agg(role, n), '{}'::jsonb)
  from (
    select ra.role, count(*) as n
    from app.role_assignments ra
    where ra.assembly_id = target_assembly_id
      -- A definer sees every row, so the caller's right to see the assembly is checked here.
      and (
        exists (select 1 from app.assemblies a where a.id = target_assembly_id and a.is_public)
        or target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}'))
        or private.is_platform_admin()
      )
    group by ra.role
  ) c
$$;
revoke execute on function private.role_counts(uuid) from public;
grant execute on function private.role_counts(uuid) to anon, authenticated, service_role;

-- The id of the person with this address, for administrators adding someone who may already take
-- part elsewhere. Re-checks the caller inside.
create function private.person_id_for_email(address text) returns uuid
language plpgsql stable security definer set search_path = ''
as $$
begin
  if not (exists (select private.assemblies_where_i_am('{admin}')) or private.is_platform_admin()) then
    raise exception 'Only administrators can look up people' using errcode = '42501';
  end if;
  return (select p.id from app.people p where lower(p.email) = lower(address));
end
$$;
revoke execute on function private.person_id_for_email(text) from public;
grant execute on function private.person_id_for_email(text) to authenticated, service_role;

-- Who am I, as the database sees the caller.
create function api.whoami() returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'role', auth.role(),
    'user_id', auth.uid(),
    'email', auth.jwt() ->> 'email',
    'platform_admin', private.is_platform_admin(),
    'person', (select jsonb_build_object('id', p.id, 'full_name', p.full_name)
               from app.people p where p.user_id = auth.uid())
  )
$$;

-- Assemblies the caller may see (public ones, and those they hold a role in).
create function api.list_assemblies()
returns table (id uuid, title text, municipality text, phase app.assembly_phase, handover_on date, is_public boolean)
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.title, a.municipality, a.phase, a.handover_on, a.is_public
  from app.assemblies a
  order by a.created_at desc
$$;

-- The caller's assemblies with their roles in each.
create function api.my_assemblies()
returns table (id uuid, title text, municipality text, phase app.assembly_phase, roles app.assembly_role[])
language sql stable security invoker set search_path = ''
as $$
  select a.id, a.title, a.municipality, a.phase,
         array_agg(ra.role order by ra.role) as roles
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id and p.user_id = auth.uid()
  join app.assemblies a on a.id = ra.assembly_id
  group by a.id
  order by a.title
$$;

-- One assembly with its welfare areas, role counts and the caller's roles in it.
-- Raises PT404 when the assembly does not exist or the caller may not see it.
create function api.get_assembly(assembly_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  result jsonb;
begin
  select to_jsonb(a) - 'created_at' - 'updated_at'
    || jsonb_build_object(
      'welfare_areas', coalesce((
        select jsonb_agg(jsonb_build_object(
          'id', w.id, 'name', w.name, 'description', w.description,
          'budget_mio', w.budget_mio, 'position', w.position) order by w.position, w.name)
        from app.welfare_areas w where w.assembly_id = a.id), '[]'::jsonb),
      'role_counts', private.role_counts(a.id),
      'my_roles', coalesce((
        select jsonb_agg(ra.role order by ra.role)
        from app.role_assignments ra
        join app.people p on p.id = ra.person_id
        where ra.assembly_id = a.id and p.user_id = auth.uid()), '[]'::jsonb)
    )
  into result
  from app.assemblies a
  where a.id = get_assembly.assembly_id;

  if result is null then
    raise exception 'Assembly not found'
      using errcode = 'PT404', hint = 'It does not exist, or it is not public and you hold no role in it.';
  end if;
  return result;
end
$$;

-- People of an assembly with their roles, for its administrators and facilitators. Contact details
-- are returned to administrators only.
create function api.assembly_people(assembly_id uuid)
returns table (person_id uuid, full_name text, email text, phone text, has_account boolean, roles app.assembly_role[])
language sql stable security invoker set search_path = ''
as $$
  with me as (
    select assembly_people.assembly_id in (select private.assemblies_where_i_am('{admin}'))
           or private.is_platform_admin() as is_admin
  )
  select p.id, p.full_name,
         case when me.is_admin then p.email end,
         case when me.is_admin then p.phone end,
         p.user_id is not null,
         array_agg(ra.role order by ra.role)
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  cross join me
  where ra.assembly_id = assembly_people.assembly_id
  group by p.id, me.is_admin
  order by p.full_name
$$;

-- Administrators edit the assembly's description, phase and dates.
create function api.update_assembly(
  assembly_id uuid,
  title text,
  charge text,
  municipality text,
  phase app.assembly_phase,
  is_public boolean,
  recruitment_opens_on date default null,
  registration_closes_on date default null,
  first_session_on date default null,
  last_session_on date default null,
  handover_on date default null,
  evaluation_on date default null
) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  updated app.assemblies;
begin
  update app.assemblies a set
    title = update_assembly.title,
    charge = update_assembly.charge,
    municipality = update_assembly.municipality,
    phase = update_assembly.phase,
    is_public = update_assembly.is_public,
    recruitment_opens_on = update_assembly.recruitment_opens_on,
    registration_closes_on = update_assembly.registration_closes_on,
    first_session_on = update_assembly.first_session_on,
    last_session_on = update_assembly.last_session_on,
    handover_on = update_assembly.handover_on,
    evaluation_on = update_assembly.evaluation_on,
    updated_at = now()
  where a.id = update_assembly.assembly_id
  returning a.* into updated;

  if updated.id is null then
    raise exception 'Only the assembly''s administrators can change it'
      using errcode = '42501', hint = 'Sign in as an administrator of this assembly.';
  end if;
  return to_jsonb(updated);
end
$$;

-- Administrators set a welfare area's name, description and budget.
create function api.update_welfare_area(welfare_area_id uuid, name text, description text, budget_mio numeric)
returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  updated app.welfare_areas;
begin
  update app.welfare_areas w set
    name = update_welfare_area.name,
    description = update_welfare_area.description,
    budget_mio = update_welfare_area.budget_mio
  where w.id = update_welfare_area.welfare_area_id
  returning w.* into updated;

  if updated.id is null then
    raise exception 'Only the assembly''s administrators can change its welfare areas'
      using errcode = '42501';
  end if;
  return to_jsonb(updated);
end
$$;

-- Administrators add a person with a role (or give an existing person a further role) in one step.
create function api.add_person_with_role(assembly_id uuid, full_name text, email text, role app.assembly_role)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  person uuid;
begin
  if not (add_person_with_role.assembly_id in (select private.assemblies_where_i_am('{admin}'))
          or private.is_platform_admin()) then
    raise exception 'Only the assembly''s administrators can add people'
      using errcode = '42501';
  end if;

  person := private.person_id_for_email(add_person_with_role.email);
  if person is null then
    person := gen_random_uuid();
    insert into app.people (id, full_name, email)
    values (person, add_person_with_role.full_name, lower(add_person_with_role.email));
  end if;

  insert into app.role_assignments (assembly_id, person_id, role)
  values (add_person_with_role.assembly_id, person, add_person_with_role.role);
  return person;
exception
  when unique_violation then
    raise exception 'This person already has that role in the assembly'
      using errcode = '23505', hint = 'Choose another role, or leave it as it is.';
end
$$;

-- Administrators remove a role from a person in their assembly.
create function api.remove_role(assembly_id uuid, person_id uuid, role app.assembly_role)
returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.role_assignments ra
  where ra.assembly_id = remove_role.assembly_id
    and ra.person_id = remove_role.person_id
    and ra.role = remove_role.role;
  if not found then
    raise exception 'No such role to remove, or you may not remove it'
      using errcode = 'PT404';
  end if;
end
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.whoami(), api.list_assemblies(), api.get_assembly(uuid)
  to anon, authenticated, service_role;
grant execute on function api.my_assemblies(), api.assembly_people(uuid),
  api.update_assembly(uuid, text, text, text, app.assembly_phase, boolean, date, date, date, date, date, date),
  api.update_welfare_area(uuid, text, text, numeric),
  api.add_person_with_role(uuid, text, text, app.assembly_role),
  api.remove_role(uuid, uuid, app.assembly_role)
  to authenticated, service_role;
