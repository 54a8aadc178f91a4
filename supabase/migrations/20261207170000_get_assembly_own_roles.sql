-- get_assembly read the caller's roles through RLS on role_assignments and people, whose policies
-- each ask again which assemblies the caller is in: about half the function's time, on every page
-- (requireRole calls it). The caller's own roles are theirs to see, so a definer reads them
-- directly. The result is the same for every caller, anonymous included (no roles).

create function private.my_roles_in(target_assembly_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select coalesce(jsonb_agg(ra.role order by ra.role), '[]'::jsonb)
  from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  where ra.assembly_id = target_assembly_id and p.user_id = (select auth.uid())
$$;
revoke execute on function private.my_roles_in(uuid) from public;
grant execute on function private.my_roles_in(uuid) to anon, authenticated, service_role;

create or replace function api.get_assembly(assembly_id uuid) returns jsonb
language plpgsql stable security invoker set search_path = ''
as $$
declare
  result jsonb;
begin
  select to_jsonb(a) - 'created_at' - 'updated_at'
    || jsonb_build_object(
      'welfare_areas', coalesce((
        select jsonb_agg(jsonb_build_object(
          'id', w.id, 'name', w.name, 'description', w.description,
          'budget_mio', w.budget_mio, 'position', w.position) order by w.position, w.name)
        from app.welfare_areas w where w.assembly_id = a.id), '[]'::jsonb),
      'role_counts', private.role_counts(a.id),
      'my_roles', private.my_roles_in(a.id)
    )
  into result
  from app.assemblies a
  where a.id = get_assembly.assembly_id;

  if result is null then
    raise exception 'Assembly not found'
      using errcode = 'PT404', hint = 'It does not exist, or it is not public and you hold no role in it.';
  end if;
  return result;
end
$$;
