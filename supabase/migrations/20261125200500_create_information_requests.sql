-- Information requests: members ask for facts or an expert between sessions; the organisers give
-- each request a status and an answer that every member can read (no information asymmetry).
-- Who asked is known to the organisers only.

create type app.request_kind as enum ('fact', 'expert');
create type app.request_status as enum ('open', 'in_progress', 'answered', 'declined');

create table app.information_requests (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  asked_by uuid references app.people (id) on delete set null,
  kind app.request_kind not null default 'fact',
  question text not null check (char_length(question) between 5 and 2000),
  status app.request_status not null default 'open',
  answer text not null default '' check (char_length(answer) <= 10000),
  answered_by uuid references app.people (id) on delete set null,
  answered_at timestamptz,
  created_at timestamptz not null default now(),
  constraint information_requests_answer_given check (status not in ('answered', 'declined') or answer <> '')
);
create index information_requests_assembly_id_idx on app.information_requests (assembly_id, created_at desc);
comment on table app.information_requests is 'A member''s request for facts or an expert, with its status and the answer all members read.';
alter table app.information_requests enable row level security;

grant select on app.information_requests to anon;
grant select, insert, update, delete on app.information_requests to authenticated;
grant all on app.information_requests to service_role;

create policy "Members and organisers read the assembly's requests" on app.information_requests
  for select to authenticated using (
    assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin,evaluator}')));
create policy "Members ask in their own name" on app.information_requests
  for insert to authenticated with check (
    asked_by in (select private.my_person_ids()) and status = 'open' and answer = ''
    and assembly_id in (select private.assemblies_where_i_am('{member}')));
create policy "Organisers answer requests" on app.information_requests
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Members withdraw their own open requests" on app.information_requests
  for delete to authenticated using (status = 'open' and asked_by in (select private.my_person_ids()));

-- The requests with their answers; the asker's name only for organisers (and "you" for the asker).
create function api.information_requests(assembly_id uuid)
returns table (id uuid, kind app.request_kind, question text, status app.request_status, answer text,
  answered_at timestamptz, created_at timestamptz, asked_by_me boolean, asked_by_name text)
language sql stable security invoker set search_path = ''
as $$
  select r.id, r.kind, r.question, r.status, r.answer, r.answered_at, r.created_at,
    r.asked_by in (select private.my_person_ids()),
    case when private.is_organiser_of(r.assembly_id) then (select p.full_name from app.people p where p.id = r.asked_by) end
  from app.information_requests r
  where r.assembly_id = information_requests.assembly_id
  order by r.status in ('answered', 'declined'), r.created_at desc
$$;

create function api.ask_for_information(assembly_id uuid, kind app.request_kind, question text) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := gen_random_uuid();
  me uuid;
begin
  select p.id into me from app.people p
  join app.role_assignments ra on ra.person_id = p.id
  where p.user_id = auth.uid() and ra.assembly_id = ask_for_information.assembly_id and ra.role = 'member'
  limit 1;
  if me is null then
    raise exception 'Only the assembly''s members ask for information' using errcode = '42501';
  end if;
  insert into app.information_requests (id, assembly_id, asked_by, kind, question)
  values (id, ask_for_information.assembly_id, me, ask_for_information.kind, trim(ask_for_information.question));
  return id;
end
$$;

create function api.answer_information_request(request_id uuid, status app.request_status, answer text) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  if answer_information_request.status in ('answered', 'declined') and nullif(trim(answer_information_request.answer), '') is null then
    raise exception 'An answer (or the reason for declining) is required' using errcode = 'P0001', detail = 'answer_required';
  end if;
  update app.information_requests r set
    status = answer_information_request.status,
    answer = trim(coalesce(answer_information_request.answer, '')),
    answered_by = case when answer_information_request.status in ('answered', 'declined')
                       then (select p from private.my_person_ids() p limit 1) end,
    answered_at = case when answer_information_request.status in ('answered', 'declined') then now() end
  where r.id = answer_information_request.request_id;
  if not found then
    raise exception 'Request not found' using errcode = 'PT404';
  end if;
end
$$;

create function api.withdraw_information_request(request_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.information_requests r where r.id = withdraw_information_request.request_id;
  if not found then
    raise exception 'Only your own open request can be withdrawn' using errcode = 'P0001', detail = 'request_not_withdrawable';
  end if;
end
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.information_requests(uuid), api.ask_for_information(uuid, app.request_kind, text),
  api.answer_information_request(uuid, app.request_status, text), api.withdraw_information_request(uuid)
  to authenticated, service_role;
