-- Retention and deletion. Every table that holds personal data declares, in one place
-- (private.retention_rules), how long it keeps it and what happens when that time is up; one job
-- (private.run_retention, `npm run retention` and daily in the server) carries the rules out.
--
-- Expired rows are DELETED (registrations, invitations, sign-in records, sent mail), not flagged:
-- the data is gone from the tables. A person's row is kept as a pseudonym (its id), because
-- attendance, ballot casts, authorship of frozen recommendations, published material and the audit
-- chain refer to it and must stay intact; what identifies them (name, e-mail, phone, the sign-in
-- account, absence reasons, their calendar token and mail) is deleted. Counts survive: before
-- registrations go, their demographic answers are added to app.retained_feature_counts, which the
-- representativeness report reads, so its numbers do not change. The draw's bundle and the audit
-- chain hold registration numbers and hashes only, and are never touched.
--
-- A member downloads their own data (api.my_data) and asks for deletion (api.request_deletion);
-- an administrator of every assembly the person takes part in carries it out
-- (api.carry_out_deletion), which erases the person at once, the same way the retention job does.

-- When an assembly's contact details expire: the evaluation date when there is one, otherwise the
-- council's 12-month response round (handover + 12 calendar months). Null: not yet known, kept.
create function private.contact_retention_ends_on(p_assembly app.assemblies) returns date
language sql stable set search_path = ''
as $$
  select coalesce(p_assembly.evaluation_on, (p_assembly.handover_on + interval '12 months')::date)
$$;

-- The appeal period after a draw, during which the pool must remain to answer complaints.
create function private.draw_appeal_period() returns interval
language sql immutable set search_path = ''
as $$ select interval '4 weeks' $$;

create table private.retention_rules (
  key text primary key check (key ~ '^[a-z_]+$'),
  position int not null unique,
  table_name text not null,
  personal_data text not null,
  action text not null check (action in ('delete', 'erase_person')),
  -- A predicate over the table's row `t`; $1 is the job's clock (timestamptz).
  condition text not null,
  expires text not null,
  keeps text not null
);
comment on table private.retention_rules is 'The one list of what personal data each table holds, when it expires, and what survives. Read by private.run_retention and docs/security.md.';
alter table private.retention_rules enable row level security;
revoke all on private.retention_rules from public, anon, authenticated, service_role;

insert into private.retention_rules (key, position, table_name, personal_data, action, condition, expires, keeps) values
('registrations_not_selected', 10, 'app.registrations',
 'name, e-mail, phone, birth year, address, support needs of volunteers not selected (pool) or who declined',
 'delete',
 $c$t.status in ('pool', 'declined') and exists (select 1 from app.draws d where d.assembly_id = t.assembly_id
    and d.status = 'drawn' and d.drawn_at + private.draw_appeal_period() < $1)$c$,
 'the draw''s appeal period (4 weeks after the draw)',
 'the demographic counts (app.retained_feature_counts); registration numbers and features in the published draw bundle'),
('registrations_reserve', 20, 'app.registrations',
 'the same, for the reserve list and members who withdrew',
 'delete',
 $c$t.status in ('reserve', 'withdrawn') and exists (select 1 from app.assemblies a where a.id = t.assembly_id
    and a.last_session_on < ($1 at time zone 'Europe/Copenhagen')::date)$c$,
 'the day after the last session (no more replacements)',
 'the demographic counts; the draw bundle'),
('registrations_panel', 30, 'app.registrations',
 'the same, for the panel (selected, confirmed, participated)',
 'delete',
 $c$t.status in ('selected', 'confirmed', 'participated') and exists (select 1 from app.assemblies a where a.id = t.assembly_id
    and private.contact_retention_ends_on(a) < ($1 at time zone 'Europe/Copenhagen')::date)$c$,
 'the evaluation date, or else the council''s 12-month response round',
 'the demographic counts; the draw bundle; the person''s pseudonymous row'),
('invitations', 40, 'app.invitations',
 'recipient name and address from the address extract',
 'delete',
 $c$exists (select 1 from app.draws d where d.assembly_id = t.assembly_id
    and d.status = 'drawn' and d.drawn_at + private.draw_appeal_period() < $1)$c$,
 'the draw''s appeal period',
 'the number of letters per batch is not kept'),
