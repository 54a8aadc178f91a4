-- Core tables: assemblies, their welfare areas, people and per-assembly role assignments,
-- with the helpers their policies read and RLS from the start.

create type app.assembly_phase as enum (
  'preparation', 'recruitment', 'sessions', 'drafting', 'handed_over', 'follow_up', 'concluded'
);
create type app.assembly_role as enum ('admin', 'facilitator', 'member', 'council', 'evaluator');

-- Assemblies -------------------------------------------------------------------------------------
create table app.assemblies (
  id uuid primary key default gen_random_uuid(),
  title text not null check (char_length(title) between 3 and 200),
  charge text not null default '' check (char_length(charge) <= 5000),
  municipality text not null check (char_length(municipality) between 2 and 100),
  phase app.assembly_phase not null default 'preparation',
  is_public boolean not null default false,
  preparation_starts_on date,
  recruitment_opens_on date,
  registration_closes_on date,
  first_session_on date,
  last_session_on date,
  handover_on date,
  evaluation_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint assemblies_recruitment_order check (registration_closes_on is null or recruitment_opens_on is null or registration_closes_on >= recruitment_opens_on),
  constraint assemblies_session_order check (last_session_on is null or first_session_on is null or last_session_on >= first_session_on),
  constraint assemblies_handover_after_sessions check (handover_on is null or last_session_on is null or handover_on >= last_session_on)
);
comment on table app.assemblies is 'A citizens'' assembly (borgersamling): its charge, phase and key dates. handover_on starts the council''s response clocks.';
alter table app.assemblies enable row level security;

-- Welfare areas ----------------------------------------------------------------------------------
create table app.welfare_areas (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  position int not null default 0 check (position >= 0),
  name text not null check (char_length(name) between 2 and 120),
  description text not null default '' check (char_length(description) <= 4000),
  budget_mio numeric(12, 1) not null check (budget_mio >= 0 and budget_mio < 1000000),
  created_at timestamptz not null default now(),
  unique (assembly_id, name)
);
create index welfare_areas_assembly_id_idx on app.welfare_areas (assembly_id, position);
comment on table app.welfare_areas is 'The welfare areas (velfærdsområder / kerneområder) an assembly prioritises across, with the yearly budget in mio. kr.';
alter table app.welfare_areas enable row level security;

-- People -----------------------------------------------------------------------------------------
create table app.people (
  id uuid primary key default gen_random_uuid(),
  user_id uuid unique references auth.users (id) on delete set null,
  full_name text not null check (char_length(full_name) between 1 and 200),
  email text check (email is null or (char_length(email) <= 254 and email like '%_@_%')),
  phone text check (phone is null or char_length(phone) <= 30),
  created_at timestamptz not null default now()
);
create unique index people_email_key on app.people (lower(email));
comment on table app.people is 'A person taking part in one or more assemblies. Linked to a sign-in account (auth.users) by e-mail on first sign-in.';
alter table app.people enable row level security;

-- Role assignments -------------------------------------------------------------------------------
create table app.role_assignments (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  role app.assembly_role not null,
  created_at timestamptz not null default now(),
  unique (assembly_id, person_id, role)
);
create index role_assignments_person_id_idx on app.role_assignments (person_id);
create index role_assignments_assembly_id_idx on app.role_assignments (assembly_id, role);
comment on table app.role_assignments is 'Who holds which role (admin, facilitator, member, council, evaluator) in which assembly. Roles never carry over between assemblies.';
alter table app.role_assignments enable row level security;

-- Helpers for policies (security definer, so they can read role_assignments without recursion) --
create function private.is_platform_admin() returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((auth.jwt() -> 'app_metadata' ->> 'platform_admin')::boolean, false)
$$;

create function private.my_person_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select p.id from app.people p where p.user_id = auth.uid()
$$;

