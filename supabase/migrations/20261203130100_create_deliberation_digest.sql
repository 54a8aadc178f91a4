-- The deliberation digest: at most one mail a day per member of an assembly, never empty, listing
-- the posts others wrote since the member's last digest, newest first. A periodic job (the app's
-- timer, like the outbox sender) calls api.queue_deliberation_digests as the service role; the
-- primary key of app.deliberation_digests (assembly, person, Copenhagen day) makes a second run the
-- same day, on this server or another, queue nothing. Members can turn the digest off.

-- The outbox learns the new kind of mail (the constraint lists every kind the dispatcher composes).
alter table app.mail_outbox drop constraint mail_outbox_kind_check;
alter table app.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('material_digest', 'deliberation_digest'));

create table app.deliberation_digest_optouts (
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (assembly_id, person_id)
);
create index deliberation_digest_optouts_person_idx on app.deliberation_digest_optouts (person_id);
comment on table app.deliberation_digest_optouts is 'Members who turned the daily deliberation digest off, per assembly.';
alter table app.deliberation_digest_optouts enable row level security;

create table app.deliberation_digests (
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  digest_on date not null,
  post_count int not null check (post_count > 0),
  created_at timestamptz not null default now(),
  primary key (assembly_id, person_id, digest_on)
);
create index deliberation_digests_person_idx on app.deliberation_digests (person_id, created_at desc);
comment on table app.deliberation_digests is 'One row per digest queued: at most one per member, assembly and day (the key), never empty.';
alter table app.deliberation_digests enable row level security;

grant select, insert, delete on app.deliberation_digest_optouts to authenticated;
grant select on app.deliberation_digests to authenticated;
grant all on app.deliberation_digest_optouts, app.deliberation_digests to service_role;

create policy "Members read their own digest choice" on app.deliberation_digest_optouts
  for select to authenticated using (person_id in (select private.my_person_ids()));
create policy "Members turn their digest off" on app.deliberation_digest_optouts
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and assembly_id in (select private.assemblies_where_i_am('{member}')));
create policy "Members turn their digest back on" on app.deliberation_digest_optouts
  for delete to authenticated using (person_id in (select private.my_person_ids()));
create policy "People read the digests sent to them" on app.deliberation_digests
  for select to authenticated using (person_id in (select private.my_person_ids()));

-- Whether the caller receives the digest in the assembly.
create function api.deliberation_digest_enabled(assembly_id uuid) returns boolean
language sql stable security invoker set search_path = ''
as $$
  select not exists (select 1 from app.deliberation_digest_optouts o
    where o.assembly_id = deliberation_digest_enabled.assembly_id and o.person_id in (select private.my_person_ids()))
$$;

create function api.set_deliberation_digest(assembly_id uuid, enabled boolean) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  me uuid;
begin
  select ra.person_id into me from app.role_assignments ra
  where ra.assembly_id = set_deliberation_digest.assembly_id and ra.role = 'member'
    and ra.person_id in (select private.my_person_ids()) limit 1;
  if me is null then
    raise exception 'Only the assembly''s members receive the digest' using errcode = '42501';
  end if;
  if set_deliberation_digest.enabled then
    delete from app.deliberation_digest_optouts o where o.assembly_id = set_deliberation_digest.assembly_id and o.person_id = me;
  else
    insert into app.deliberation_digest_optouts (assembly_id, person_id) values (set_deliberation_digest.assembly_id, me)
    on conflict do nothing;
  end if;
end
$$;

-- Queues today's digests (service role). For each member with an address who has not turned it off
-- and has had no digest today: the visible posts others wrote since their last digest (the last day
-- for a first digest), newest first, at most 20 listed with the total. Nobody with nothing new gets
-- a mail. Returns how many digests were queued.
create function api.queue_deliberation_digests() returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  today date := private.today_in_copenhagen();
  queued int;
begin
  with candidates as (
    select ra.assembly_id, ra.person_id,
      coalesce((select max(d.created_at) from app.deliberation_digests d
                where d.assembly_id = ra.assembly_id and d.person_id = ra.person_id), now() - interval '1 day') as since
    from app.role_assignments ra
    join app.people pe on pe.id = ra.person_id
    where ra.role = 'member' and pe.email is not null
      and not exists (select 1 from app.deliberation_digest_optouts o where o.assembly_id = ra.assembly_id and o.person_id = ra.person_id)
      and not exists (select 1 from app.deliberation_digests d where d.assembly_id = ra.assembly_id and d.person_id = ra.person_id and d.digest_on = today)
  ),
  news as (
    select c.assembly_id, c.person_id, p.id as post_id, p.thread_id, t.title as thread_title, p.stance,
      left(p.body, 240) as excerpt, p.created_at, p.parent_id
    from candidates c
    join app.deliberation_threads t on t.assembly_id = c.assembly_id
    join app.deliberation_posts p on p.thread_id = t.id
    where p.created_at > c.since and p.created_at <= now() and p.hidden_at is null
      and p.author_person_id is distinct from c.person_id
  ),
  counted as (
    select n.assembly_id, n.person_id, count(*)::int as post_count from news n group by n.assembly_id, n.person_id
  ),
  inserted as (
    insert into app.deliberation_digests (assembly_id, person_id, digest_on, post_count)
    select c.assembly_id, c.person_id, today, c.post_count from counted c
    on conflict do nothing
    returning assembly_id, person_id, post_count
  )
  insert into app.mail_outbox (person_id, kind, payload)
  select i.person_id, 'deliberation_digest', jsonb_build_object(
    'assembly_id', i.assembly_id, 'assembly_title', a.title, 'post_count', i.post_count,
    'posts', (select jsonb_agg(jsonb_build_object('thread_id', x.thread_id, 'thread_title', x.thread_title,
                'stance', x.stance, 'is_reply', x.parent_id is not null, 'excerpt', x.excerpt, 'created_at', x.created_at)
              order by x.created_at desc)
              from (select * from news n where n.assembly_id = i.assembly_id and n.person_id = i.person_id
                    order by n.created_at desc limit 20) x))
  from inserted i join app.assemblies a on a.id = i.assembly_id;
  get diagnostics queued = row_count;
  return queued;
end
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.deliberation_digest_enabled(uuid), api.set_deliberation_digest(uuid, boolean) to authenticated, service_role;
grant execute on function api.queue_deliberation_digests() to service_role;