('people', 50, 'app.people',
 'name, e-mail, phone, the sign-in account, absence reasons, calendar token, queued mail',
 'erase_person',
 $c$(t.full_name <> 'Slettet' or t.email is not null or t.phone is not null or t.user_id is not null)
    and exists (select 1 from app.role_assignments ra where ra.person_id = t.id)
    and not exists (select 1 from app.role_assignments ra join app.assemblies a on a.id = ra.assembly_id
      where ra.person_id = t.id
        and coalesce(private.contact_retention_ends_on(a), 'infinity'::date) >= ($1 at time zone 'Europe/Copenhagen')::date)$c$,
 'when the contact details of every assembly the person takes part in have expired',
 'the row''s id as a pseudonym: roles, attendance, ballot casts (never ballots), authorship, the audit chain'),
('accounts_unlinked', 60, 'auth.users',
 'the e-mail address of a sign-in account no person is linked to',
 'delete',
 $c$not exists (select 1 from app.people p where p.user_id = t.id)
    and coalesce((t.raw_app_meta_data ->> 'platform_admin')::boolean, false) = false
    and t.created_at < $1 - interval '30 days'$c$,
 '30 days after it was created, if no person is linked to it',
 'nothing'),
('sign_in_codes', 70, 'auth.one_time_codes',
 'the e-mail address a code was sent to', 'delete',
 $c$t.expires_at < $1 - interval '1 day'$c$, 'a day after the code expired', 'nothing'),
('sign_in_failures', 80, 'auth.failed_attempts',
 'the e-mail address of a wrong code', 'delete',
 $c$t.created_at < $1 - interval '1 day'$c$, 'a day later (the limit counts one hour)', 'nothing'),
('sign_in_sessions', 90, 'auth.sessions',
 'that an account was signed in, and when', 'delete',
 $c$t.expires_at < $1 - interval '1 day' or t.revoked_at < $1 - interval '1 day'$c$,
 'a day after it expired or was revoked', 'nothing'),
('mail_sent', 100, 'app.mail_outbox',
 'a mail''s recipient and content', 'delete',
 $c$t.sent_at < $1 - interval '30 days'$c$, '30 days after it was sent', 'nothing');

-- Counts that survive the registrations they were computed from.
create table app.retained_feature_counts (
  feature_id uuid primary key references app.features (id) on delete cascade,
  registered int not null default 0 check (registered >= 0),
  selected int not null default 0 check (selected >= 0),
  confirmed int not null default 0 check (confirmed >= 0)
);
comment on table app.retained_feature_counts is 'Demographic counts of registrations deleted by the retention job, so the representativeness report keeps its numbers.';
alter table app.retained_feature_counts enable row level security;
grant select on app.retained_feature_counts to authenticated;
grant all on app.retained_feature_counts to service_role;
create policy "Administrators read the retained counts of their assembly" on app.retained_feature_counts
  for select to authenticated using (feature_id in (
    select f.id from app.features f join app.categories c on c.id = f.category_id
    where c.assembly_id in (select private.assemblies_where_i_am('{admin}'))));

-- While the retention job (or a carried-out deletion) runs, a deleted registration's answers are
-- added to the retained counts first, with the same predicates as the representativeness report.
create function private.retain_registration_counts() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if coalesce(current_setting('samraad.retention', true), '') <> 'on' then
    return old;
  end if;
  insert into app.retained_feature_counts as k (feature_id, registered, selected, confirmed)
  select ra.feature_id, 1,
    case when old.status in ('selected', 'confirmed', 'participated', 'declined', 'withdrawn')
              and old.replaces_registration_id is null then 1 else 0 end,
    case when old.status in ('confirmed', 'participated') then 1 else 0 end
  from app.registration_answers ra where ra.registration_id = old.id
  on conflict (feature_id) do update set registered = k.registered + excluded.registered,
    selected = k.selected + excluded.selected, confirmed = k.confirmed + excluded.confirmed;
  return old;
end
$$;
create trigger retain_registration_counts before delete on app.registrations
  for each row execute function private.retain_registration_counts();

