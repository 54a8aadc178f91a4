-- The recruitment API: quotas and settings for administrators, invitation batches, the
-- registration form reached with a code, and registration by the citizen or by staff.
-- Domain errors are raised with a machine-readable key in DETAIL, which the app shows beside the
-- field it concerns.

-- Today in Copenhagen, the calendar every deadline is read in.
create function private.today_in_copenhagen() returns date
language sql stable set search_path = ''
as $$ select (now() at time zone 'Europe/Copenhagen')::date $$;

-- The invitation behind a code, for anyone holding the code (a named privileged read).
create function private.invitation_for_code(code text)
returns table (invitation_id uuid, assembly_id uuid, used_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select i.id, i.assembly_id, i.used_at
  from app.invitations i
  where i.code = upper(regexp_replace(invitation_for_code.code, '[\s-]', '', 'g'))
$$;

-- The one way a registration is written, by a citizen with a code or by staff. Re-checks the
-- deadline, the answers and derives the age band; all in the caller's transaction.
create function private.create_registration(
  target_assembly_id uuid,
  invitation uuid,
  channel app.registration_channel,
  full_name text,
  email text,
  phone text,
  birth_year int,
  address_line text,
  postal_code text,
  city text,
  answers jsonb,
  support_needs text[],
  support_note text,
  consent boolean
) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  assembly app.assemblies;
  letter record;
  violated text;
  registration uuid := gen_random_uuid();
  number int;
  reference_date date;
  age int;
  category record;
  chosen uuid;
begin
  select * into assembly from app.assemblies a where a.id = target_assembly_id;
  if assembly.id is null then
    raise exception 'Assembly not found' using errcode = 'PT404', detail = 'assembly_unknown';
  end if;
  -- Who may write: the holder of an unused code of this assembly (self), or its administrators
  -- (phone, paper). The invitation row is locked, so one code registers one person.
  if invitation is null then
    if channel = 'self' or not (target_assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
      raise exception 'Only the assembly''s administrators can register people without a code'
        using errcode = '42501';
    end if;
  else
    select i.assembly_id, i.used_at into letter from app.invitations i where i.id = invitation for update;
    if letter.assembly_id is distinct from target_assembly_id or channel <> 'self' then
      raise exception 'The code does not belong to this assembly' using errcode = '42501';
    end if;
    if letter.used_at is not null then
      raise exception 'The code has already been used' using errcode = 'P0001', detail = 'code_used';
    end if;
  end if;
  if channel = 'self' and assembly.registration_closes_on is not null
     and private.today_in_copenhagen() > assembly.registration_closes_on then
    raise exception 'Registration closed on %', assembly.registration_closes_on
      using errcode = 'P0001', detail = 'registration_closed';
  end if;
  if not coalesce(consent, false) then
    raise exception 'Consent to the privacy notice is required' using errcode = 'P0001', detail = 'consent_required';
  end if;
  if nullif(trim(email), '') is null and nullif(trim(phone), '') is null then
    raise exception 'An e-mail address or a phone number is required' using errcode = 'P0001', detail = 'contact_required';
  end if;

  reference_date := coalesce(assembly.first_session_on, private.today_in_copenhagen());
  age := extract(year from reference_date)::int - birth_year;

  -- One registration number at a time per assembly.
  perform pg_advisory_xact_lock(hashtext('registration:' || target_assembly_id::text));
  select coalesce(max(r.registration_number), 0) + 1 into number
  from app.registrations r where r.assembly_id = target_assembly_id;

  insert into app.registrations (
    id, assembly_id, invitation_id, registration_number, full_name, email, phone, birth_year,
    address_line, postal_code, city, household_key, support_needs, support_note, consent_at, channel
  ) values (
    registration, target_assembly_id, invitation, number, trim(full_name),
    nullif(lower(trim(email)), ''), nullif(trim(phone), ''), birth_year, trim(address_line),
    trim(postal_code), trim(coalesce(city, '')),
    encode(sha256(convert_to(lower(regexp_replace(trim(address_line), '\s+', ' ', 'g')) || '|' || trim(postal_code), 'UTF8')), 'hex'),
    coalesce(support_needs, '{}'), coalesce(support_note, ''), now(), channel
  );

  for category in
    select c.id, c.kind from app.categories c where c.assembly_id = target_assembly_id order by c.position
  loop
    if category.kind = 'birth_year' then
      select f.id into chosen from app.features f
      where f.category_id = category.id and age between coalesce(f.age_from, 0) and coalesce(f.age_to, 130)
      order by f.position limit 1;
      if chosen is null then
        raise exception 'Age % is outside the assembly''s age bands', age
          using errcode = 'P0001', detail = 'age_out_of_range';
      end if;
    else
      select f.id into chosen from app.features f
      where f.category_id = category.id and f.id::text = (answers ->> category.id::text);
      if chosen is null then
        raise exception 'An answer is missing for a question'
          using errcode = 'P0001', detail = 'answer_missing:' || category.id;
      end if;
    end if;
    insert into app.registration_answers (registration_id, category_id, feature_id)
    values (registration, category.id, chosen);
  end loop;

  if invitation is not null then
    update app.invitations set used_at = now() where id = invitation;
  end if;
  return jsonb_build_object('registration_number', number, 'assembly_title', assembly.title);
exception
  when unique_violation then
    get stacked diagnostics violated = constraint_name;
    if violated = 'registrations_email_key' then
      raise exception 'This address is already registered for the assembly'
        using errcode = '23505', detail = 'email_taken';
    elsif violated = 'registrations_invitation_id_key' then
      raise exception 'The code has already been used' using errcode = 'P0001', detail = 'code_used';
    end if;
    raise;
end
$$;

revoke execute on function private.today_in_copenhagen(), private.invitation_for_code(text),
  private.create_registration(uuid, uuid, app.registration_channel, text, text, text, int, text, text, text, jsonb, text[], text, boolean)
  from public;
grant execute on function private.today_in_copenhagen(), private.invitation_for_code(text),
  private.create_registration(uuid, uuid, app.registration_channel, text, text, text, int, text, text, text, jsonb, text[], text, boolean)
  to anon, authenticated, service_role;

-- What the registration form needs, for the holder of a code: the assembly's description, its
-- questions and privacy notice, even when the assembly is not public. Nothing else.
create function private.registration_form_for_code(code text) returns jsonb
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
revoke execute on function private.registration_form_for_code(text) from public;
grant execute on function private.registration_form_for_code(text) to anon, authenticated, service_role;

create function api.registration_form(code text) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.registration_form_for_code(registration_form.code) $$;

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
  support_note text default ''
) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  found record;
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
  return private.create_registration(found.assembly_id, found.invitation_id, 'self', full_name, email,
    phone, birth_year, address_line, postal_code, city, answers, support_needs, support_note, consent);
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
  support_note text default ''
) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
begin
  if not (register_by_staff.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can register people' using errcode = '42501';
  end if;
  if channel = 'self' then
    raise exception 'Staff registrations are by phone or paper' using errcode = 'P0001', detail = 'channel_invalid';
  end if;
  return private.create_registration(register_by_staff.assembly_id, null, channel, full_name, email,
    phone, birth_year, address_line, postal_code, city, answers, support_needs, support_note, consent);
end
$$;

-- Recruitment at a glance: settings, categories with quotas and counts (counts of registrations
-- only for administrators; RLS hides the rows from everyone else).
create function api.recruitment_overview(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'settings', (select to_jsonb(s) - 'created_at' from app.recruitment_settings s where s.assembly_id = recruitment_overview.assembly_id),
    'categories', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', c.id, 'name', c.name, 'question', c.question, 'kind', c.kind, 'position', c.position,
        'features', (
          select coalesce(jsonb_agg(jsonb_build_object(
            'id', f.id, 'name', f.name, 'min', f.min, 'max', f.max, 'position', f.position,
            'population_share', f.population_share, 'age_from', f.age_from, 'age_to', f.age_to,
            'registered', (select count(*) from app.registration_answers ra where ra.feature_id = f.id)
          ) order by f.position, f.name), '[]'::jsonb)
          from app.features f where f.category_id = c.id)
      ) order by c.position, c.name)
      from app.categories c where c.assembly_id = recruitment_overview.assembly_id), '[]'::jsonb),
    'invitations', (select jsonb_build_object('total', count(*), 'used', count(used_at))
                    from app.invitations i where i.assembly_id = recruitment_overview.assembly_id),
    'registrations', (select coalesce(jsonb_object_agg(status, n), '{}'::jsonb) from (
                        select r.status, count(*) as n from app.registrations r
                        where r.assembly_id = recruitment_overview.assembly_id group by r.status) c)
  )
