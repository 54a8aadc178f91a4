-- The hearing (høring) of the handed-over recommendations. The council's secretariat (role council)
-- or an administrator opens a hearing with a deadline and a list of entitled parties (HovedMED,
-- Ældrerådet, Handicaprådet, school and day-care boards, unions, local councils …). Each party gets
-- a personal link: a random token shown once to the secretariat, of which only the SHA-256 is kept.
-- Through it the party submits ONE response (overall text and/or per recommendation, an optional
-- file); a used link shows that response read-only.
--
-- Simultaneity by construction: a response is readable by nobody — not the secretariat either —
-- until the hearing closes, and then by everyone at once. "Closed" is a function of time in the
-- policies: least(deadline_at, closed_at) <= now(), so the deadline itself publishes; the
-- secretariat may close early (never reopen). Before that the secretariat sees only who answered.
--
-- Stable ids to cite: app.hearing_responses.id (one party's response) and, per recommendation,
-- app.hearing_response_items (response_id, recommendation_id). The council's responses may cite them.

create table app.hearings (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  title text not null check (char_length(title) between 3 and 200),
  description text not null default '' check (char_length(description) <= 4000),
  deadline_at timestamptz not null,
  closed_at timestamptz,
  opened_by uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  constraint hearings_deadline_after_opening check (deadline_at > created_at),
  constraint hearings_closed_after_opening check (closed_at is null or closed_at >= created_at)
);
create index hearings_assembly_idx on app.hearings (assembly_id, created_at desc);
create index hearings_opened_by_idx on app.hearings (opened_by);
comment on table app.hearings is 'A hearing of the handed-over recommendations among entitled parties. Responses are public from least(deadline_at, closed_at), all at once.';
alter table app.hearings enable row level security;

create table app.hearing_parties (
  id uuid primary key default gen_random_uuid(),
  hearing_id uuid not null references app.hearings (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 2 and 200),
  token_sha256 text not null unique check (token_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null default now()
);
create unique index hearing_parties_name_key on app.hearing_parties (hearing_id, lower(name));
comment on table app.hearing_parties is 'An entitled party of a hearing (an organisation), with the hash of its personal link''s token. No address is stored: the secretariat sends the link itself.';
alter table app.hearing_parties enable row level security;

create table app.hearing_responses (
  id uuid primary key default gen_random_uuid(),
  hearing_id uuid not null references app.hearings (id) on delete cascade,
  party_id uuid not null unique references app.hearing_parties (id) on delete cascade,
  overall_text text not null default '' check (char_length(overall_text) <= 20000),
  file_sha256 text check (file_sha256 ~ '^[0-9a-f]{64}$'),
  file_name text check (file_name is null or char_length(file_name) between 1 and 255),
  content_type text,
  byte_size bigint check (byte_size is null or byte_size > 0),
  submitted_at timestamptz not null default now(),
  constraint hearing_responses_file_together check ((file_sha256 is null) = (file_name is null) and (file_name is null) = (byte_size is null))
);
create index hearing_responses_hearing_idx on app.hearing_responses (hearing_id);
comment on table app.hearing_responses is 'A party''s one response to a hearing (its id is stable, for the council''s responses to cite). Readable by all only once the hearing has closed.';
alter table app.hearing_responses enable row level security;

create table app.hearing_response_items (
  response_id uuid not null references app.hearing_responses (id) on delete cascade,
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  body text not null check (char_length(btrim(body)) between 1 and 10000),
  primary key (response_id, recommendation_id)
);
create index hearing_response_items_recommendation_idx on app.hearing_response_items (recommendation_id);
comment on table app.hearing_response_items is 'A party''s response on one recommendation, cited by (response_id, recommendation_id).';
alter table app.hearing_response_items enable row level security;

-- Helpers ------------------------------------------------------------------------------------------

create function private.hearing_is_closed(target_hearing_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select coalesce((select least(h.deadline_at, coalesce(h.closed_at, h.deadline_at)) <= now()
                   from app.hearings h where h.id = target_hearing_id), false)
$$;

-- The hearings whose responses the caller may read: closed ones, in public assemblies or assemblies
-- the caller takes part in.
create function private.readable_closed_hearings() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select h.id from app.hearings h join app.assemblies a on a.id = h.assembly_id
  where least(h.deadline_at, coalesce(h.closed_at, h.deadline_at)) <= now()
    and (a.is_public or h.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}')))
$$;

-- Who has answered (time only, never the content) — for the secretariat and administrators.
create function private.hearing_answered(target_hearing_id uuid) returns table (party_id uuid, submitted_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select r.party_id, r.submitted_at from app.hearing_responses r join app.hearings h on h.id = r.hearing_id
  where r.hearing_id = target_hearing_id
    and h.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))
$$;

-- A hearing is opened only on a handed-over assembly with handed-over recommendations; its deadline
-- and close only move forward to a close (closing never reopens, the deadline never moves).
create function private.hearing_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if not private.is_handed_over(new.assembly_id) or not exists (
      select 1 from app.recommendations r where r.assembly_id = new.assembly_id and r.handed_over_at is not null) then
      raise exception 'A hearing is opened after the recommendations are handed over' using errcode = 'P0001', detail = 'not_handed_over';
    end if;
    return new;
  end if;
  if new.deadline_at is distinct from old.deadline_at or new.assembly_id is distinct from old.assembly_id
     or new.created_at is distinct from old.created_at then
    raise exception 'A hearing''s deadline does not move' using errcode = 'P0001', detail = 'hearing_fixed';
  end if;
  if old.closed_at is not null and new.closed_at is distinct from old.closed_at then
    raise exception 'A closed hearing stays closed' using errcode = 'P0001', detail = 'hearing_closed';
  end if;
  if old.closed_at is null and new.closed_at is not null and old.deadline_at <= now() then
    raise exception 'The hearing has already closed at its deadline' using errcode = 'P0001', detail = 'hearing_closed';
  end if;
  return new;
end
$$;
revoke execute on function private.hearing_guard() from public;
create trigger hearing_guard before insert or update on app.hearings
  for each row execute function private.hearing_guard();

-- A response arrives only while the hearing is open, and is never changed afterwards.
create function private.hearing_response_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    if private.hearing_is_closed(new.hearing_id) then
      raise exception 'The hearing has closed; responses are no longer accepted' using errcode = 'P0001', detail = 'hearing_closed';
    end if;
    if not exists (select 1 from app.hearing_parties p where p.id = new.party_id and p.hearing_id = new.hearing_id) then
      raise exception 'The party is not invited to this hearing' using errcode = 'P0001', detail = 'hearing_party_unknown';
    end if;
    return new;
  end if;
  raise exception 'A hearing response is never changed' using errcode = 'P0001', detail = 'hearing_response_final';
end
$$;
revoke execute on function private.hearing_response_guard() from public;
create trigger hearing_response_guard before insert or update on app.hearing_responses
  for each row execute function private.hearing_response_guard();

-- The audit chain records the opening, an early close and each response (ids only).
create function private.audit_hearing() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'hearings' then
    if tg_op = 'INSERT' then
      perform private.audit_append(new.assembly_id, 'hearing.opened', new.id, jsonb_build_object('deadline_at', new.deadline_at));
    elsif old.closed_at is null and new.closed_at is not null then
      perform private.audit_append(new.assembly_id, 'hearing.closed', new.id, jsonb_build_object('closed_at', new.closed_at));
    end if;
  else
    perform private.audit_append((select h.assembly_id from app.hearings h where h.id = new.hearing_id),
      'hearing.response_submitted', new.id, jsonb_build_object('hearing_id', new.hearing_id));
  end if;
  return null;
end
$$;
revoke execute on function private.audit_hearing() from public;
create trigger hearing_audit after insert or update of closed_at on app.hearings
  for each row execute function private.audit_hearing();
create trigger hearing_response_audit after insert on app.hearing_responses
  for each row execute function private.audit_hearing();

-- Privileges and policies ----------------------------------------------------------------------------
grant select on app.hearings, app.hearing_parties, app.hearing_responses, app.hearing_response_items to anon;
grant select, insert on app.hearings, app.hearing_parties to authenticated;
grant update (closed_at) on app.hearings to authenticated;
grant select on app.hearing_responses, app.hearing_response_items to authenticated;
grant all on app.hearings, app.hearing_parties, app.hearing_responses, app.hearing_response_items to service_role;

create policy "Participants see the assembly's hearings" on app.hearings
  for select to authenticated using (
    assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}')));
create policy "Anyone sees a closed hearing of a public assembly" on app.hearings
  for select to anon, authenticated using (id in (select private.readable_closed_hearings()));
create policy "The secretariat opens hearings" on app.hearings
  for insert to authenticated with check (
    assembly_id in (select private.assemblies_where_i_am('{council,admin}'))
    and opened_by in (select private.my_person_ids()));
create policy "The secretariat closes hearings" on app.hearings
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{council,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{council,admin}')));

create policy "The secretariat sees the parties" on app.hearing_parties
  for select to authenticated using (hearing_id in (
    select h.id from app.hearings h where h.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))));
create policy "Anyone sees the parties of a closed hearing" on app.hearing_parties
  for select to anon, authenticated using (hearing_id in (select private.readable_closed_hearings()));
create policy "The secretariat invites parties" on app.hearing_parties
  for insert to authenticated with check (hearing_id in (
    select h.id from app.hearings h where h.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))));