-- The representativeness report, now adding the retained counts (otherwise as before).
create or replace function private.representativeness(target_assembly_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'category', c.name,
    'features', (
      select coalesce(jsonb_agg(jsonb_build_object(
        'feature', f.name,
        'population_share', f.population_share,
        'min', f.min,
        'max', f.max,
        'registered', (select count(*) from app.registration_answers ra where ra.feature_id = f.id)
          + coalesce((select k.registered from app.retained_feature_counts k where k.feature_id = f.id), 0),
        'selected', (select count(*) from app.registration_answers ra join app.registrations r on r.id = ra.registration_id
                     where ra.feature_id = f.id and r.status in ('selected', 'confirmed', 'participated', 'declined', 'withdrawn')
                       and r.replaces_registration_id is null)
          + coalesce((select k.selected from app.retained_feature_counts k where k.feature_id = f.id), 0),
        'confirmed', (select count(*) from app.registration_answers ra join app.registrations r on r.id = ra.registration_id
                      where ra.feature_id = f.id and r.status in ('confirmed', 'participated'))
          + coalesce((select k.confirmed from app.retained_feature_counts k where k.feature_id = f.id), 0)
      ) order by f.position, f.name), '[]'::jsonb)
      from app.features f where f.category_id = c.id)
  ) order by c.position, c.name), '[]'::jsonb)
  from app.categories c
  where c.assembly_id = target_assembly_id
    and (exists (select 1 from app.assemblies a where a.id = target_assembly_id and a.is_public)
         or target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}')))
$$;

-- Erases what identifies a person and keeps the row as a pseudonym. Deletes their registrations
-- (counts retained), sign-in account (sessions go with it), sign-in codes, calendar token and
-- queued mail; blanks absence reasons. Idempotent.
create function private.erase_person(p_person_id uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_person app.people;
begin
  select * into v_person from app.people where id = p_person_id for update;
  if v_person.id is null then
    return;
  end if;
  perform set_config('samraad.retention', 'on', true);
  delete from app.registrations r where r.person_id = p_person_id
    or (v_person.email is not null and lower(r.email) = lower(v_person.email));
  delete from app.calendar_feeds where person_id = p_person_id;
  delete from app.mail_outbox where person_id = p_person_id;
  update app.absence_reports set reason = '' where person_id = p_person_id and reason <> '';
  update app.people set full_name = 'Slettet', email = null, phone = null, user_id = null where id = p_person_id;
  if v_person.user_id is not null then
    delete from auth.users where id = v_person.user_id;
  end if;
  if v_person.email is not null then
    if to_regclass('auth.one_time_codes') is not null then
      execute 'delete from auth.one_time_codes where lower(email) = lower($1)' using v_person.email;
    end if;
    if to_regclass('auth.failed_attempts') is not null then
      execute 'delete from auth.failed_attempts where lower(email) = lower($1)' using v_person.email;
    end if;
  end if;
  perform set_config('samraad.retention', 'off', true);
  perform private.audit_append(null, 'person.erased', p_person_id, '{}'::jsonb);
end
$$;
revoke execute on function private.erase_person(uuid) from public, anon, authenticated;

-- Carries out every rule whose time has come, in one transaction; returns the rows per rule.
-- p_now is the job's clock (tests move it past the retention dates).
create function private.run_retention(p_now timestamptz default now()) returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  v_rule private.retention_rules;
  v_counts jsonb := '{}'::jsonb;
  v_n bigint;
  v_id uuid;
begin
  perform set_config('samraad.retention', 'on', true);
  for v_rule in select * from private.retention_rules order by position loop
    if to_regclass(v_rule.table_name) is null then
      continue;
    end if;
    if v_rule.action = 'delete' then
      execute format('delete from %s t where %s', v_rule.table_name, v_rule.condition) using p_now;
      get diagnostics v_n = row_count;
    else
      v_n := 0;
      for v_id in execute format('select t.id from %s t where %s', v_rule.table_name, v_rule.condition) using p_now loop
        perform private.erase_person(v_id);
        perform set_config('samraad.retention', 'on', true);
        v_n := v_n + 1;
      end loop;
    end if;
    v_counts := v_counts || jsonb_build_object(v_rule.key, v_n);
  end loop;
  perform set_config('samraad.retention', 'off', true);
  if exists (select 1 from jsonb_each(v_counts) e where (e.value)::bigint > 0) then
    perform private.audit_append(null, 'retention.run', null, v_counts);
  end if;
  return v_counts;
end
$$;
revoke execute on function private.run_retention(timestamptz) from public, anon, authenticated;
grant execute on function private.run_retention(timestamptz) to service_role;

-- For hosted Supabase, where the server reaches the database through PostgREST: the service role
-- runs the job with the database's clock.
create function api.run_retention() returns jsonb
language sql volatile security invoker set search_path = ''
as $$ select private.run_retention(now()) $$;
revoke execute on function api.run_retention() from public, anon, authenticated;
grant execute on function api.run_retention() to service_role;

-- Deletion requests ----------------------------------------------------------------------------------
create table app.deletion_requests (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references app.people (id) on delete cascade,
  requested_at timestamptz not null default now(),
  carried_out_at timestamptz,
  carried_out_by uuid references app.people (id) on delete set null
);
create index deletion_requests_person_idx on app.deletion_requests (person_id);
create index deletion_requests_carried_out_by_idx on app.deletion_requests (carried_out_by);
create unique index deletion_requests_one_open on app.deletion_requests (person_id) where carried_out_at is null;
comment on table app.deletion_requests is 'A person''s request to have their personal data deleted, and when an administrator carried it out.';
alter table app.deletion_requests enable row level security;
grant select on app.deletion_requests to authenticated;
grant all on app.deletion_requests to service_role;

create policy "People and their administrators read deletion requests" on app.deletion_requests
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or person_id in (select private.people_i_manage('{admin}'))
    or (select private.is_platform_admin()));

