-- api.save_session_rules's `on conflict (assembly_id)` could not be told from its parameter of the
-- same name ("column reference "assembly_id" is ambiguous"), so a facilitator could never save the
-- material rule. The same function, with column names taking precedence inside it.
create or replace function api.save_session_rules(assembly_id uuid, material_days_before int) returns void
language plpgsql security invoker set search_path = ''
as $$
#variable_conflict use_column
begin
  if not private.is_organiser_of(save_session_rules.assembly_id) then
    raise exception 'Only the assembly''s organisers set its rules' using errcode = '42501';
  end if;
  insert into app.session_rules (assembly_id, material_days_before)
  values (save_session_rules.assembly_id, save_session_rules.material_days_before)
  on conflict (assembly_id) do update set material_days_before = excluded.material_days_before;
end
$$;
