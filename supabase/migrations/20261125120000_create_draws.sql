-- The verifiable draw (after RFC 3797). A draw is computed (the LEXIMIN distribution rounded to a
-- lottery), committed (the pseudonymous pool, quotas, lottery and probabilities published with
-- their SHA-256 before any randomness exists), then drawn from public randomness that two
-- different people enter. The commitment and the bundle are public for a public assembly.

create type app.draw_status as enum ('computing', 'committed', 'drawn', 'failed', 'cancelled');

create table app.draws (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  status app.draw_status not null default 'computing',
  progress real not null default 0 check (progress between 0 and 1),
  progress_message text not null default '',
  failure text,
  -- [{name, description}], named before the randomness exists.
  random_sources jsonb not null check (jsonb_typeof(random_sources) = 'array' and jsonb_array_length(random_sources) between 1 and 5),
  commitment jsonb,
  commitment_hash text check (commitment_hash is null or commitment_hash ~ '^[0-9a-f]{64}$'),
  bundle jsonb,
  seed text check (seed is null or seed ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now(),
  committed_at timestamptz,
  drawn_at timestamptz,
  constraint draws_commitment_when_committed check (status in ('computing', 'failed', 'cancelled') or commitment_hash is not null),
  constraint draws_bundle_when_drawn check (status <> 'drawn' or (bundle is not null and seed is not null))
);
create index draws_assembly_id_idx on app.draws (assembly_id, created_at desc);
-- At most one draw of an assembly is in progress or committed and waiting for its randomness.
create unique index draws_one_open_per_assembly on app.draws (assembly_id) where status in ('computing', 'committed');
comment on table app.draws is 'A draw of an assembly''s panel: the commitment published before the randomness, then the bundle that anyone can verify.';
alter table app.draws enable row level security;

create table app.draw_random_entries (
  id uuid primary key default gen_random_uuid(),
  draw_id uuid not null references app.draws (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  -- One value per named source, in the order of random_sources.
  entered_values text[] not null check (cardinality(entered_values) between 1 and 5),
  created_at timestamptz not null default now(),
  unique (draw_id, person_id)
);
create index draw_random_entries_draw_id_idx on app.draw_random_entries (draw_id);
create index draw_random_entries_person_id_idx on app.draw_random_entries (person_id);
comment on table app.draw_random_entries is 'One person''s entry of the public random values; a draw needs two people whose entries agree.';
alter table app.draw_random_entries enable row level security;

alter table app.registrations add column reserve_rank int check (reserve_rank is null or reserve_rank > 0);
alter table app.registrations add column draw_id uuid references app.draws (id) on delete set null;
create index registrations_draw_id_idx on app.registrations (draw_id);

grant select on app.draws, app.draw_random_entries to anon;
grant select, insert, update on app.draws to authenticated;
grant select, insert on app.draw_random_entries to authenticated;
grant all on app.draws, app.draw_random_entries to service_role;

create policy "Visitors can read committed draws of public assemblies" on app.draws
  for select to anon using (status in ('committed', 'drawn') and assembly_id in (select a.id from app.assemblies a));
create policy "People read committed draws; administrators all" on app.draws
  for select to authenticated using (
    (status in ('committed', 'drawn') and assembly_id in (select a.id from app.assemblies a))
    or assembly_id in (select private.assemblies_where_i_am('{admin}'))
  );
create policy "Administrators can start a draw" on app.draws
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can advance a draw" on app.draws
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Organisers can read random entries" on app.draw_random_entries
  for select to authenticated using (draw_id in (
    select d.id from app.draws d where d.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers can enter randomness once, as themselves" on app.draw_random_entries
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and draw_id in (select d.id from app.draws d
                    where d.status = 'committed'
                      and d.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')))
  );

-- A commitment once stored never changes, and a drawn bundle is final.
create function private.draws_are_final() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.commitment_hash is not null and (new.commitment_hash is distinct from old.commitment_hash
      or new.commitment is distinct from old.commitment or new.random_sources is distinct from old.random_sources) then
    raise exception 'A published commitment cannot change' using errcode = '42501';
  end if;
  if old.status = 'drawn' then
    raise exception 'A completed draw cannot change' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke execute on function private.draws_are_final() from public, anon, authenticated;
create trigger draws_are_final before update on app.draws
  for each row execute function private.draws_are_final();

-- API ------------------------------------------------------------------------------------------------

create function api.start_draw(assembly_id uuid, random_sources jsonb) returns uuid
language sql security invoker set search_path = ''
as $$
  insert into app.draws (assembly_id, random_sources) values (start_draw.assembly_id, start_draw.random_sources)
  returning id
$$;

create function api.draw_progress(draw_id uuid, progress real, message text) returns void
language sql security invoker set search_path = ''
as $$
  update app.draws d set progress = least(1, greatest(0, draw_progress.progress)), progress_message = message
  where d.id = draw_progress.draw_id and d.status = 'computing'
$$;

create function api.finish_draw_computation(draw_id uuid, commitment jsonb, commitment_hash text) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.draws d set status = 'committed', progress = 1, commitment = finish_draw_computation.commitment,
    commitment_hash = finish_draw_computation.commitment_hash, committed_at = now()
  where d.id = finish_draw_computation.draw_id and d.status = 'computing';
  if not found then
    raise exception 'The draw is not being computed' using errcode = 'P0001', detail = 'draw_not_computing';
  end if;
end
$$;

create function api.stop_draw(draw_id uuid, status app.draw_status, failure text default null) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  if stop_draw.status not in ('failed', 'cancelled') then
    raise exception 'A draw stops as failed or cancelled' using errcode = 'P0001';
  end if;
  update app.draws d set status = stop_draw.status, failure = stop_draw.failure
  where d.id = stop_draw.draw_id and d.status in ('computing', 'committed');
  if not found then
    raise exception 'The draw cannot be stopped now' using errcode = 'P0001', detail = 'draw_not_open';
  end if;
end
$$;

create function api.enter_random_values(draw_id uuid, entered_values text[]) returns void
language sql security invoker set search_path = ''
as $$
  insert into app.draw_random_entries (draw_id, person_id, entered_values)
  select enter_random_values.draw_id, p.id, enter_random_values.entered_values
  from app.people p where p.user_id = auth.uid()
$$;

-- Records the drawn bundle and sets every pool member's status from it, in one transaction.
-- selected, reserves: registration numbers; reserves in rank order (only the first reserve_size
-- get a rank and the reserve status).
create function api.complete_draw(draw_id uuid, bundle jsonb, seed text, selected int[], reserves int[])
returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  draw app.draws;
  reserve_size int;
begin
  select * into draw from app.draws d where d.id = complete_draw.draw_id and d.status = 'committed' for update;
  if draw.id is null then
    raise exception 'The draw is not waiting for its randomness' using errcode = 'P0001', detail = 'draw_not_committed';
  end if;
  if (select count(distinct e.person_id) from app.draw_random_entries e where e.draw_id = draw.id) < 2 then
    raise exception 'Two different people must enter the random values' using errcode = 'P0001', detail = 'two_entries_needed';
  end if;
  if bundle #>> '{commitment,hashes,commitment}' is distinct from draw.commitment_hash
     or bundle -> 'commitment' is distinct from draw.commitment then
    raise exception 'The bundle does not rest on the published commitment' using errcode = 'P0001', detail = 'commitment_mismatch';
  end if;
  select coalesce(s.reserve_size, 10) into reserve_size from app.recruitment_settings s where s.assembly_id = draw.assembly_id;
  reserve_size := coalesce(reserve_size, 10);

  update app.draws d set status = 'drawn', bundle = complete_draw.bundle, seed = complete_draw.seed, drawn_at = now()
  where d.id = draw.id;
  update app.registrations r set status = 'selected', draw_id = draw.id, reserve_rank = null
  where r.assembly_id = draw.assembly_id and r.status = 'pool' and r.registration_number = any (selected);
  update app.registrations r set status = 'reserve', draw_id = draw.id, reserve_rank = ranked.rank
  from (select number, rank from unnest(reserves[1:reserve_size]) with ordinality as x(number, rank)) ranked
  where r.assembly_id = draw.assembly_id and r.status = 'pool' and r.registration_number = ranked.number;
end
$$;

-- The draws of an assembly, newest first: what the caller may see of them.
create function api.assembly_draws(assembly_id uuid)
returns table (
  id uuid, status app.draw_status, progress real, progress_message text, failure text,
  random_sources jsonb, commitment_hash text, seed text, created_at timestamptz,
  committed_at timestamptz, drawn_at timestamptz, entries bigint, entered_by_me boolean
)
language sql stable security invoker set search_path = ''
as $$
  select d.id, d.status, d.progress, d.progress_message, d.failure, d.random_sources, d.commitment_hash,
         d.seed, d.created_at, d.committed_at, d.drawn_at,
         (select count(*) from app.draw_random_entries e where e.draw_id = d.id),
         exists (select 1 from app.draw_random_entries e join app.people p on p.id = e.person_id
                 where e.draw_id = d.id and p.user_id = auth.uid())
  from app.draws d
  where d.assembly_id = assembly_draws.assembly_id
  order by d.created_at desc
$$;

-- The full commitment or bundle of one draw, for download and verification.
create function api.draw_document(draw_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select coalesce(d.bundle, d.commitment) from app.draws d where d.id = draw_document.draw_id
$$;

-- The random entries of a committed draw (organisers), in entry order.
create function api.draw_entries(draw_id uuid)
returns table (person_id uuid, entered_values text[], created_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select e.person_id, e.entered_values, e.created_at from app.draw_random_entries e
  where e.draw_id = draw_entries.draw_id order by e.created_at
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.assembly_draws(uuid), api.draw_document(uuid) to anon, authenticated, service_role;
grant execute on function api.start_draw(uuid, jsonb), api.draw_progress(uuid, real, text),
  api.finish_draw_computation(uuid, jsonb, text), api.stop_draw(uuid, app.draw_status, text),
  api.enter_random_values(uuid, text[]), api.complete_draw(uuid, jsonb, text, int[], int[]),
  api.draw_entries(uuid)
  to authenticated, service_role;
