-- After the draw: the selected answer (confirm or decline, through a personal link or by phone to
-- the secretariat); confirming makes the person a member of the assembly. A member who withdraws
-- before the cut-off is replaced by a reserve. Status moves only along the allowed transitions.

alter table app.registrations add column response_token_hash text unique
  check (response_token_hash is null or response_token_hash ~ '^[0-9a-f]{64}$');
alter table app.registrations add column responded_at timestamptz;
alter table app.registrations add column replaces_registration_id uuid references app.registrations (id) on delete set null;
create index registrations_replaces_idx on app.registrations (replaces_registration_id);

-- The allowed moves of a registration's status.
create function private.status_move_allowed(old_status app.registration_status, new_status app.registration_status)
returns boolean
language sql immutable set search_path = ''
as $$
  select (old_status, new_status) in (
    ('selected'::app.registration_status, 'confirmed'::app.registration_status),
    ('selected', 'declined'),
    ('reserve', 'selected'),
    ('reserve', 'withdrawn'),
    ('confirmed', 'withdrawn'),
    ('confirmed', 'participated'),
    ('selected', 'withdrawn')
  )
$$;

create function private.registration_status_guard() returns trigger
language plpgsql set search_path = ''
as $$
begin
  -- Out of the pool only by a draw; a reserve into the panel only as a replacement.
  if new.status is distinct from old.status and (
       (old.status = 'pool' and not (new.status in ('selected', 'reserve') and new.draw_id is not null))
       or (old.status <> 'pool' and not private.status_move_allowed(old.status, new.status))
       or (old.status = 'reserve' and new.status = 'selected' and new.replaces_registration_id is null)) then
    raise exception 'A registration cannot go from % to %', old.status, new.status
      using errcode = 'P0001', detail = 'status_move';
  end if;
  return new;
end
$$;
revoke execute on function private.registration_status_guard(), private.status_move_allowed(app.registration_status, app.registration_status) from public;
grant execute on function private.status_move_allowed(app.registration_status, app.registration_status) to authenticated, service_role;
create trigger registration_status_guard before update of status on app.registrations
  for each row execute function private.registration_status_guard();

-- Confirming: the registration becomes a person with the member role (reusing a person with the
-- same address). Security invoker: an administrator runs it under RLS; the citizen's own link runs
-- it inside respond_to_selection, a definer that has checked the token.
create function private.confirm_registration(registration uuid) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  r app.registrations;
  person uuid;
begin
  select * into r from app.registrations where id = registration for update;
  if r.status <> 'selected' then
    raise exception 'Only a selected person can confirm' using errcode = 'P0001', detail = 'not_selected';
  end if;
  if r.id is null then
    raise exception 'Registration not found' using errcode = 'PT404';
  end if;
  if r.email is not null then
    person := case when current_user in ('authenticated', 'anon')
                   then private.person_id_for_email(r.email)
                   else (select p.id from app.people p where lower(p.email) = lower(r.email)) end;
  end if;
  if person is null then
    person := gen_random_uuid();
    insert into app.people (id, full_name, email, phone) values (person, r.full_name, r.email, r.phone);
  end if;
  insert into app.role_assignments (assembly_id, person_id, role) values (r.assembly_id, person, 'member')
  on conflict do nothing;
  update app.registrations set status = 'confirmed', person_id = person, responded_at = now()
  where id = registration;
  return person;
end
$$;
revoke execute on function private.confirm_registration(uuid) from public, anon;
grant execute on function private.confirm_registration(uuid) to authenticated, service_role;