$$;

create function api.save_recruitment_settings(
  assembly_id uuid,
  panel_size int,
  reserve_size int,
  one_per_household boolean,
  privacy_notice text,
  replacement_cutoff_on date default null
) returns void
language sql security invoker set search_path = ''
as $$
  insert into app.recruitment_settings as s (assembly_id, panel_size, reserve_size, one_per_household, privacy_notice, replacement_cutoff_on)
  values (save_recruitment_settings.assembly_id, panel_size, reserve_size, one_per_household, privacy_notice, replacement_cutoff_on)
  on conflict (assembly_id) do update set
    panel_size = excluded.panel_size, reserve_size = excluded.reserve_size,
    one_per_household = excluded.one_per_household, privacy_notice = excluded.privacy_notice,
    replacement_cutoff_on = excluded.replacement_cutoff_on
$$;

-- Adds a category with its features, or replaces the features of an existing one, in one step.
-- features: [{name, min, max, population_share?, age_from?, age_to?}]
create function api.save_category(
  assembly_id uuid,
  name text,
  kind app.category_kind,
  features jsonb,
  question text default '',
  category_id uuid default null
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  target uuid := coalesce(save_category.category_id, gen_random_uuid());
  feature jsonb;
  i int := 0;
begin
  if not (save_category.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can change quotas' using errcode = '42501';
  end if;
  if jsonb_typeof(features) <> 'array' or jsonb_array_length(features) = 0 then
    raise exception 'A category needs at least one feature' using errcode = 'P0001', detail = 'features_required';
  end if;
  if save_category.category_id is null then
    insert into app.categories (id, assembly_id, name, question, kind, position)
    values (target, save_category.assembly_id, save_category.name, save_category.question, save_category.kind,
            (select coalesce(max(c.position), 0) + 1 from app.categories c where c.assembly_id = save_category.assembly_id));
  else
    update app.categories c set name = save_category.name, question = save_category.question, kind = save_category.kind
    where c.id = target and c.assembly_id = save_category.assembly_id;
    if not found then
      raise exception 'Category not found' using errcode = 'PT404';
    end if;
    -- Features keep their ids (and answers) when their names stay.
    delete from app.features f where f.category_id = target
      and f.name not in (select x ->> 'name' from jsonb_array_elements(features) x);
  end if;
  for feature in select * from jsonb_array_elements(features) loop
    i := i + 1;
    insert into app.features (category_id, name, min, max, population_share, age_from, age_to, position)
    values (target, feature ->> 'name', coalesce((feature ->> 'min')::int, 0), coalesce((feature ->> 'max')::int, 0),
            (feature ->> 'population_share')::numeric, (feature ->> 'age_from')::int, (feature ->> 'age_to')::int, i)
    on conflict on constraint features_category_id_name_key do update set
      min = excluded.min, max = excluded.max, population_share = excluded.population_share,
      age_from = excluded.age_from, age_to = excluded.age_to, position = excluded.position;
  end loop;
  return target;
end
$$;

-- Sets many quotas at once (e.g. computed from population shares), in one transaction.
-- quotas: [{feature_id, min, max}]
create function api.set_quotas(assembly_id uuid, quotas jsonb) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  changed int;
begin
  update app.features f set min = (q ->> 'min')::int, max = (q ->> 'max')::int
  from jsonb_array_elements(quotas) q, app.categories c
  where f.id = (q ->> 'feature_id')::uuid and c.id = f.category_id and c.assembly_id = set_quotas.assembly_id;
  get diagnostics changed = row_count;
  if changed <> jsonb_array_length(quotas) then
    raise exception 'Only the assembly''s administrators can set its quotas' using errcode = '42501';
  end if;
  return changed;
end
$$;

create function api.delete_category(category_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.categories c where c.id = delete_category.category_id;
  if not found then
    raise exception 'Category not found, or you may not remove it' using errcode = 'PT404';
  end if;
end
$$;

-- One batch of invitations with their codes (made by the app: random, with a check symbol).
-- invitations: [{code, recipient_name?, address_line?, postal_code?, city?, district?}]
create function api.create_invitations(assembly_id uuid, label text, mode text, invitations jsonb)
returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  batch uuid := gen_random_uuid();
begin
  insert into app.invitation_batches (id, assembly_id, label, mode)
  values (batch, create_invitations.assembly_id, label, mode);
  insert into app.invitations (assembly_id, batch_id, code, recipient_name, address_line, postal_code, city, district)
  select create_invitations.assembly_id, batch, x ->> 'code', x ->> 'recipient_name', x ->> 'address_line',
         x ->> 'postal_code', x ->> 'city', x ->> 'district'
  from jsonb_array_elements(invitations) x;
  return batch;
end
$$;

create function api.invitation_batches(assembly_id uuid)
returns table (id uuid, label text, mode text, created_at timestamptz, total bigint, used bigint)
language sql stable security invoker set search_path = ''
as $$
  select b.id, b.label, b.mode, b.created_at, count(i.id), count(i.used_at)
  from app.invitation_batches b
  left join app.invitations i on i.batch_id = b.id
  where b.assembly_id = invitation_batches.assembly_id
  group by b.id
  order by b.created_at desc
$$;

create function api.list_invitations(batch_id uuid)
returns table (code text, recipient_name text, address_line text, postal_code text, city text, district text, used boolean)
language sql stable security invoker set search_path = ''
as $$
  select i.code, i.recipient_name, i.address_line, i.postal_code, i.city, i.district, i.used_at is not null
  from app.invitations i
  where i.batch_id = list_invitations.batch_id
  order by i.postal_code nulls last, i.address_line nulls last, i.code
$$;

-- The pool as administrators see it: contact details and answers by category name.
create function api.pool(assembly_id uuid)
returns table (
  id uuid, registration_number int, full_name text, email text, phone text, birth_year int,
  postal_code text, household_key text, channel app.registration_channel,
  status app.registration_status, created_at timestamptz, support_needs text[], answers jsonb
)
language sql stable security invoker set search_path = ''
as $$
  select r.id, r.registration_number, r.full_name, r.email, r.phone, r.birth_year, r.postal_code,
         r.household_key, r.channel, r.status, r.created_at, r.support_needs,
         coalesce((select jsonb_object_agg(c.name, f.name)
                   from app.registration_answers ra
                   join app.categories c on c.id = ra.category_id
                   join app.features f on f.id = ra.feature_id
                   where ra.registration_id = r.id), '{}'::jsonb)
  from app.registrations r
  where r.assembly_id = pool.assembly_id
  order by r.registration_number
$$;

revoke execute on all functions in schema api from public;
grant execute on function api.registration_form(text), api.register(text, text, int, text, text, boolean, jsonb, text, text, text, text[], text)
  to anon, authenticated, service_role;
grant execute on function api.recruitment_overview(uuid) to anon, authenticated, service_role;
grant execute on function
  api.register_by_staff(uuid, app.registration_channel, text, int, text, text, boolean, jsonb, text, text, text, text[], text),
  api.save_recruitment_settings(uuid, int, int, boolean, text, date),
  api.save_category(uuid, text, app.category_kind, jsonb, text, uuid),
  api.delete_category(uuid),
  api.set_quotas(uuid, jsonb),
  api.create_invitations(uuid, text, text, jsonb),
  api.invitation_batches(uuid),
  api.list_invitations(uuid),
  api.pool(uuid)
  to authenticated, service_role;
