-- Material for sessions, published to all members at the same moment, and the mail outbox that
-- carries one digest per publication to each member. Organisers prepare material (files stored by
-- their SHA-256 outside the database, or links); members see it only once it is published; a
-- publication records whether it kept the assembly's "N days before" rule, for everyone to see.

create table app.material_publications (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references app.sessions (id) on delete cascade,
  published_at timestamptz not null default now(),
  published_by uuid references app.people (id) on delete set null,
  rule_days int not null check (rule_days >= 0),
  on_time boolean not null,
  item_count int not null check (item_count > 0)
);
create index material_publications_session_id_idx on app.material_publications (session_id, published_at);
comment on table app.material_publications is 'One publication of a session''s material to every member at once, with the rule it was held to and whether it kept it.';
alter table app.material_publications enable row level security;

create table app.materials (
  id uuid primary key default gen_random_uuid(),
  session_id uuid not null references app.sessions (id) on delete cascade,
  agenda_item_id uuid references app.agenda_items (id) on delete set null,
  title text not null check (char_length(title) between 1 and 200),
  url text check (url is null or (url ~ '^https://[^\s]+$' and char_length(url) <= 1000)),
  file_name text check (file_name is null or char_length(file_name) between 1 and 200),
  content_type text check (content_type is null or char_length(content_type) <= 100),
  byte_size bigint check (byte_size is null or byte_size between 1 and 26214400),
  sha256 text check (sha256 is null or sha256 ~ '^[0-9a-f]{64}$'),
  publication_id uuid references app.material_publications (id) on delete restrict,
  created_by uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint materials_file_or_link check (
    (url is not null and sha256 is null and file_name is null)
    or (url is null and sha256 is not null and file_name is not null and byte_size is not null))
);
create index materials_session_id_idx on app.materials (session_id, created_at);
create index materials_publication_id_idx on app.materials (publication_id);
comment on table app.materials is 'A document (stored by its SHA-256) or a link for a session or one of its agenda items. Visible to members once published; never changed after.';
alter table app.materials enable row level security;

-- Published material never changes: it is what every member received.
create function private.published_material_is_final() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if old.publication_id is not null then
    raise exception 'Published material cannot be changed or removed' using errcode = 'P0001', detail = 'material_published';
  end if;
  return case when tg_op = 'DELETE' then old else new end;
end
$$;
revoke execute on function private.published_material_is_final() from public;
create trigger published_material_is_final before update or delete on app.materials
  for each row execute function private.published_material_is_final();

-- The outbox: mail that a committed transaction decided to send. A dispatcher with the service role
-- claims and sends it, so a mail goes out if and only if its cause was committed.
create table app.mail_outbox (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references app.people (id) on delete cascade,
  kind text not null check (kind in ('material_digest')),
  payload jsonb not null,
  created_at timestamptz not null default now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  attempts int not null default 0,
  last_error text
);
create index mail_outbox_pending_idx on app.mail_outbox (created_at) where sent_at is null;
comment on table app.mail_outbox is 'Mail to send, written in the transaction that caused it; read and marked only by the service role.';
alter table app.mail_outbox enable row level security;

grant select on app.materials, app.material_publications to anon;
grant select, insert, update, delete on app.materials to authenticated;
grant select, insert on app.material_publications to authenticated;
grant select on app.mail_outbox to authenticated;
grant all on app.materials, app.material_publications, app.mail_outbox to service_role;

-- Only the service role sends; a person may see what is queued to them (part of their data).
create policy "People read the mail queued to them" on app.mail_outbox
  for select to authenticated using (person_id in (select private.my_person_ids()));

create policy "Organisers read all material, members what is published" on app.materials
  for select to authenticated using (
    session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}')))
    or (publication_id is not null and session_id in (
      select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{member,council,evaluator}')))));
create policy "Organisers add material" on app.materials
  for insert to authenticated with check (publication_id is null and session_id in (
    select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers change unpublished material" on app.materials
  for update to authenticated
  using (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))))
  with check (session_id in (select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));
create policy "Organisers remove unpublished material" on app.materials
  for delete to authenticated using (session_id in (
    select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));

create policy "Anyone who sees the plan sees when material was published" on app.material_publications
  for select to anon using (session_id in (select s.id from app.sessions s));
create policy "People who see the plan see when material was published" on app.material_publications
  for select to authenticated using (session_id in (select s.id from app.sessions s));
create policy "Organisers publish material" on app.material_publications
  for insert to authenticated with check (session_id in (
    select s.id from app.sessions s where s.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))));

-- The API ------------------------------------------------------------------------------------------

-- The plan now says, per session, how much material was published and whether on time.
create or replace function private.session_json(s app.sessions, with_people boolean) returns jsonb
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
      from app.agenda_items i where i.session_id = s.id), '[]'::jsonb),
    'publications', coalesce((
      select jsonb_agg(jsonb_build_object(
        'published_at', p.published_at, 'on_time', p.on_time, 'rule_days', p.rule_days,
        'item_count', p.item_count) order by p.published_at)
      from app.material_publications p where p.session_id = s.id), '[]'::jsonb))
$$;

