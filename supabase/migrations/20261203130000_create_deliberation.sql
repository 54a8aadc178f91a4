-- Deliberation between sessions: threads per welfare area or question, opened by facilitators, in
-- which members write arguments for or against (or a neutral question), reply one level deep, and
-- mark an argument as having changed their mind (the count is shown; who, only to themselves).
-- Facilitators moderate: hide a post with a reason that stays visible, pin, close a thread, and
-- choose which threads the public may read after handover.
--
-- Who reads: the members and organisers (facilitator, admin) of the assembly; nobody else before the
-- handover. After the handover (assemblies.handover_on reached, Copenhagen time) anyone reads the
-- threads the facilitators published, in public assemblies. Hidden posts keep their reason visible;
-- their text is given only to organisers (api.deliberation_thread masks it).
--
-- Bodies are stored as typed (plain text or Markdown); the server renders them with raw HTML
-- disabled, so a script in a post is shown as text, never run.

create type app.deliberation_stance as enum ('for', 'against', 'question');

create table app.deliberation_threads (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  welfare_area_id uuid references app.welfare_areas (id) on delete set null,
  title text not null check (char_length(title) between 3 and 200),
  question text not null default '' check (char_length(question) <= 2000),
  created_by uuid references app.people (id) on delete set null,
  closed_at timestamptz,
  is_published boolean not null default false,
  created_at timestamptz not null default now()
);
create index deliberation_threads_assembly_idx on app.deliberation_threads (assembly_id, created_at desc);
create index deliberation_threads_welfare_area_idx on app.deliberation_threads (welfare_area_id);
comment on table app.deliberation_threads is 'A deliberation thread between sessions, on a welfare area or a question. Published threads are public after handover.';
alter table app.deliberation_threads enable row level security;

create table app.deliberation_posts (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references app.deliberation_threads (id) on delete cascade,
  parent_id uuid references app.deliberation_posts (id) on delete cascade,
  author_person_id uuid references app.people (id) on delete set null,
  stance app.deliberation_stance not null default 'question',
  body text not null check (char_length(btrim(body)) between 2 and 5000),
  pinned_at timestamptz,
  hidden_at timestamptz,
  hidden_reason text check (hidden_reason is null or char_length(btrim(hidden_reason)) between 3 and 500),
  hidden_by uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint deliberation_posts_hidden_with_reason check ((hidden_at is null) = (hidden_reason is null))
);
create index deliberation_posts_thread_idx on app.deliberation_posts (thread_id, created_at);
create index deliberation_posts_parent_idx on app.deliberation_posts (parent_id);
create index deliberation_posts_author_idx on app.deliberation_posts (author_person_id);
create index deliberation_posts_hidden_by_idx on app.deliberation_posts (hidden_by);
comment on table app.deliberation_posts is 'An argument (for, against) or question in a thread, or a reply to one (one level). Hidden posts keep their reason visible.';
alter table app.deliberation_posts enable row level security;

create table app.deliberation_mind_changes (
  post_id uuid not null references app.deliberation_posts (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  created_at timestamptz not null default now(),
  primary key (post_id, person_id)
);
create index deliberation_mind_changes_person_idx on app.deliberation_mind_changes (person_id);
comment on table app.deliberation_mind_changes is 'A member''s mark that an argument changed their mind. Counted for all; who marked is visible only to that person.';
alter table app.deliberation_mind_changes enable row level security;

-- Helpers ------------------------------------------------------------------------------------------

-- Whether the assembly has been handed over (its handover day reached in Copenhagen).
create function private.is_handed_over(target_assembly_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select a.handover_on <= private.today_in_copenhagen()
                   from app.assemblies a where a.id = target_assembly_id), false)
$$;

-- Whether the caller may read a thread: members and organisers of its assembly; anyone when it is
-- published, its assembly public and handed over. One definition for the policy and the counts.
create function private.can_read_thread(target_thread_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from app.deliberation_threads t join app.assemblies a on a.id = t.assembly_id
    where t.id = target_thread_id and (
      t.assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin}'))
      or (t.is_published and a.is_public and private.is_handed_over(a.id))))
$$;

