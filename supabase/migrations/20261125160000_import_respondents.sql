-- Importing the Sortition Foundation's respondents.csv into an assembly's pool: every row becomes a
-- registration through private.create_registration (the one way a registration is written, with
-- its checks of answers, age bands and duplicate e-mails), marked with the channel 'import'. One
-- call, one transaction: a single bad row imports nothing, and the error names the file's line.

-- rows: [{line, full_name, email?, phone?, birth_year, address_line, postal_code, city?,
--         answers: {<category id>: <feature id>}, consent}]
create function api.import_respondents(assembly_id uuid, rows jsonb) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  r jsonb;
  imported int := 0;
  state text;
  reason text;
  key text;
begin
  if not (import_respondents.assembly_id in (select private.assemblies_where_i_am('{admin}'))) then
    raise exception 'Only the assembly''s administrators can import respondents' using errcode = '42501';
  end if;
  if jsonb_typeof(rows) is distinct from 'array' or jsonb_array_length(rows) = 0 then
    raise exception 'There are no respondents to import' using errcode = 'P0001', detail = 'rows_required';
  end if;
  for r in select * from jsonb_array_elements(rows) loop
    begin
      perform private.create_registration(
        import_respondents.assembly_id, null, 'import', r ->> 'full_name', r ->> 'email',
        r ->> 'phone', (r ->> 'birth_year')::int, r ->> 'address_line', r ->> 'postal_code',
        coalesce(r ->> 'city', ''), coalesce(r -> 'answers', '{}'::jsonb), '{}', '',
        coalesce((r ->> 'consent')::boolean, false));
    exception when others then
      -- The same error, with the file's line in front of its key: 'line:7:email_taken'.
      get stacked diagnostics state = returned_sqlstate, reason = message_text, key = pg_exception_detail;
      raise exception 'Line %: %', coalesce(r ->> 'line', '?'), reason
        using errcode = state,
              detail = 'line:' || coalesce(r ->> 'line', '?') || ':' || coalesce(nullif(key, ''), state);
    end;
    imported := imported + 1;
  end loop;
  return imported;
end
$$;

revoke execute on function api.import_respondents(uuid, jsonb) from public;
grant execute on function api.import_respondents(uuid, jsonb) to authenticated, service_role;