-- A member asks for deletion: recorded once (a second request while one is open changes nothing).
create function private.request_deletion() returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_person uuid;
  v_id uuid;
begin
  select p.id into v_person from app.people p where p.user_id = auth.uid() and auth.uid() is not null;
  if v_person is null then
    raise exception 'Only a signed-in person can ask for deletion' using errcode = '42501';
  end if;
  select r.id into v_id from app.deletion_requests r where r.person_id = v_person and r.carried_out_at is null;
  if v_id is null then
    insert into app.deletion_requests (person_id) values (v_person) returning id into v_id;
  end if;
  return v_id;
end
$$;

create function api.request_deletion() returns uuid
language sql volatile security invoker set search_path = ''
as $$ select private.request_deletion() $$;

-- An administrator carries a request out: only for a person who takes part in no assembly the
-- administrator does not administer (or a platform administrator), so no one erases another
-- municipality's participant.
create function private.carry_out_deletion(p_request_id uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_request app.deletion_requests;
begin
  select * into v_request from app.deletion_requests where id = p_request_id for update;
  if v_request.id is null or not (
      v_request.person_id in (select private.people_only_in_my_assemblies())
      or private.is_platform_admin()) then
    raise exception 'Only the person''s administrators carry out a deletion' using errcode = '42501';
  end if;
  if v_request.carried_out_at is not null then
    raise exception 'The deletion has been carried out' using errcode = 'P0001', detail = 'deletion_done';
  end if;
  perform private.erase_person(v_request.person_id);
  update app.deletion_requests set carried_out_at = now(),
    carried_out_by = (select p.id from app.people p where p.user_id = auth.uid() limit 1)
  where id = p_request_id;
end
$$;

create function api.carry_out_deletion(request_id uuid) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.carry_out_deletion(carry_out_deletion.request_id) $$;

-- The open deletion requests of the people of an assembly (administrators).
create function api.deletion_requests(assembly_id uuid)
returns table (id uuid, person_id uuid, full_name text, requested_at timestamptz, carried_out_at timestamptz)
language sql stable security invoker set search_path = ''
as $$
  select r.id, r.person_id, p.full_name, r.requested_at, r.carried_out_at
  from app.deletion_requests r
  join app.people p on p.id = r.person_id
  where r.person_id in (select ra.person_id from app.role_assignments ra where ra.assembly_id = deletion_requests.assembly_id)
    and deletion_requests.assembly_id in (select private.assemblies_where_i_am('{admin}'))
  order by r.carried_out_at is not null, r.requested_at
$$;

-- A person's own data, as JSON: everything the platform holds that is linked to their person rows
-- or their sign-in account. Ballots are not included: once a round closes nothing links them.
create function private.my_data() returns jsonb
language sql stable security definer set search_path = ''
as $$
  with me as (select p.id from app.people p where p.user_id = auth.uid() and auth.uid() is not null)
  select jsonb_build_object(
    'exported_at', now(),
    'account', (select jsonb_build_object('email', u.email, 'created_at', u.created_at, 'last_sign_in_at', u.last_sign_in_at)
                from auth.users u where u.id = auth.uid()),
    'people', (select coalesce(jsonb_agg(jsonb_build_object('id', p.id, 'full_name', p.full_name, 'email', p.email,
                 'phone', p.phone, 'created_at', p.created_at)), '[]') from app.people p where p.id in (select id from me)),
    'roles', (select coalesce(jsonb_agg(jsonb_build_object('assembly_id', ra.assembly_id, 'assembly', a.title,
                 'role', ra.role, 'since', ra.created_at) order by ra.created_at), '[]')
              from app.role_assignments ra join app.assemblies a on a.id = ra.assembly_id where ra.person_id in (select id from me)),
    'registrations', (select coalesce(jsonb_agg(to_jsonb(r) - 'response_token_hash' - 'household_key'
                        || jsonb_build_object('answers', (select coalesce(jsonb_agg(jsonb_build_object('category', c.name, 'feature', f.name)), '[]')
                          from app.registration_answers x join app.features f on f.id = x.feature_id join app.categories c on c.id = x.category_id
                          where x.registration_id = r.id))), '[]')
                      from app.registrations r where r.person_id in (select id from me)),
    'availability', (select coalesce(jsonb_agg(to_jsonb(v) - 'person_id'), '[]') from app.availability v where v.person_id in (select id from me)),
    'attendance', (select coalesce(jsonb_agg(to_jsonb(v) - 'person_id' - 'recorded_by'), '[]') from app.attendance v where v.person_id in (select id from me)),
    'absence_reports', (select coalesce(jsonb_agg(to_jsonb(v) - 'person_id'), '[]') from app.absence_reports v where v.person_id in (select id from me)),
    'table_seats', (select coalesce(jsonb_agg(to_jsonb(v) - 'person_id'), '[]') from app.table_seats v where v.person_id in (select id from me)),
    'votes_cast', (select coalesce(jsonb_agg(jsonb_build_object('round_id', v.round_id, 'channel', v.channel,
                     'first_cast_at', v.first_cast_at, 'last_cast_at', v.last_cast_at)), '[]')
                   from app.ballot_casts v where v.person_id in (select id from me)),
    'information_requests', (select coalesce(jsonb_agg(jsonb_build_object('id', v.id, 'question', v.question,
                               'status', v.status, 'answer', v.answer, 'created_at', v.created_at)), '[]')
                             from app.information_requests v where v.asked_by in (select id from me)),
    'recommendation_versions', (select coalesce(jsonb_agg(jsonb_build_object('recommendation_id', v.recommendation_id,
                                  'version', v.version, 'title', v.title, 'created_at', v.created_at)), '[]')
                                from app.recommendation_versions v where v.author_person_id in (select id from me)),
    'working_groups', (select coalesce(jsonb_agg(v.working_group_id), '[]') from app.working_group_members v where v.person_id in (select id from me)),
    'mail_queued', (select coalesce(jsonb_agg(jsonb_build_object('kind', v.kind, 'created_at', v.created_at, 'sent_at', v.sent_at)), '[]')
                    from app.mail_outbox v where v.person_id in (select id from me)),
    'deletion_requests', (select coalesce(jsonb_agg(jsonb_build_object('requested_at', v.requested_at, 'carried_out_at', v.carried_out_at)), '[]')
                          from app.deletion_requests v where v.person_id in (select id from me))
  )
$$;

create function api.my_data() returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.my_data() $$;

revoke execute on function private.request_deletion(), private.carry_out_deletion(uuid), private.my_data(),
  private.retain_registration_counts(), private.contact_retention_ends_on(app.assemblies), private.draw_appeal_period()
  from public, anon;
grant execute on function private.request_deletion(), private.carry_out_deletion(uuid), private.my_data() to authenticated, service_role;
grant execute on function private.contact_retention_ends_on(app.assemblies), private.draw_appeal_period() to service_role;
revoke execute on function api.request_deletion(), api.carry_out_deletion(uuid), api.deletion_requests(uuid), api.my_data() from public, anon;
grant execute on function api.request_deletion(), api.carry_out_deletion(uuid), api.deletion_requests(uuid), api.my_data() to authenticated, service_role;