-- The assemblies in which the caller holds any of the given roles.
create function private.assemblies_where_i_am(roles app.assembly_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct ra.assembly_id
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  where p.user_id = auth.uid() and ra.role = any (roles)
$$;

-- The people who share an assembly with the caller, where the caller holds one of the given roles.
create function private.people_i_manage(roles app.assembly_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select distinct ra.person_id
  from app.role_assignments ra
  where ra.assembly_id in (select private.assemblies_where_i_am(roles))
$$;

-- People an administrator may edit: those who take part only in assemblies the caller administers.
-- Someone who also takes part elsewhere is not theirs to re-address (an address decides which
-- account a person is linked to at sign-in).
create function private.people_only_in_my_assemblies() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select ra.person_id from app.role_assignments ra
  where ra.assembly_id in (select private.assemblies_where_i_am('{admin}'))
  except
  select ra.person_id from app.role_assignments ra
  where ra.assembly_id not in (select private.assemblies_where_i_am('{admin}'))
$$;

revoke execute on all functions in schema private from public;
grant execute on all functions in schema private to anon, authenticated, service_role;

-- Table privileges: RLS decides the rows.
-- anon may select everywhere; without an anon policy RLS returns no rows, rather than an error.
grant select on app.assemblies, app.welfare_areas, app.people, app.role_assignments to anon;
grant select, insert, update, delete on app.assemblies, app.welfare_areas, app.role_assignments to authenticated;
-- The account link (user_id) is set only by the sign-in trigger, never by a caller.
grant select, delete on app.people to authenticated;
grant insert (id, full_name, email, phone), update (full_name, email, phone) on app.people to authenticated;
grant all on app.assemblies, app.welfare_areas, app.people, app.role_assignments to service_role;

-- Policies: assemblies -----------------------------------------------------------------------------
create policy "Anyone can read public assemblies" on app.assemblies
  for select to anon using (is_public);
create policy "People can read public assemblies and their own" on app.assemblies
  for select to authenticated using (
    is_public
    or id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}'))
    or (select private.is_platform_admin())
  );
create policy "Platform administrators can create assemblies" on app.assemblies
  for insert to authenticated with check ((select private.is_platform_admin()));
create policy "Administrators can update their assembly" on app.assemblies
  for update to authenticated
  using (id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()))
  with check (id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));
create policy "Platform administrators can delete assemblies" on app.assemblies
  for delete to authenticated using ((select private.is_platform_admin()));

-- Policies: welfare areas --------------------------------------------------------------------------
create policy "Anyone can read the welfare areas of public assemblies" on app.welfare_areas
  for select to anon using (assembly_id in (select a.id from app.assemblies a where a.is_public));
create policy "People can read the welfare areas of assemblies they see" on app.welfare_areas
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "Administrators can add welfare areas" on app.welfare_areas
  for insert to authenticated
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));
create policy "Administrators can update welfare areas" on app.welfare_areas
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));
create policy "Administrators can delete welfare areas" on app.welfare_areas
  for delete to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));

-- Policies: people ---------------------------------------------------------------------------------
create policy "People can read themselves and whom they organise" on app.people
  for select to authenticated using (
    user_id = (select auth.uid())
    or id in (select private.people_i_manage('{admin,facilitator}'))
    or (select private.is_platform_admin())
  );
create policy "Administrators can add people" on app.people
  for insert to authenticated with check (
    exists (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin())
  );
create policy "People and their administrators can update a person" on app.people
  for update to authenticated
  using (user_id = (select auth.uid()) or id in (select private.people_only_in_my_assemblies()) or (select private.is_platform_admin()))
  with check (user_id = (select auth.uid()) or id in (select private.people_only_in_my_assemblies()) or (select private.is_platform_admin()));
create policy "Platform administrators can delete people" on app.people
  for delete to authenticated using ((select private.is_platform_admin()));

-- Policies: role assignments -----------------------------------------------------------------------
create policy "People can read their own roles and organisers their assembly's" on app.role_assignments
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))
    or (select private.is_platform_admin())
  );
create policy "Administrators can assign roles in their assembly" on app.role_assignments
  for insert to authenticated
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));
create policy "Administrators can remove roles in their assembly" on app.role_assignments
  for delete to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')) or (select private.is_platform_admin()));

-- Link a new sign-in account to the person recruited with the same address.
create function private.link_person_to_new_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  update app.people set user_id = new.id
  where lower(email) = lower(new.email) and user_id is null;
  return new;
end
$$;
revoke execute on function private.link_person_to_new_user() from public, anon, authenticated;

create trigger on_auth_user_created_link_person
  after insert on auth.users
  for each row execute function private.link_person_to_new_user();

-- A person added after the account exists is linked at once.
create function private.link_new_person_to_user() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.user_id is null and new.email is not null then
    select u.id into new.user_id from auth.users u where lower(u.email) = lower(new.email);
  end if;
  return new;
end
$$;
revoke execute on function private.link_new_person_to_user() from public, anon, authenticated;

create trigger link_new_person_to_user
  before insert on app.people
  for each row execute function private.link_new_person_to_user();
