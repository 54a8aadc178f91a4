-- Availability for the planned session dates, asked at registration (by the citizen with a code,
-- or by staff on the phone or from paper): the registration form lists the assembly's upcoming
-- sessions, and the answers become the member's availability when they confirm (the carry-over
-- trigger of the sessions migration). api.register and api.register_by_staff gain one optional
-- argument, so they are recreated.

-- Records the answers of the registration made in this same transaction (a named privileged write:
-- a citizen with a code cannot otherwise write registration data). Only sessions of the assembly.
create function private.record_registration_availability(target_assembly_id uuid, number int, availability jsonb)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  registration uuid;
  entry record;
begin
  select r.id into registration from app.registrations r
  where r.assembly_id = target_assembly_id and r.registration_number = number and r.created_at = now();
  if registration is null or availability is null or availability = '{}'::jsonb then
    return;
  end if;
  if jsonb_typeof(availability) <> 'object' then
    raise exception 'Availability is an object of session ids' using errcode = 'P0001', detail = 'availability_invalid';
  end if;
  for entry in select key, value from jsonb_each_text(availability) loop
    if entry.value not in ('yes', 'maybe', 'no') or not exists (
      select 1 from app.sessions s where s.id::text = entry.key and s.assembly_id = target_assembly_id and s.cancelled_at is null) then
      raise exception 'Unknown session or answer in availability' using errcode = 'P0001', detail = 'availability_invalid';
    end if;
    insert into app.registration_availability (registration_id, session_id, answer)
    values (registration, entry.key::uuid, entry.value::app.availability_answer);
  end loop;
end
$$;
revoke execute on function private.record_registration_availability(uuid, int, jsonb) from public;
grant execute on function private.record_registration_availability(uuid, int, jsonb) to anon, authenticated, service_role;

create or replace function private.registration_form_for_code(code text) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  found record;
  result jsonb;
begin
  select * into found from private.invitation_for_code(registration_form_for_code.code);
  if found.invitation_id is null then
    raise exception 'Unknown code' using errcode = 'PT404', detail = 'code_unknown',
      hint = 'Check the code in the letter, or call the secretariat.';
  end if;
  select jsonb_build_object(
    'assembly_id', a.id,
    'title', a.title,
    'municipality', a.municipality,
    'registration_closes_on', a.registration_closes_on,
    'first_session_on', a.first_session_on,
    'last_session_on', a.last_session_on,
    'used', found.used_at is not null,
    'closed', a.registration_closes_on is not null and private.today_in_copenhagen() > a.registration_closes_on,
    'privacy_notice', coalesce(s.privacy_notice, ''),
    'sessions', coalesce((
      select jsonb_agg(jsonb_build_object('id', x.id, 'title', x.title, 'starts_at', x.starts_at, 'ends_at', x.ends_at)
                       order by x.starts_at)
      from app.sessions x
      where x.assembly_id = a.id and not x.is_candidate and x.cancelled_at is null and x.starts_at > now()), '[]'::jsonb),
    'categories', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', c.id, 'name', c.name, 'question', c.question, 'kind', c.kind,
        'features', (select coalesce(jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name) order by f.position, f.name), '[]'::jsonb)
                     from app.features f where f.category_id = c.id)
      ) order by c.position, c.name)
      from app.categories c where c.assembly_id = a.id), '[]'::jsonb)
  ) into result
  from app.assemblies a
  left join app.recruitment_settings s on s.assembly_id = a.id
  where a.id = found.assembly_id;
  return result;
end
$$;
drop function api.register(text, text, int, text, text, boolean, jsonb, text, text, text, text[], text);
drop function api.register_by_staff(uuid, app.registration_channel, text, int, text, text, boolean, jsonb, text, text, text, text[], text);

-- A citizen registers with the code from the letter.
create function api.register(
  code text,
  full_name text,
  birth_year int,
  address_line text,
  postal_code text,
  consent boolean,
  answers jsonb default '{}'::jsonb,
  email text default null,
  phone text default null,
  city text default '',
  support_needs text[] default '{}',
  support_note text default '',
  availability jsonb default '{}'::jsonb
) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  found record;
  result jsonb;
begin
  select * into found from private.invitation_for_code(register.code);
  if found.invitation_id is null then
    raise exception 'Unknown code' using errcode = 'PT404', detail = 'code_unknown',
      hint = 'Check the code in the letter, or call the secretariat.';
  end if;
  if found.used_at is not null then
    raise exception 'The code has already been used' using errcode = 'P0001', detail = 'code_used',
      hint = 'Each letter registers one person. Call the secretariat if this is wrong.';
  end if;
  result := private.create_registration(found.assembly_id, found.invitation_id, 'self', full_name, email,
    phone, birth_year, address_line, postal_code, city, answers, support_needs, support_note, consent);
  perform private.record_registration_availability(found.assembly_id, (result ->> 'registration_number')::int, availability);
  return result;
end
$$;

-- Staff register someone by phone or from a paper form, through the same rules.
create function api.register_by_staff(
  assembly_id uuid,
  channel app.registration_channel,
  full_name text,
  birth_year int,
  address_line text,
  postal_code text,
  consent boolean,
  answers jsonb default '{}'::jsonb,
  email text default null,
  phone text default null,
  city text default '',
  support_needs text[] default '{}',
  support_note text default '',
  availability jsonb default '{}'::jsonb
) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  result jsonb;
begin
  if not (register_by_staff.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can register people' using errcode = '42501';
  end if;
  if channel not in ('phone', 'paper') then
    raise exception 'Staff registrations are by phone or paper' using errcode = 'P0001', detail = 'channel_invalid';
  end if;
  result := private.create_registration(register_by_staff.assembly_id, null, channel, full_name, email,
    phone, birth_year, address_line, postal_code, city, answers, support_needs, support_note, consent);
  perform private.record_registration_availability(register_by_staff.assembly_id, (result ->> 'registration_number')::int, availability);
  return result;
end
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.register(text, text, int, text, text, boolean, jsonb, text, text, text, text[], text, jsonb)
  to anon, authenticated, service_role;
grant execute on function api.register_by_staff(uuid, app.registration_channel, text, int, text, text, boolean, jsonb, text, text, text, text[], text, jsonb)
  to authenticated, service_role;
