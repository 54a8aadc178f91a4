-- Notifications of the council's responses: public subscriptions by e-mail (double opt-in, one-click
-- unsubscribe), one mail per published round to the panel members and the confirmed subscribers
-- through the transactional outbox, and reminders to the secretariat before a due date and when a
-- round is overdue (once per round per kind, so the periodic job can run as often as it likes).
--
-- Tokens: the confirmation token is made by the app and only its SHA-256 is stored; the unsubscribe
-- token is an HMAC of the subscriber's id under a secret that never leaves the database, computed
-- when a mail is claimed for sending — never stored, so there is nothing to read at rest.

create table app.response_subscribers (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  email text not null check (char_length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  confirm_token_sha256 text check (confirm_token_sha256 ~ '^[0-9a-f]{64}$'),
  confirm_sent_at timestamptz not null default now(),
  confirmed_at timestamptz,
  created_at timestamptz not null default now(),
  unique (assembly_id, email),
  constraint response_subscribers_token_until_confirmed check (confirmed_at is null or confirm_token_sha256 is null)
);
comment on table app.response_subscribers is 'Members of the public who follow an assembly''s responses by e-mail (double opt-in). Read only by named functions; no role reads it directly.';
alter table app.response_subscribers enable row level security;
revoke all on app.response_subscribers from public, anon, authenticated;
grant all on app.response_subscribers to service_role;
create policy "Only the service role reads subscriptions" on app.response_subscribers
  for select to service_role using (true);

-- The secret the unsubscribe tokens are made with (one row; not readable by any API role).
create table private.response_subscription_secret (
  id boolean primary key default true check (id),
  secret bytea not null
);
insert into private.response_subscription_secret (secret)
values (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
revoke all on private.response_subscription_secret from public, anon, authenticated, service_role;

create function private.unsubscribe_token(p_subscriber_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select p_subscriber_id::text || '.' || encode(private.hmac_sha256(s.secret, convert_to('unsubscribe/' || p_subscriber_id::text, 'UTF8')), 'hex')
  from private.response_subscription_secret s
$$;

-- The reminders sent to the secretariat: one per round per kind.
create table app.response_reminders (
  round_id uuid not null references app.response_rounds (id) on delete cascade,
  kind text not null check (kind in ('before_due', 'overdue')),
  sent_on date not null,
  created_at timestamptz not null default now(),
  primary key (round_id, kind)
);
comment on table app.response_reminders is 'Which reminders of a response round''s due date were queued for the secretariat (once per kind).';
alter table app.response_reminders enable row level security;
grant select on app.response_reminders to authenticated;
grant all on app.response_reminders to service_role;
create policy "The council and administrators see which reminders went out" on app.response_reminders
  for select to authenticated using (round_id in (
    select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))));

-- The outbox carries mail to people and to subscribers (who are not people), of the new kinds.
alter table app.mail_outbox alter column person_id drop not null;
alter table app.mail_outbox add column subscriber_id uuid references app.response_subscribers (id) on delete cascade;
alter table app.mail_outbox add constraint mail_outbox_one_recipient check ((person_id is null) <> (subscriber_id is null));
create index mail_outbox_subscriber_idx on app.mail_outbox (subscriber_id);
alter table app.mail_outbox drop constraint mail_outbox_kind_check;
alter table app.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('material_digest', 'response_round_published', 'response_reminder'));

-- The dispatcher's claim, now also for subscribers: their address, and the unsubscribe token
-- computed on the way out (never stored).
create or replace function api.claim_mail(batch int) returns table (
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
    returning o.id, o.person_id, o.subscriber_id, o.kind, o.payload
  )
  select c.id, coalesce(p.email, s.email), coalesce(p.full_name, ''), c.kind,
    case when s.id is null then c.payload
         else c.payload || jsonb_build_object('unsubscribe_token', private.unsubscribe_token(s.id)) end
  from claimed c
  left join app.people p on p.id = c.person_id
  left join app.response_subscribers s on s.id = c.subscriber_id
$$;

-- One mail per published round: to every member of the panel with an address, and to every
-- confirmed subscriber who is not already one of them.
create function private.queue_round_published_mail() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_payload jsonb;
begin
  select jsonb_build_object('assembly_id', a.id, 'assembly_title', a.title, 'round_id', new.id,
    'round_kind', new.kind, 'due_on', new.due_on, 'published_at', new.published_at,
    'counts', (select coalesce(jsonb_object_agg(c.status, c.n), '{}'::jsonb) from (
      select x.status, count(*) as n from app.responses x where x.round_id = new.id group by x.status) c))
  into v_payload from app.assemblies a where a.id = new.assembly_id;
  insert into app.mail_outbox (person_id, kind, payload)
  select distinct ra.person_id, 'response_round_published', v_payload || jsonb_build_object('audience', 'member')
  from app.role_assignments ra join app.people p on p.id = ra.person_id
  where ra.assembly_id = new.assembly_id and ra.role = 'member' and p.email is not null;
  insert into app.mail_outbox (subscriber_id, kind, payload)
  select s.id, 'response_round_published', v_payload || jsonb_build_object('audience', 'subscriber')
  from app.response_subscribers s
  where s.assembly_id = new.assembly_id and s.confirmed_at is not null
    and lower(s.email) not in (
      select lower(p.email) from app.role_assignments ra join app.people p on p.id = ra.person_id
      where ra.assembly_id = new.assembly_id and ra.role = 'member' and p.email is not null);
  return new;