-- No insert policy: a response arrives only through the party's link (private.submit_hearing_response).
create policy "Anyone reads the responses once the hearing has closed" on app.hearing_responses
  for select to anon, authenticated using (hearing_id in (select private.readable_closed_hearings()));
create policy "Response items are read with their response" on app.hearing_response_items
  for select to anon, authenticated using (response_id in (select r.id from app.hearing_responses r));

-- Through the personal link (named privileged operations) --------------------------------------------

create function private.hearing_party_for_token(token text) returns app.hearing_parties
language sql stable security definer set search_path = ''
as $$
  select p.* from app.hearing_parties p
  where hearing_party_for_token.token ~ '^[0-9a-f]{64}$'
    and p.token_sha256 = encode(sha256(convert_to(hearing_party_for_token.token, 'UTF8')), 'hex')
$$;

-- What the holder of a link sees: the hearing, the recommendations heard (their frozen text) and,
-- when the party has answered, its response (read-only). Null for an unknown link.
create function private.hearing_invitation(token text) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object(
    'party_id', p.id, 'party_name', p.name,
    'hearing', jsonb_build_object('id', h.id, 'title', h.title, 'description', h.description,
      'deadline_at', h.deadline_at, 'closed_at', h.closed_at, 'is_closed', private.hearing_is_closed(h.id),
      'assembly_id', a.id, 'assembly_title', a.title),
    'recommendations', coalesce((
      select jsonb_agg(jsonb_build_object('id', r.id, 'number', r.number, 'kind', r.kind,
        'title', v.title, 'body_md', v.body_md) order by r.number)
      from app.recommendations r
      join app.recommendation_versions v on v.recommendation_id = r.id and v.version = r.frozen_version
      where r.assembly_id = h.assembly_id and r.handed_over_at is not null), '[]'::jsonb),
    'response', (
      select jsonb_build_object('id', x.id, 'overall_text', x.overall_text, 'file_name', x.file_name,
        'submitted_at', x.submitted_at,
        'items', coalesce((select jsonb_agg(jsonb_build_object('recommendation_id', i.recommendation_id, 'body', i.body))
                           from app.hearing_response_items i where i.response_id = x.id), '[]'::jsonb))
      from app.hearing_responses x where x.party_id = p.id))
  from private.hearing_party_for_token(hearing_invitation.token) p
  join app.hearings h on h.id = p.hearing_id
  join app.assemblies a on a.id = h.assembly_id