-- How many people marked each post of a thread as changing their mind (null when the caller may
-- not read the thread): the count without the names.
create function private.deliberation_mind_counts(target_thread_id uuid)
returns table (post_id uuid, changed int)
language sql stable security definer set search_path = ''
as $$
  select c.post_id, count(*)::int
  from app.deliberation_mind_changes c join app.deliberation_posts p on p.id = c.post_id
  where p.thread_id = target_thread_id and private.can_read_thread(target_thread_id)
  group by c.post_id
$$;

-- A reply answers a top-level post of the same thread (one level of nesting), and nobody writes in
-- a closed thread, whichever path inserts.
create function private.deliberation_post_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from app.deliberation_threads t where t.id = new.thread_id and t.closed_at is not null) then
    raise exception 'The thread is closed' using errcode = 'P0001', detail = 'thread_closed';
  end if;
  if new.parent_id is not null and not exists (
    select 1 from app.deliberation_posts p
    where p.id = new.parent_id and p.thread_id = new.thread_id and p.parent_id is null) then
    raise exception 'A reply answers a top-level post of the same thread' using errcode = 'P0001', detail = 'reply_too_deep';
  end if;
  return new;
end
$$;
revoke execute on function private.deliberation_post_guard() from public;
create trigger deliberation_post_guard before insert on app.deliberation_posts
  for each row execute function private.deliberation_post_guard();

-- Moderation changes only the moderation fields; the text and its author never change.
create function private.deliberation_post_immutable() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if (new.thread_id, new.parent_id, new.author_person_id, new.stance, new.body, new.created_at)
     is distinct from (old.thread_id, old.parent_id, old.author_person_id, old.stance, old.body, old.created_at) then
    raise exception 'A post''s text is never changed' using errcode = 'P0001', detail = 'post_immutable';
  end if;
  return new;
end
$$;
revoke execute on function private.deliberation_post_immutable() from public;
create trigger deliberation_post_immutable before update on app.deliberation_posts
  for each row execute function private.deliberation_post_immutable();

-- Privileges and policies ----------------------------------------------------------------------------
grant select on app.deliberation_threads, app.deliberation_posts to anon;
grant select, insert on app.deliberation_threads, app.deliberation_posts to authenticated;
grant update (title, question, welfare_area_id, closed_at, is_published) on app.deliberation_threads to authenticated;
grant update (pinned_at, hidden_at, hidden_reason, hidden_by) on app.deliberation_posts to authenticated;
grant select on app.deliberation_mind_changes to anon;
grant select, insert, delete on app.deliberation_mind_changes to authenticated;
grant all on app.deliberation_threads, app.deliberation_posts, app.deliberation_mind_changes to service_role;

create policy "Participants read threads, anyone published ones after handover" on app.deliberation_threads
  for select to anon, authenticated using ((select private.can_read_thread(id)));
create policy "Facilitators open threads" on app.deliberation_threads
  for insert to authenticated with check (
    assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))
    and created_by in (select private.my_person_ids()));
create policy "Facilitators moderate threads" on app.deliberation_threads
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));

create policy "Posts are read with their thread" on app.deliberation_posts
  for select to anon, authenticated using (thread_id in (select t.id from app.deliberation_threads t));
create policy "Members and organisers write in their own name" on app.deliberation_posts
  for insert to authenticated with check (
    author_person_id in (select private.my_person_ids())
    and hidden_at is null and pinned_at is null
    and thread_id in (select t.id from app.deliberation_threads t
                      where t.assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin}'))));
create policy "Facilitators hide and pin posts" on app.deliberation_posts
  for update to authenticated
  using (thread_id in (select t.id from app.deliberation_threads t
                       where t.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))))
  with check (thread_id in (select t.id from app.deliberation_threads t
                            where t.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))));

create policy "People read their own mind changes" on app.deliberation_mind_changes
  for select to authenticated using (person_id in (select private.my_person_ids()));
create policy "Members mark arguments that changed their mind" on app.deliberation_mind_changes
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and post_id in (select p.id from app.deliberation_posts p join app.deliberation_threads t on t.id = p.thread_id
                    where p.hidden_at is null
                      and t.assembly_id in (select private.assemblies_where_i_am('{member}'))));