-- The material of a session the caller may see (organisers: drafts too).
create function api.session_materials(session_id uuid)
returns table (id uuid, agenda_item_id uuid, title text, url text, file_name text, content_type text,
  byte_size bigint, published_at timestamptz, created_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select m.id, m.agenda_item_id, m.title, m.url, m.file_name, m.content_type, m.byte_size,
         p.published_at, m.created_at
  from app.materials m
  left join app.material_publications p on p.id = m.publication_id
  where m.session_id = session_materials.session_id
  order by p.published_at nulls last, m.created_at
$$;

-- The stored file behind a material, for the download route (RLS decides).
create function api.material_file(material_id uuid)
returns table (sha256 text, file_name text, content_type text, byte_size bigint)
language sql stable security invoker set search_path = ''
as $$
  select m.sha256, m.file_name, m.content_type, m.byte_size
  from app.materials m where m.id = material_file.material_id and m.sha256 is not null
$$;

create function api.add_material(
  session_id uuid, agenda_item_id uuid, title text, url text,
  file_name text, content_type text, byte_size bigint, sha256 text
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := gen_random_uuid();
begin
  if not exists (select 1 from app.sessions s where s.id = add_material.session_id
                 and private.is_organiser_of(s.assembly_id)) then
    raise exception 'Only the assembly''s organisers add material' using errcode = '42501';
  end if;
  if add_material.agenda_item_id is not null and not exists (
    select 1 from app.agenda_items i where i.id = add_material.agenda_item_id and i.session_id = add_material.session_id) then
    raise exception 'The agenda item belongs to another session' using errcode = 'P0001', detail = 'agenda_item_unknown';
  end if;
  insert into app.materials (id, session_id, agenda_item_id, title, url, file_name, content_type, byte_size, sha256, created_by)
  values (id, add_material.session_id, add_material.agenda_item_id, trim(add_material.title),
    nullif(trim(add_material.url), ''), add_material.file_name, add_material.content_type,
    add_material.byte_size, add_material.sha256,
    (select p from private.my_person_ids() p limit 1));
  return id;
end
$$;

create function api.remove_material(material_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.materials m where m.id = remove_material.material_id;
  if not found then
    raise exception 'Material not found' using errcode = 'PT404';
  end if;
end
$$;

-- Writes the digest for every member of the assembly into the outbox (a named privileged write:
-- the organiser does not read members' addresses).
create function private.queue_material_digest(target_session_id uuid, publication uuid) returns int
language plpgsql security definer set search_path = ''
as $$
declare
  s app.sessions;
  queued int;
begin
  select * into s from app.sessions x where x.id = target_session_id;
  if not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers publish material' using errcode = '42501';
  end if;
  insert into app.mail_outbox (person_id, kind, payload)
  select ra.person_id, 'material_digest', jsonb_build_object(
    'assembly_id', s.assembly_id, 'assembly_title', a.title, 'session_id', s.id,
    'session_title', s.title, 'starts_at', s.starts_at, 'ends_at', s.ends_at,
    'items', (select jsonb_agg(m.title order by m.created_at) from app.materials m where m.publication_id = publication))
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  join app.assemblies a on a.id = s.assembly_id
  where ra.assembly_id = s.assembly_id and ra.role = 'member' and p.email is not null;
  get diagnostics queued = row_count;
  return queued;
end
$$;

-- Publishes every unpublished item of the session at one moment, to every member at once.
create function api.publish_materials(session_id uuid) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions;
  rule int;
  publication uuid := gen_random_uuid();
  items int;
  timely boolean;
  queued int;
begin
  select * into s from app.sessions x where x.id = publish_materials.session_id for update;
  if s.id is null or not private.is_organiser_of(s.assembly_id) then
    raise exception 'Only the assembly''s organisers publish material' using errcode = '42501';
  end if;
  select count(*) into items from app.materials m
  where m.session_id = s.id and m.publication_id is null;
  if items = 0 then
    raise exception 'There is no unpublished material' using errcode = 'P0001', detail = 'nothing_to_publish';
  end if;
  rule := coalesce((select r.material_days_before from app.session_rules r where r.assembly_id = s.assembly_id), 5);
  timely := now() <= s.starts_at - make_interval(days => rule);
  insert into app.material_publications (id, session_id, published_by, rule_days, on_time, item_count)
  values (publication, s.id, (select p from private.my_person_ids() p limit 1), rule, timely, items);
  update app.materials m set publication_id = publication
  where m.session_id = s.id and m.publication_id is null;
  queued := private.queue_material_digest(s.id, publication);
  return jsonb_build_object('publication_id', publication, 'item_count', items, 'on_time', timely, 'queued', queued);
end
$$;

-- The dispatcher's side of the outbox (service role only): claim a batch, then mark each sent or failed.
create function api.claim_mail(batch int) returns table (
  id uuid, email text, full_name text, kind text, payload jsonb)
language sql security invoker set search_path = ''
as $$
  with claimed as (
    update app.mail_outbox o set claimed_at = now(), attempts = o.attempts + 1
    where o.id in (
      select x.id from app.mail_outbox x
      where x.sent_at is null and x.attempts < 5
        and (x.claimed_at is null or x.claimed_at < now() - interval '5 minutes')
      order by x.created_at limit greatest(least(batch, 500), 1)
      for update skip locked)
    returning o.id, o.person_id, o.kind, o.payload
  )
  select c.id, p.email, p.full_name, c.kind, c.payload
  from claimed c join app.people p on p.id = c.person_id
$$;

create function api.mark_mail(mail_id uuid, failure text) returns void
language sql security invoker set search_path = ''
as $$
  update app.mail_outbox o set
    sent_at = case when failure is null then now() end,
    claimed_at = case when failure is null then o.claimed_at end,
    last_error = left(failure, 500)
  where o.id = mark_mail.mail_id
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.session_json(app.sessions, boolean) to anon, authenticated, service_role;
grant execute on function private.queue_material_digest(uuid, uuid) to authenticated, service_role;
grant execute on function api.session_materials(uuid), api.material_file(uuid),
  api.add_material(uuid, uuid, text, text, text, text, bigint, text), api.remove_material(uuid),
  api.publish_materials(uuid) to authenticated, service_role;
grant execute on function api.claim_mail(int), api.mark_mail(uuid, text) to service_role;
