-- Schemas of Samråd.
--   app      tables; never exposed over HTTP; RLS on every table.
--   api      the only exposed schema: functions the application calls (security invoker).
--   private  security-definer helpers that policies need; never exposed.

create schema if not exists app;
create schema if not exists api;
create schema if not exists private;

revoke all on schema app, api, private from public;
grant usage on schema app to anon, authenticated, service_role;
grant usage on schema api to anon, authenticated, service_role;
grant usage on schema private to anon, authenticated, service_role;

-- Functions are not executable by everyone unless granted explicitly.
alter default privileges in schema api revoke execute on functions from public;
alter default privileges in schema private revoke execute on functions from public;

comment on schema app is 'Tables of Samråd. Reached only through functions in schema api.';
comment on schema api is 'The exposed schema: RPC functions, security invoker, so RLS applies as the caller.';
comment on schema private is 'Security-definer helpers for policies. Never exposed.';
