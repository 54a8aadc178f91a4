-- Importing the Sortition Foundation's categories.csv replaces an assembly's quotas in one
-- transaction: categories are matched by name (keeping their ids and the answers given to them),
-- new ones are added, and those not in the file are removed.

-- categories: [{name, features: [{name, min, max}]}]
create function api.import_categories(assembly_id uuid, categories jsonb) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  category jsonb;
  existing record;
  imported int := 0;
begin
  if not (import_categories.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can import quotas' using errcode = '42501';
  end if;
  delete from app.categories c
  where c.assembly_id = import_categories.assembly_id
    and c.name not in (select x ->> 'name' from jsonb_array_elements(categories) x);
  for category in select * from jsonb_array_elements(categories) loop
    select c.id, c.kind, c.question into existing from app.categories c
    where c.assembly_id = import_categories.assembly_id and c.name = category ->> 'name';
    perform api.save_category(
      import_categories.assembly_id, category ->> 'name', coalesce(existing.kind, 'choice'),
      -- Features keep their population share and age band when their names stay.
      (select jsonb_agg(f || coalesce((
         select jsonb_build_object('population_share', old.population_share, 'age_from', old.age_from, 'age_to', old.age_to)
         from app.features old where old.category_id = existing.id and old.name = f ->> 'name'), '{}'::jsonb))
       from jsonb_array_elements(category -> 'features') f),
      coalesce(existing.question, ''), existing.id);
    imported := imported + 1;
  end loop;
  return imported;
end
$$;

revoke execute on function api.import_categories(uuid, jsonb) from public;
grant execute on function api.import_categories(uuid, jsonb) to authenticated, service_role;