$$;

-- Submits the party's one response. items: [{"recommendation_id": uuid, "body": text}].
create function private.submit_hearing_response(
  token text, overall_text text, items jsonb, file_name text, content_type text, byte_size bigint, file_sha256 text
) returns uuid
language plpgsql volatile security definer set search_path = ''
as $$
declare
  p app.hearing_parties;
  id uuid := gen_random_uuid();
  given int;
begin
  select * into p from private.hearing_party_for_token(submit_hearing_response.token);
  if p.id is null then
    raise exception 'This hearing link is not valid' using errcode = 'P0001', detail = 'hearing_link_unknown';
  end if;
  perform 1 from app.hearings h where h.id = p.hearing_id for update;
  if private.hearing_is_closed(p.hearing_id) then
    raise exception 'The hearing has closed; responses are no longer accepted' using errcode = 'P0001', detail = 'hearing_closed';
  end if;
  if exists (select 1 from app.hearing_responses r where r.party_id = p.id) then
    raise exception 'The party has already responded' using errcode = 'P0001', detail = 'hearing_already_answered';
  end if;
  select count(*) into given from jsonb_array_elements(coalesce(submit_hearing_response.items, '[]'::jsonb)) e
  where btrim(coalesce(e ->> 'body', '')) <> '';
  if btrim(coalesce(submit_hearing_response.overall_text, '')) = '' and given = 0 and submit_hearing_response.file_sha256 is null then
    raise exception 'The response is empty' using errcode = 'P0001', detail = 'hearing_response_empty';
  end if;
  if exists (
    select 1 from jsonb_array_elements(coalesce(submit_hearing_response.items, '[]'::jsonb)) e
    where btrim(coalesce(e ->> 'body', '')) <> '' and not exists (
      select 1 from app.recommendations r join app.hearings h on h.assembly_id = r.assembly_id
      where h.id = p.hearing_id and r.handed_over_at is not null and r.id::text = e ->> 'recommendation_id')) then
    raise exception 'A response names a recommendation that is not heard' using errcode = 'P0001', detail = 'recommendation_unknown';
  end if;
  insert into app.hearing_responses (id, hearing_id, party_id, overall_text, file_sha256, file_name, content_type, byte_size)
  values (id, p.hearing_id, p.id, btrim(coalesce(submit_hearing_response.overall_text, '')),
    submit_hearing_response.file_sha256, submit_hearing_response.file_name,
    submit_hearing_response.content_type, submit_hearing_response.byte_size);
  insert into app.hearing_response_items (response_id, recommendation_id, body)
  select id, (e ->> 'recommendation_id')::uuid, btrim(e ->> 'body')
  from jsonb_array_elements(coalesce(submit_hearing_response.items, '[]'::jsonb)) e
  where btrim(coalesce(e ->> 'body', '')) <> '';
  return id;
