-- Recommendations, the core the other capabilities build on: working groups, recommendations and
-- their versions (every save is a new version), the freeze (the adopted text can never change, and
-- its SHA-256 is kept) and the handover (handed_over_at; the assembly's handover_on starts the
-- council's response clocks). Drafting, amendments, comments, the support vote and the report are
-- built on these tables by later migrations; writes go through api functions only.
--
-- The frozen hash is sha256(utf8(private.recommendation_text(title, body_md))) of the frozen
-- version: '# ' || title || E'\n\n' || body_md, exactly the Markdown a reader can copy and check.

create type app.recommendation_kind as enum ('recommendation', 'method');
create type app.recommendation_status as enum ('draft', 'voting', 'adopted', 'not_adopted', 'withdrawn');

create table app.working_groups (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  name text not null check (char_length(name) between 2 and 120),
  welfare_area_id uuid references app.welfare_areas (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (assembly_id, name)
);
comment on table app.working_groups is 'A working group of members drafting recommendations on a theme or welfare area.';
alter table app.working_groups enable row level security;

create table app.working_group_members (
  working_group_id uuid not null references app.working_groups (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  primary key (working_group_id, person_id)
);
create index working_group_members_person_idx on app.working_group_members (person_id);
alter table app.working_group_members enable row level security;

create table app.recommendations (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  working_group_id uuid references app.working_groups (id) on delete set null,
  number int not null check (number between 1 and 999),
  kind app.recommendation_kind not null default 'recommendation',
  status app.recommendation_status not null default 'draft',
  frozen_version int,
  frozen_at timestamptz,
  frozen_sha256 text check (frozen_sha256 ~ '^[0-9a-f]{64}$'),
  handed_over_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (assembly_id, number),
  constraint recommendations_frozen_together check (
    (frozen_version is null) = (frozen_at is null) and (frozen_at is null) = (frozen_sha256 is null)),
  constraint recommendations_frozen_when_adopted check (frozen_at is null or status = 'adopted'),
  constraint recommendations_handed_over_frozen check (handed_over_at is null or frozen_at is not null)
);
create index recommendations_assembly_idx on app.recommendations (assembly_id, number);
comment on table app.recommendations is 'A recommendation (or a prioritisation method) of an assembly. Frozen once adopted; handed_over_at marks what the council must respond to.';
alter table app.recommendations enable row level security;

create table app.recommendation_versions (
  id uuid primary key default gen_random_uuid(),
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  version int not null check (version >= 1),
  title text not null check (char_length(title) between 3 and 200),
  body_md text not null default '' check (char_length(body_md) <= 20000),
  rationale_md text not null default '' check (char_length(rationale_md) <= 10000),
  welfare_area_ids uuid[] not null default '{}',
  -- Estimated yearly cost (positive) or saving (negative) in mio. kr.
  amount_mio numeric(12, 1) check (amount_mio is null or abs(amount_mio) < 1000000),
  -- For kind 'method': the named criteria and their weights, [{"name": text, "weight": number}].
  criteria jsonb not null default '[]'::jsonb check (jsonb_typeof(criteria) = 'array'),
  -- Links to the evidence and material it rests on, [{"label": text, "url": text} | {"material_id": uuid}].
  evidence jsonb not null default '[]'::jsonb check (jsonb_typeof(evidence) = 'array'),
  author_person_id uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (recommendation_id, version)
);
comment on table app.recommendation_versions is 'Every saved state of a recommendation, never changed: a save is a new version.';
alter table app.recommendation_versions enable row level security;

-- The text whose SHA-256 is shown with a frozen recommendation.
create function private.recommendation_text(p_title text, p_body_md text) returns text
language sql immutable set search_path = ''
as $$ select '# ' || p_title || E'\n\n' || p_body_md $$;

create function private.recommendation_sha256(p_title text, p_body_md text) returns text
language sql immutable set search_path = ''
as $$ select encode(sha256(convert_to(private.recommendation_text(p_title, p_body_md), 'UTF8')), 'hex') $$;

-- Versions are immutable, and a frozen recommendation gets no new version.
create function private.recommendation_versions_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if exists (select 1 from app.recommendations r where r.id = new.recommendation_id and r.frozen_at is not null) then
      raise exception 'The recommendation is frozen; its text can no longer change'
        using errcode = 'P0001', detail = 'recommendation_frozen';
    end if;
    return new;
  elsif tg_op = 'UPDATE' then
    raise exception 'A saved version is never changed; save a new version instead'
      using errcode = 'P0001', detail = 'version_immutable';
  else
    -- Deleting versions happens only with their (unfrozen) recommendation, by cascade.
    if exists (select 1 from app.recommendations r where r.id = old.recommendation_id) then
      raise exception 'A saved version is never removed' using errcode = 'P0001', detail = 'version_immutable';
    end if;
    return old;
  end if;
end
$$;
revoke execute on function private.recommendation_versions_guard() from public;
create trigger recommendation_versions_guard before insert or update or delete on app.recommendation_versions
  for each row execute function private.recommendation_versions_guard();

-- A frozen recommendation keeps its frozen version, hash and time; it is never removed; the only
-- changes left are the handover mark (set once) and updated_at. The hash must match the version.
create function private.recommendations_freeze_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v app.recommendation_versions;
begin
  if tg_op = 'DELETE' then
    if old.frozen_at is not null then
      raise exception 'A frozen recommendation cannot be removed' using errcode = 'P0001', detail = 'recommendation_frozen';
    end if;
    return old;
  end if;
  if old.frozen_at is not null then
    if (new.assembly_id, new.number, new.kind, new.status, new.frozen_version, new.frozen_at, new.frozen_sha256)
       is distinct from (old.assembly_id, old.number, old.kind, old.status, old.frozen_version, old.frozen_at, old.frozen_sha256)
       or (old.handed_over_at is not null and new.handed_over_at is distinct from old.handed_over_at) then
      raise exception 'The recommendation is frozen; it can no longer change' using errcode = 'P0001', detail = 'recommendation_frozen';
    end if;
  elsif new.frozen_at is not null then
    select * into v from app.recommendation_versions rv
    where rv.recommendation_id = new.id and rv.version = new.frozen_version;
    if not found or new.frozen_sha256 <> private.recommendation_sha256(v.title, v.body_md) then
      raise exception 'The frozen hash does not match the frozen version' using errcode = 'P0001', detail = 'frozen_hash_mismatch';
    end if;
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.recommendations_freeze_guard() from public;
create trigger recommendations_freeze_guard before update or delete on app.recommendations
  for each row execute function private.recommendations_freeze_guard();

-- Privileges: reads by policy; writes only through api functions (added with drafting).
grant select on app.working_groups, app.working_group_members, app.recommendations, app.recommendation_versions to anon, authenticated;
grant all on app.working_groups, app.working_group_members, app.recommendations, app.recommendation_versions to service_role;

-- Before handover: members, organisers, the council and evaluators of the assembly read everything.
-- After handover: anyone reads what was handed over, with every version, in public assemblies.
create policy "Participants read the assembly's working groups" on app.working_groups
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin,council,evaluator}')));
create policy "Participants read who is in which working group" on app.working_group_members
  for select to authenticated using (working_group_id in (select g.id from app.working_groups g));
create policy "Participants read the assembly's recommendations" on app.recommendations
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin,council,evaluator}')));
create policy "Anyone reads handed-over recommendations of public assemblies" on app.recommendations
  for select to anon, authenticated using (
    handed_over_at is not null and assembly_id in (select a.id from app.assemblies a where a.is_public));
create policy "Versions are read with their recommendation" on app.recommendation_versions
  for select to anon, authenticated using (recommendation_id in (select r.id from app.recommendations r));

revoke execute on all functions in schema private from public;
grant execute on function private.recommendation_text(text, text), private.recommendation_sha256(text, text) to anon, authenticated, service_role;
