-- Helpers for the pgTAP suite (supabase/tests/database), installed once per test database by
-- scripts/test-db.sh after the seed. Schema `tests` never exists in production. Each test file
-- runs in a transaction that it rolls back, so what the helpers create disappears with it.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated;

-- Acts as a person of the seed (by e-mail; null = anon), as PostgREST would after verifying their
-- JWT: the account is created on first use, which links the person by e-mail.
create function tests.act_as(address text, platform_admin boolean default false) returns void
language plpgsql as $$
declare
  uid uuid;
begin
  perform set_config('role', 'none', true);
  if address is null then
    perform set_config('request.jwt.claims', '{"role":"anon"}', true);
    perform set_config('role', 'anon', true);
    return;
  end if;
  select u.id into uid from auth.users u where lower(u.email) = lower(address);
  if uid is null then
    insert into auth.users (email) values (address) returning id into uid;
  end if;
  perform set_config('request.jwt.claims', json_build_object('sub', uid, 'role', 'authenticated',
    'email', address, 'app_metadata', json_build_object('platform_admin', platform_admin))::text, true);
  perform set_config('role', 'authenticated', true);
end
$$;

-- How many rows a statement touched, as the current role (RLS filters silently: 0 means refused).
create function tests.affected(statement text) returns bigint
language plpgsql as $$
declare
  n bigint;
begin
  execute statement;
  get diagnostics n = row_count;
  return n;
end
$$;

-- The error a statement raises as 'SQLSTATE DETAIL' (e.g. 'P0001 code_used'), or null
-- when it succeeds. Domain errors carry their machine-readable key in DETAIL. With undo, a statement
-- that succeeds is rolled back all the same (for statements that must not work).
create function tests.error_of(statement text, undo boolean default false) returns text
language plpgsql as $$
declare
  state text;
  detail text;
begin
  begin
    execute statement;
    if undo then
      raise exception 'undo' using errcode = 'ZZ000';
    end if;
  exception
    when sqlstate 'ZZ000' then
      return null;
    when others then
      get stacked diagnostics state = returned_sqlstate, detail = pg_exception_detail;
      return state || coalesce(' ' || nullif(detail, ''), '');
  end;
  return null;
end
$$;

-- The jsonb a statement returns, or {"error": SQLSTATE} (so a test can fail without aborting).
create function tests.json_of(statement text) returns jsonb
language plpgsql as $$
declare
  result jsonb;
begin
  execute statement into result;
  return result;
exception when others then
  return jsonb_build_object('error', sqlstate);
end
$$;



grant execute on all functions in schema tests to anon, authenticated;