end
$$;

-- The API ------------------------------------------------------------------------------------------

create function api.hearing_invitation(token text) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.hearing_invitation(hearing_invitation.token) $$;

create function api.submit_hearing_response(
  token text, overall_text text, items jsonb, file_name text, content_type text, byte_size bigint, file_sha256 text
) returns uuid
language sql volatile security invoker set search_path = ''
as $$
  select private.submit_hearing_response(submit_hearing_response.token, submit_hearing_response.overall_text,
    submit_hearing_response.items, submit_hearing_response.file_name, submit_hearing_response.content_type,
    submit_hearing_response.byte_size, submit_hearing_response.file_sha256)
$$;

-- The hearings of an assembly the caller sees, with counts (responses counted for the secretariat).
create function api.hearings(assembly_id uuid)
returns table (id uuid, title text, description text, deadline_at timestamptz, closed_at timestamptz,
  is_closed boolean, created_at timestamptz, party_count int, response_count int)
language sql stable security invoker set search_path = ''
as $$
  select h.id, h.title, h.description, h.deadline_at, h.closed_at, private.hearing_is_closed(h.id), h.created_at,
    (select count(*)::int from app.hearing_parties p where p.hearing_id = h.id),
    case when private.hearing_is_closed(h.id) then (select count(*)::int from app.hearing_responses r where r.hearing_id = h.id)
         else (select count(*)::int from private.hearing_answered(h.id)) end
  from app.hearings h
  where h.assembly_id = hearings.assembly_id
  order by h.created_at desc
$$;

