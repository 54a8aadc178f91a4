-- The audit chain: an append-only log of significant actions (draw inputs and results, exercise
-- rounds opened and closed, ballots counted, freezes, the handover, published responses, role
-- changes). Each entry carries the SHA-256 of the one before it, so changing or removing any entry
-- breaks every hash after it; `npm run audit:verify` recomputes the whole chain.
--
-- Entries hold ids, counts and hashes, never personal data: the log outlives every retention
-- period. UPDATE, DELETE and TRUNCATE are refused by triggers for every role, the table owner
-- included (only a superuser who drops the triggers could change it, and the chain would show it).
--
-- The hash of entry n is sha256(utf8(private.audit_canonical(...))) over a line of fields separated
-- by '|': seq, the previous hash, the time as UTC ISO-8601 with microseconds, the assembly id (or
-- ''), the action, the subject id (or ''), and details as jsonb text. Entry 1's previous hash is 64
-- zeros. docs/security.md states the same, for anyone re-implementing the check.

create table app.audit_log (
  seq bigint primary key check (seq >= 1),
  at timestamptz not null,
  assembly_id uuid,
  action text not null check (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
  subject_id uuid,
  details jsonb not null default '{}'::jsonb check (jsonb_typeof(details) = 'object'),
  prev_hash text not null check (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text not null unique check (hash ~ '^[0-9a-f]{64}$')
);
create index audit_log_assembly_idx on app.audit_log (assembly_id, seq);
comment on table app.audit_log is 'Append-only, hash-chained log of significant actions. No personal data: ids, counts and hashes only.';
alter table app.audit_log enable row level security;

-- The head of the chain, one row: its lock serialises appends, so seq has no gaps and each entry
-- links to the one before it even under concurrent writers.
create table private.audit_head (
  id boolean primary key default true check (id),
  seq bigint not null,
  hash text not null
);
insert into private.audit_head values (true, 0, repeat('0', 64));
revoke all on private.audit_head from public, anon, authenticated, service_role;

create function private.audit_canonical(
  p_seq bigint, p_prev_hash text, p_at timestamptz, p_assembly_id uuid, p_action text,
  p_subject_id uuid, p_details jsonb
) returns text
language sql immutable set search_path = ''
as $$
  select concat_ws('|', p_seq::text, p_prev_hash,
    to_char(p_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    coalesce(p_assembly_id::text, ''), p_action, coalesce(p_subject_id::text, ''), p_details::text)
$$;

-- Appends an entry and returns its hash. Called by the security-definer functions that perform
-- the audited action, inside their transaction: if the action rolls back, so does its entry.
create function private.audit_append(
  p_assembly_id uuid, p_action text, p_subject_id uuid default null, p_details jsonb default '{}'::jsonb
) returns text
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_seq bigint;
  v_prev text;
  v_at timestamptz := clock_timestamp();
  v_hash text;
begin
  update private.audit_head set seq = seq + 1 where id returning seq, hash into v_seq, v_prev;
  v_hash := encode(sha256(convert_to(
    private.audit_canonical(v_seq, v_prev, v_at, p_assembly_id, p_action, p_subject_id, coalesce(p_details, '{}'::jsonb)),
    'UTF8')), 'hex');
  insert into app.audit_log (seq, at, assembly_id, action, subject_id, details, prev_hash, hash)
  values (v_seq, v_at, p_assembly_id, p_action, p_subject_id, coalesce(p_details, '{}'::jsonb), v_prev, v_hash);
  update private.audit_head set hash = v_hash where id;
  return v_hash;
end
$$;
revoke execute on function private.audit_append(uuid, text, uuid, jsonb) from public, anon, authenticated;
grant execute on function private.audit_append(uuid, text, uuid, jsonb) to service_role;

create function private.audit_log_is_append_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'The audit log is append-only: % is refused', tg_op
    using errcode = '42501', detail = 'audit_append_only', hint = 'Entries can be added, never changed or removed.';
end
$$;
revoke execute on function private.audit_log_is_append_only() from public;
create trigger audit_log_no_update_delete before update or delete on app.audit_log
  for each row execute function private.audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on app.audit_log
  for each statement execute function private.audit_log_is_append_only();

-- Reading: anyone reads the entries of public assemblies; people read those of assemblies they
-- take part in; platform-wide entries (no assembly) are readable by platform administrators.
grant select on app.audit_log to anon, authenticated, service_role;
revoke insert, update, delete, truncate on app.audit_log from public, anon, authenticated, service_role;

create policy "Anyone reads the audit entries of public assemblies" on app.audit_log
  for select to anon using (assembly_id in (select a.id from app.assemblies a where a.is_public));
create policy "People read the audit entries of assemblies they see" on app.audit_log
  for select to authenticated using (
    assembly_id in (select a.id from app.assemblies a)
    or (assembly_id is null and (select private.is_platform_admin())));
create policy "The service role reads the whole chain to verify it" on app.audit_log
  for select to service_role using (true);

-- The latest entry of an assembly's part of the chain (its seq and hash), as shown on the public
-- page at each milestone; null when there is none or the caller may not see the assembly.
create function api.audit_head(p_assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object('seq', l.seq, 'hash', l.hash, 'at', l.at, 'action', l.action)
  from app.audit_log l
  where l.assembly_id = p_assembly_id
  order by l.seq desc
  limit 1
$$;
grant execute on function api.audit_head(uuid) to anon, authenticated, service_role;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.audit_canonical(bigint, text, timestamptz, uuid, text, uuid, jsonb) to service_role;