end
$$;
create trigger response_round_published_mail after update of published_at on app.response_rounds
  for each row when (old.published_at is null and new.published_at is not null)
  execute function private.queue_round_published_mail();

-- Subscribing (anyone, to a public assembly): stores the confirmation token's hash and says
-- whether to send the confirmation mail — not for an address already confirmed, nor again within
-- ten minutes. The caller always shows the same answer, so addresses cannot be probed.
create function private.subscribe_to_responses(p_assembly_id uuid, p_email text, p_token_sha256 text) returns boolean
language plpgsql security definer set search_path = ''
as $$
declare
  v app.response_subscribers;
begin
  if not exists (select 1 from app.assemblies a where a.id = p_assembly_id and a.is_public) then
    raise exception 'Assembly not found' using errcode = 'PT404';
  end if;
  select * into v from app.response_subscribers s where s.assembly_id = p_assembly_id and s.email = lower(btrim(p_email));
  if v.id is not null and (v.confirmed_at is not null or v.confirm_sent_at > now() - interval '10 minutes') then
    return false;
  end if;
  insert into app.response_subscribers (assembly_id, email, confirm_token_sha256, confirm_sent_at)
  values (p_assembly_id, lower(btrim(p_email)), p_token_sha256, now())
  on conflict (assembly_id, email) do update set confirm_token_sha256 = excluded.confirm_token_sha256, confirm_sent_at = now();
  return true;
end
$$;

-- Confirms a subscription with the token from the mail (valid 7 days); returns its assembly.
create function private.confirm_response_subscription(p_token_sha256 text) returns uuid
language sql volatile security definer set search_path = ''
as $$
  update app.response_subscribers s set confirmed_at = now(), confirm_token_sha256 = null
  where s.confirm_token_sha256 = p_token_sha256 and s.confirmed_at is null
    and s.confirm_sent_at > now() - interval '7 days'
  returning s.assembly_id
$$;

-- Removes the subscription the token belongs to (no trace is kept); returns its assembly.
create function private.unsubscribe_from_responses(p_token text) returns uuid
language sql volatile security definer set search_path = ''
as $$
  delete from app.response_subscribers s
  where s.id::text = split_part(p_token, '.', 1) and private.unsubscribe_token(s.id) = p_token
  returning s.assembly_id
$$;

create function api.subscribe_to_responses(assembly_id uuid, email text, token_sha256 text) returns boolean
language sql volatile security invoker set search_path = ''
as $$ select private.subscribe_to_responses(assembly_id, email, token_sha256) $$;

create function api.confirm_response_subscription(token_sha256 text) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.confirm_response_subscription(token_sha256) $$;

create function api.unsubscribe_from_responses(token text) returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.unsubscribe_from_responses(token) $$;

-- Reminders (the service role's periodic job): for each unpublished round due within `days_before`
-- days, one "before" reminder; for each round past its due date, one "overdue" reminder; to the
-- assembly's council and administrators. Returns how many mails were queued.
create function api.queue_response_reminders(today date default null, days_before int default 14) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  v_today date := private.response_today(queue_response_reminders.today);
  v_queued int := 0;
  v_n int;
  r record;
begin
  for r in
    select x.id, x.assembly_id, x.kind, x.due_on, a.title,
      case when x.due_on < v_today then 'overdue' else 'before_due' end as reminder
    from app.response_rounds x join app.assemblies a on a.id = x.assembly_id
    where x.published_at is null and x.due_on is not null
      and x.due_on - v_today <= greatest(queue_response_reminders.days_before, 0)
  loop
    insert into app.response_reminders (round_id, kind, sent_on) values (r.id, r.reminder, v_today)
    on conflict do nothing;
    if found then
      insert into app.mail_outbox (person_id, kind, payload)
      select distinct ra.person_id, 'response_reminder', jsonb_build_object(
        'assembly_id', r.assembly_id, 'assembly_title', r.title, 'round_id', r.id, 'round_kind', r.kind,
        'due_on', r.due_on, 'reminder', r.reminder, 'days', abs(r.due_on - v_today))
      from app.role_assignments ra join app.people p on p.id = ra.person_id
      where ra.assembly_id = r.assembly_id and ra.role in ('council', 'admin') and p.email is not null;
      get diagnostics v_n = row_count;
      v_queued := v_queued + v_n;
    end if;
  end loop;
  return v_queued;
end
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.subscribe_to_responses(uuid, text, text), private.confirm_response_subscription(text),
  private.unsubscribe_from_responses(text) to anon, authenticated, service_role;
grant execute on function private.unsubscribe_token(uuid) to service_role;
grant execute on function api.subscribe_to_responses(uuid, text, text), api.confirm_response_subscription(text),
  api.unsubscribe_from_responses(text) to anon, authenticated, service_role;
grant execute on function api.queue_response_reminders(date, int) to service_role;