-- The parties of a hearing, for the secretariat: name and when they answered (not what).
create function api.hearing_parties(hearing_id uuid)
returns table (id uuid, name text, submitted_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select p.id, p.name, a.submitted_at
  from app.hearing_parties p
  left join private.hearing_answered(hearing_parties.hearing_id) a on a.party_id = p.id
  where p.hearing_id = hearing_parties.hearing_id
  order by lower(p.name)
$$;

-- The responses of a closed hearing (nothing before): stable ids to cite, the party, the text, the
-- file's name, and the per-recommendation parts.
create function api.hearing_responses(hearing_id uuid)
returns table (id uuid, party_name text, overall_text text, file_name text, byte_size bigint,
  submitted_at timestamptz, items jsonb)
language sql stable security invoker set search_path = ''
as $$
  select r.id, p.name, r.overall_text, r.file_name, r.byte_size, r.submitted_at,
    coalesce((select jsonb_agg(jsonb_build_object('recommendation_id', i.recommendation_id, 'number', rec.number, 'body', i.body) order by rec.number)
              from app.hearing_response_items i join app.recommendations rec on rec.id = i.recommendation_id
              where i.response_id = r.id), '[]'::jsonb)
  from app.hearing_responses r
  join app.hearing_parties p on p.id = r.party_id
  where r.hearing_id = hearing_responses.hearing_id
  order by lower(p.name)
$$;

-- A response's stored file, for the download route (RLS decides: only after the close).
create function api.hearing_response_file(response_id uuid)
returns table (sha256 text, file_name text, content_type text, byte_size bigint)
language sql stable security invoker set search_path = ''
as $$
  select r.file_sha256, r.file_name, r.content_type, r.byte_size
  from app.hearing_responses r where r.id = hearing_response_file.response_id and r.file_sha256 is not null
$$;

-- Opens a hearing with its parties ([{"name": text}]) and returns each party's
-- link token — the only time it exists outside the party's hands (only its hash is stored).
create function api.open_hearing(assembly_id uuid, title text, description text, deadline_at timestamptz, parties jsonb)
returns table (party_id uuid, name text, token text)
language plpgsql security invoker set search_path = ''
as $$
declare
  hearing uuid := gen_random_uuid();
  party jsonb;
  secret text;
begin
  if not (open_hearing.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))) then
    raise exception 'Only the council''s secretariat or an administrator opens a hearing' using errcode = '42501';
  end if;
  if open_hearing.deadline_at <= now() then
    raise exception 'The deadline must be in the future' using errcode = 'P0001', detail = 'deadline_past';
  end if;
  if jsonb_typeof(open_hearing.parties) <> 'array' or jsonb_array_length(open_hearing.parties) = 0 then
    raise exception 'A hearing needs at least one party' using errcode = 'P0001', detail = 'parties_required';
  end if;
  insert into app.hearings (id, assembly_id, title, description, deadline_at, opened_by)
  values (hearing, open_hearing.assembly_id, btrim(open_hearing.title), btrim(coalesce(open_hearing.description, '')),
    open_hearing.deadline_at, (select p from private.my_person_ids() p limit 1));
  for party in select * from jsonb_array_elements(open_hearing.parties) loop
    secret := encode(sha256(convert_to(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'UTF8')), 'hex');
    party_id := gen_random_uuid();
    name := btrim(party ->> 'name');
    token := secret;
    insert into app.hearing_parties (id, hearing_id, name, token_sha256)
    values (party_id, hearing, name, encode(sha256(convert_to(secret, 'UTF8')), 'hex'));
    return next;
  end loop;
end
$$;

create function api.close_hearing(hearing_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.hearings h set closed_at = now() where h.id = close_hearing.hearing_id and h.closed_at is null;
  if not found then
    raise exception 'Only the secretariat closes an open hearing' using errcode = 'PT404';
  end if;
end
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.hearing_is_closed(uuid), private.readable_closed_hearings(),
  private.hearing_answered(uuid), private.hearing_invitation(text), private.submit_hearing_response(text, text, jsonb, text, text, bigint, text) to anon, authenticated, service_role;
grant execute on function api.hearing_invitation(text), api.submit_hearing_response(text, text, jsonb, text, text, bigint, text),
  api.hearings(uuid), api.hearing_responses(uuid), api.hearing_response_file(uuid) to anon, authenticated, service_role;
grant execute on function api.hearing_parties(uuid), api.open_hearing(uuid, text, text, timestamptz, jsonb),
  api.close_hearing(uuid) to authenticated, service_role;