-- Administrators record the answer of a selected person (phone, letter) or a withdrawal.
create function api.set_registration_status(registration_id uuid, status app.registration_status)
returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  r record;
begin
  select reg.id, reg.assembly_id, reg.status into r from app.registrations reg
  where reg.id = set_registration_status.registration_id;
  if r.id is null or not (r.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can change a registration' using errcode = '42501';
  end if;
  if set_registration_status.status = 'confirmed' then
    perform private.confirm_registration(r.id);
  else
    update app.registrations reg set status = set_registration_status.status, responded_at = now()
    where reg.id = r.id;
  end if;
end
$$;

-- A reserve takes a withdrawn member's place (the choice is made by the app's replacement rule).
create function api.replace_with_reserve(withdrawn_id uuid, reserve_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  assembly uuid;
  cutoff date;
begin
  select reg.assembly_id into assembly from app.registrations reg
  where reg.id = withdrawn_id and reg.status = 'withdrawn';
  if assembly is null or not (assembly in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only a withdrawn member of your assembly can be replaced' using errcode = '42501';
  end if;
  if exists (select 1 from app.registrations reg where reg.replaces_registration_id = withdrawn_id) then
    raise exception 'That member has already been replaced' using errcode = 'P0001', detail = 'already_replaced';
  end if;
  select s.replacement_cutoff_on into cutoff from app.recruitment_settings s where s.assembly_id = assembly;
  if cutoff is not null and private.today_in_copenhagen() > cutoff then
    raise exception 'The cut-off has passed: no more replacements' using errcode = 'P0001', detail = 'after_cutoff';
  end if;
  update app.registrations reg set status = 'selected', replaces_registration_id = withdrawn_id, response_token_hash = null
  where reg.id = reserve_id and reg.assembly_id = assembly and reg.status = 'reserve';
  if not found then
    raise exception 'That reserve is not available' using errcode = 'P0001', detail = 'reserve_unavailable';
  end if;
end
$$;

-- Personal answer links for the selected who have none yet: the app makes the tokens and mails
-- them; only their SHA-256 is stored. tokens: [{registration_id, token_hash}]
create function api.set_response_tokens(tokens jsonb) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  changed int;
begin
  update app.registrations reg set response_token_hash = t ->> 'token_hash'
  from jsonb_array_elements(tokens) t
  where reg.id = (t ->> 'registration_id')::uuid and reg.status = 'selected' and reg.response_token_hash is null;
  get diagnostics changed = row_count;
  return changed;
end
$$;

-- What the holder of an answer link sees: the assembly and the dates, and whether they answered.
create function private.selection_for_token(token text)
returns table (registration_id uuid, assembly_id uuid, full_name text, status app.registration_status,
               title text, first_session_on date, last_session_on date)
language sql stable security definer set search_path = ''
as $$
  select r.id, r.assembly_id, r.full_name, r.status, a.title, a.first_session_on, a.last_session_on
  from app.registrations r join app.assemblies a on a.id = r.assembly_id
  where r.response_token_hash = encode(sha256(convert_to(selection_for_token.token, 'UTF8')), 'hex')
$$;
revoke execute on function private.selection_for_token(text) from public;
grant execute on function private.selection_for_token(text) to anon, authenticated, service_role;

create function api.selection_invitation(token text) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  found record;
begin
  select * into found from private.selection_for_token(selection_invitation.token);
  if found.registration_id is null then
    raise exception 'Unknown link' using errcode = 'PT404', detail = 'token_unknown';
  end if;
  return jsonb_build_object('full_name', found.full_name, 'status', found.status, 'title', found.title,
    'first_session_on', found.first_session_on, 'last_session_on', found.last_session_on);
end
$$;

-- The selected person answers through their link.
create function private.respond_to_selection(token text, accept boolean) returns app.registration_status
language plpgsql security definer set search_path = ''
as $$
declare
  found record;
begin
  select * into found from private.selection_for_token(respond_to_selection.token);
  if found.registration_id is null then
    raise exception 'Unknown link' using errcode = 'PT404', detail = 'token_unknown';
  end if;
  if found.status <> 'selected' then
    raise exception 'You have already answered' using errcode = 'P0001', detail = 'already_answered';
  end if;
  if accept then
    perform private.confirm_registration(found.registration_id);
    return 'confirmed';
  end if;
  update app.registrations set status = 'declined', responded_at = now() where id = found.registration_id;
  return 'declined';
end
$$;
revoke execute on function private.respond_to_selection(text, boolean) from public;
grant execute on function private.respond_to_selection(text, boolean) to anon, authenticated, service_role;

create function api.respond_to_selection(token text, accept boolean) returns app.registration_status
language sql security invoker set search_path = ''
as $$ select private.respond_to_selection(respond_to_selection.token, respond_to_selection.accept) $$;

revoke execute on all functions in schema api from public;
grant execute on function api.selection_invitation(text), api.respond_to_selection(text, boolean)
  to anon, authenticated, service_role;
grant execute on function api.set_registration_status(uuid, app.registration_status),
  api.replace_with_reserve(uuid, uuid), api.set_response_tokens(jsonb)
  to authenticated, service_role;

-- The pool as administrators see it, now with the draw's outcome: reserve rank, whom a reserve
-- replaced, and the person a confirmation made.
drop function api.pool(uuid);
create function api.pool(assembly_id uuid)
returns table (
  id uuid, registration_number int, full_name text, email text, phone text, birth_year int,
  postal_code text, household_key text, channel app.registration_channel,
  status app.registration_status, created_at timestamptz, support_needs text[], answers jsonb,
  reserve_rank int, replaces_registration_id uuid, has_response_link boolean
)
language sql stable security invoker set search_path = ''
as $$
  select r.id, r.registration_number, r.full_name, r.email, r.phone, r.birth_year, r.postal_code,
         r.household_key, r.channel, r.status, r.created_at, r.support_needs,
         coalesce((select jsonb_object_agg(c.name, f.name)
                   from app.registration_answers ra
                   join app.categories c on c.id = ra.category_id
                   join app.features f on f.id = ra.feature_id
                   where ra.registration_id = r.id), '{}'::jsonb),
         r.reserve_rank, r.replaces_registration_id, r.response_token_hash is not null
  from app.registrations r
  where r.assembly_id = pool.assembly_id
  order by r.registration_number
$$;
revoke execute on function api.pool(uuid) from public;
grant execute on function api.pool(uuid) to authenticated, service_role;