create policy "Members take back their own mind change" on app.deliberation_mind_changes
  for delete to authenticated using (person_id in (select private.my_person_ids()));

-- The API ------------------------------------------------------------------------------------------

-- The threads of an assembly the caller may read, with their post counts, pinned first... newest first.
create function api.deliberation_threads(assembly_id uuid)
returns table (id uuid, title text, question text, welfare_area_id uuid, welfare_area_name text,
  closed_at timestamptz, is_published boolean, created_at timestamptz, post_count int,
  last_post_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select t.id, t.title, t.question, t.welfare_area_id, w.name, t.closed_at, t.is_published, t.created_at,
    (select count(*)::int from app.deliberation_posts p where p.thread_id = t.id),
    (select max(p.created_at) from app.deliberation_posts p where p.thread_id = t.id)
  from app.deliberation_threads t
  left join app.welfare_areas w on w.id = t.welfare_area_id
  where t.assembly_id = deliberation_threads.assembly_id
  order by t.closed_at is not null, coalesce((select max(p.created_at) from app.deliberation_posts p where p.thread_id = t.id), t.created_at) desc
$$;

-- One thread's posts: pinned first, then oldest first (replies under their post). A hidden post's
-- text only for organisers; the reason for everyone. Names of authors only for those who take part.
create function api.deliberation_thread(thread_id uuid)
returns table (id uuid, parent_id uuid, stance app.deliberation_stance, body text, author_name text,
  by_me boolean, created_at timestamptz, pinned_at timestamptz, hidden_at timestamptz,
  hidden_reason text, mind_changes int, changed_my_mind boolean)
language sql stable security invoker set search_path = ''
as $$
  with thread as (select t.assembly_id from app.deliberation_threads t where t.id = deliberation_thread.thread_id),
  viewer as (select private.is_organiser_of((select assembly_id from thread)) as organiser,
                    (select assembly_id from thread) in (select private.assemblies_where_i_am('{member,facilitator,admin}')) as participant)
  select p.id, p.parent_id, p.stance,
    case when p.hidden_at is null or v.organiser then p.body end,
    case when v.participant then (select pe.full_name from app.people pe where pe.id = p.author_person_id) end,
    p.author_person_id in (select private.my_person_ids()),
    p.created_at, p.pinned_at, p.hidden_at, p.hidden_reason,
    coalesce(c.changed, 0),
    exists (select 1 from app.deliberation_mind_changes m where m.post_id = p.id and m.person_id in (select private.my_person_ids()))
  from app.deliberation_posts p
  cross join viewer v
  left join private.deliberation_mind_counts(deliberation_thread.thread_id) c on c.post_id = p.id
  where p.thread_id = deliberation_thread.thread_id
  order by p.parent_id is not null, p.pinned_at is null, p.created_at
$$;

create function api.open_deliberation_thread(assembly_id uuid, title text, question text, welfare_area_id uuid)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := gen_random_uuid();
begin
  if not private.is_organiser_of(open_deliberation_thread.assembly_id) then
    raise exception 'Only the assembly''s facilitators open threads' using errcode = '42501';
  end if;
  if open_deliberation_thread.welfare_area_id is not null and not exists (
    select 1 from app.welfare_areas w where w.id = open_deliberation_thread.welfare_area_id
      and w.assembly_id = open_deliberation_thread.assembly_id) then
    raise exception 'The welfare area belongs to another assembly' using errcode = 'P0001', detail = 'welfare_area_unknown';
  end if;
  insert into app.deliberation_threads (id, assembly_id, welfare_area_id, title, question, created_by)
  values (id, open_deliberation_thread.assembly_id, open_deliberation_thread.welfare_area_id,
    btrim(open_deliberation_thread.title), btrim(coalesce(open_deliberation_thread.question, '')),
    (select p from private.my_person_ids() p limit 1));
  return id;
end
$$;

create function api.write_deliberation_post(thread_id uuid, parent_id uuid, stance app.deliberation_stance, body text)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := gen_random_uuid();
  me uuid;
begin
  select ra.person_id into me from app.role_assignments ra
  join app.deliberation_threads t on t.assembly_id = ra.assembly_id
  where t.id = write_deliberation_post.thread_id and ra.role in ('member', 'facilitator', 'admin')
    and ra.person_id in (select private.my_person_ids())
  limit 1;
  if me is null then
    raise exception 'Only the assembly''s members and organisers write in its threads' using errcode = '42501';
  end if;
  insert into app.deliberation_posts (id, thread_id, parent_id, author_person_id, stance, body)
  values (id, write_deliberation_post.thread_id, write_deliberation_post.parent_id, me,
    case when write_deliberation_post.parent_id is null then write_deliberation_post.stance else coalesce(write_deliberation_post.stance, 'question') end,
    btrim(write_deliberation_post.body));
  return id;
end
$$;

-- Marks (or, with changed = false, unmarks) that a post changed the caller's mind.
create function api.set_mind_changed(post_id uuid, changed boolean) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  me uuid := (select p from private.my_person_ids() p limit 1);
  thread uuid := (select p.thread_id from app.deliberation_posts p where p.id = set_mind_changed.post_id);
begin
  if set_mind_changed.changed then
    insert into app.deliberation_mind_changes (post_id, person_id) values (set_mind_changed.post_id, me)
    on conflict do nothing;
  else
    delete from app.deliberation_mind_changes m where m.post_id = set_mind_changed.post_id and m.person_id = me;
  end if;
  return coalesce((select c.changed from private.deliberation_mind_counts(thread) c where c.post_id = set_mind_changed.post_id), 0);
end
$$;

-- Hides (with a reason that stays visible) or shows a post again; pins or unpins it. A null leaves
-- that side as it is.
create function api.moderate_deliberation_post(post_id uuid, hide boolean, reason text, pin boolean)
returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  if moderate_deliberation_post.hide and char_length(btrim(coalesce(moderate_deliberation_post.reason, ''))) < 3 then
    raise exception 'A reason is required to hide a post' using errcode = 'P0001', detail = 'reason_required';
  end if;
  update app.deliberation_posts p set
    hidden_at = case when moderate_deliberation_post.hide is null then p.hidden_at
                     when moderate_deliberation_post.hide then coalesce(p.hidden_at, now()) end,
    hidden_reason = case when moderate_deliberation_post.hide is null then p.hidden_reason
                         when moderate_deliberation_post.hide then btrim(moderate_deliberation_post.reason) end,
    hidden_by = case when moderate_deliberation_post.hide is null then p.hidden_by
                     when moderate_deliberation_post.hide then (select x from private.my_person_ids() x limit 1) end,
    pinned_at = case when moderate_deliberation_post.pin is null then p.pinned_at
                     when moderate_deliberation_post.pin then coalesce(p.pinned_at, now()) end
  where p.id = moderate_deliberation_post.post_id;
  if not found then
    raise exception 'Only the assembly''s facilitators moderate posts' using errcode = 'PT404';
  end if;
end
$$;

create function api.set_deliberation_thread_state(thread_id uuid, closed boolean, published boolean)
returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.deliberation_threads t set
    closed_at = case when set_deliberation_thread_state.closed then coalesce(t.closed_at, now()) end,
    is_published = set_deliberation_thread_state.published
  where t.id = set_deliberation_thread_state.thread_id;
  if not found then
    raise exception 'Only the assembly''s facilitators close and publish threads' using errcode = 'PT404';
  end if;
end
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.is_handed_over(uuid), private.can_read_thread(uuid),
  private.deliberation_mind_counts(uuid) to anon, authenticated, service_role;
grant execute on function api.deliberation_threads(uuid), api.deliberation_thread(uuid) to anon, authenticated, service_role;
grant execute on function api.open_deliberation_thread(uuid, text, text, uuid),
  api.write_deliberation_post(uuid, uuid, app.deliberation_stance, text),
  api.set_mind_changed(uuid, boolean), api.moderate_deliberation_post(uuid, boolean, text, boolean),
  api.set_deliberation_thread_state(uuid, boolean, boolean) to authenticated, service_role;
