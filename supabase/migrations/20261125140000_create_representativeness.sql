-- Representativeness in aggregate, public for a public assembly: per feature, its share of the
-- population, and how many registered, were selected and confirmed. Counts only, never a person.

create function private.representativeness(target_assembly_id uuid) returns jsonb
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
        'registered', (select count(*) from app.registration_answers ra where ra.feature_id = f.id),
        'selected', (select count(*) from app.registration_answers ra join app.registrations r on r.id = ra.registration_id
                     where ra.feature_id = f.id and r.status in ('selected', 'confirmed', 'participated', 'declined', 'withdrawn')
                       and r.replaces_registration_id is null),
        'confirmed', (select count(*) from app.registration_answers ra join app.registrations r on r.id = ra.registration_id
                      where ra.feature_id = f.id and r.status in ('confirmed', 'participated'))
      ) order by f.position, f.name), '[]'::jsonb)
      from app.features f where f.category_id = c.id)
  ) order by c.position, c.name), '[]'::jsonb)
  from app.categories c
  -- A definer sees every assembly, so visibility to the caller is checked here.
  where c.assembly_id = target_assembly_id
    and (exists (select 1 from app.assemblies a where a.id = target_assembly_id and a.is_public)
         or target_assembly_id in (select private.assemblies_where_i_am('{admin,facilitator,member,council,evaluator}')))
$$;
revoke execute on function private.representativeness(uuid) from public;
grant execute on function private.representativeness(uuid) to anon, authenticated, service_role;

create function api.representativeness(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.representativeness(representativeness.assembly_id) $$;

revoke execute on function api.representativeness(uuid) from public;
grant execute on function api.representativeness(uuid) to anon, authenticated, service_role;
