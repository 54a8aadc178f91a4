-- The audit chain in use: AFTER triggers append an entry for each significant action that exists
-- today, whichever path performs it (api function, seed, service role, a superuser's psql), in the
-- same transaction as the action. The draw's inputs and result, exercise rounds opened, closed and
-- published, role changes, phase changes, and recommendations frozen and handed over.
--
-- Entries carry ids, counts and hashes only: never a name, an address, a ballot's content or a
-- random value as typed (its SHA-256 instead). A person appears only as an id.
--
-- Every trigger function is security definer (it must call private.audit_append, which callers
-- cannot execute) with an empty search_path and fully qualified names.

create function private.sha256_text(p_text text) returns text
language sql immutable set search_path = ''
as $$ select encode(sha256(convert_to(p_text, 'UTF8')), 'hex') $$;
revoke execute on function private.sha256_text(text) from public;

-- Draws: the commitment published before any randomness, the draw completed, or stopped.
create function private.audit_draw() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' and new.status is not distinct from old.status then
    return null;
  end if;
  if new.status = 'committed' then
    perform private.audit_append(new.assembly_id, 'draw.committed', new.id, jsonb_build_object(
      'commitment_hash', new.commitment_hash,
      'pool_size', coalesce(jsonb_array_length(new.commitment -> 'pool'), 0),
      'panel_size', new.commitment -> 'k'));
  elsif new.status = 'drawn' then
    perform private.audit_append(new.assembly_id, 'draw.completed', new.id, jsonb_build_object(
      'commitment_hash', new.commitment_hash,
      'seed', new.seed,
      'bundle_sha256', private.sha256_text(new.bundle::text),
      'panel_size', coalesce(jsonb_array_length(new.bundle #> '{draw,panel}'), 0),
      'reserve_size', coalesce(jsonb_array_length(new.bundle #> '{draw,reserves}'), 0)));
  elsif new.status in ('failed', 'cancelled') then
    perform private.audit_append(new.assembly_id, 'draw.stopped', new.id,
      jsonb_build_object('status', new.status));
  end if;
  return null;
end
$$;
create trigger audit_draw after insert or update of status on app.draws
  for each row execute function private.audit_draw();

-- The public random values entered by an organiser: which entry it was, and the values' hash.
create function private.audit_draw_random_entry() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.audit_append(
    (select d.assembly_id from app.draws d where d.id = new.draw_id),
    'draw.random_values_entered', new.draw_id, jsonb_build_object(
      'entry', (select count(*) from app.draw_random_entries e where e.draw_id = new.draw_id),
      'values_sha256', private.sha256_text(array_to_string(new.entered_values, E'\n'))));
  return null;
end
$$;
create trigger audit_draw_random_entry after insert on app.draw_random_entries
  for each row execute function private.audit_draw_random_entry();

-- Exercise rounds: opened, closed (with the number of ballots), published (with the number
-- counted and the hash of the published result). Never a ballot's content.
create function private.audit_exercise_round() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_assembly uuid;
  v_details jsonb;
begin
  if new.status is not distinct from old.status or new.status = 'draft' then
    return null;
  end if;
  select e.assembly_id into v_assembly from app.exercises e where e.id = new.exercise_id;
  v_details := jsonb_build_object('exercise_id', new.exercise_id, 'round', new.number);
  if new.status = 'closed' then
    v_details := v_details || jsonb_build_object('ballot_count',
      (select count(*) from app.ballots b where b.round_id = new.id));
  elsif new.status = 'published' then
    v_details := v_details || (select jsonb_build_object('ballot_count', x.ballot_count,
      'result_sha256', private.sha256_text(x.result::text))
      from app.exercise_results x where x.round_id = new.id);
  end if;
  perform private.audit_append(v_assembly, 'exercise_round.' || case new.status
    when 'open' then 'opened' when 'closed' then 'closed' else 'published' end, new.id, v_details);
  return null;
end
$$;
create trigger audit_exercise_round after update of status on app.exercise_rounds
  for each row execute function private.audit_exercise_round();

-- Role changes: the role and the assembly; the person as an id only.
create function private.audit_role_assignment() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.audit_append(new.assembly_id, 'role.assigned', new.person_id,
      jsonb_build_object('role', new.role));
  else
    perform private.audit_append(old.assembly_id, 'role.removed', old.person_id,
      jsonb_build_object('role', old.role));
  end if;
  return null;
end
$$;
create trigger audit_role_assignment after insert or delete on app.role_assignments
  for each row execute function private.audit_role_assignment();

-- The assembly's phase (e.g. handed_over, follow_up, concluded).
create function private.audit_assembly_phase() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.phase is distinct from old.phase then
    perform private.audit_append(new.id, 'assembly.phase_changed', new.id,
      jsonb_build_object('from', old.phase, 'to', new.phase));
  end if;
  return null;
end
$$;
create trigger audit_assembly_phase after update of phase on app.assemblies
  for each row execute function private.audit_assembly_phase();

-- Recommendations: frozen (with the version and the hash of its text) and handed over.
create function private.audit_recommendation() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.frozen_at is not null and (tg_op = 'INSERT' or old.frozen_at is null) then
    perform private.audit_append(new.assembly_id, 'recommendation.frozen', new.id, jsonb_build_object(
      'number', new.number, 'version', new.frozen_version, 'sha256', new.frozen_sha256));
  end if;
  if new.handed_over_at is not null and (tg_op = 'INSERT' or old.handed_over_at is null) then
    perform private.audit_append(new.assembly_id, 'recommendation.handed_over', new.id, jsonb_build_object(
      'number', new.number, 'sha256', new.frozen_sha256));
  end if;
  return null;
end
$$;
create trigger audit_recommendation after insert or update of frozen_at, handed_over_at on app.recommendations
  for each row execute function private.audit_recommendation();

revoke execute on function private.audit_draw(), private.audit_draw_random_entry(),
  private.audit_exercise_round(), private.audit_role_assignment(), private.audit_assembly_phase(),
  private.audit_recommendation() from public, anon, authenticated;
