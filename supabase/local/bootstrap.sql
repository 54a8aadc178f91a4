-- Bootstrap for the non-Supabase targets (embedded PGlite and a plain PostgreSQL server).
-- Creates exactly what hosted Supabase provides to migrations: the roles anon, authenticated and
-- service_role; schema auth with auth.users, auth.uid(), auth.jwt(), auth.role(); and the
-- supabase_migrations.schema_migrations table that `supabase db push` uses. Idempotent: it runs at
-- every start-up before the migrations.

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- The connecting role switches into these per request, as PostgREST's authenticator does.
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
end
$$;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
create unique index if not exists users_email_key on auth.users (lower(email));

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- Local sign-in (the GoTrue stand-in). Never exposed: only the server process, connected as the
-- owner, reads and writes these tables.
create table if not exists auth.one_time_codes (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  kind text not null check (kind in ('code', 'link')),
  secret_hash text not null,
  expires_at timestamptz not null,
  attempts int not null default 0,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index if not exists one_time_codes_email_idx on auth.one_time_codes (lower(email), created_at desc);
create unique index if not exists one_time_codes_secret_hash_key on auth.one_time_codes (secret_hash);

create table if not exists auth.failed_attempts (
  id bigint generated always as identity primary key,
  email text not null,
  created_at timestamptz not null default now()
);
create index if not exists failed_attempts_email_idx on auth.failed_attempts (lower(email), created_at desc);

create table if not exists auth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index if not exists sessions_user_id_idx on auth.sessions (user_id);

revoke all on auth.one_time_codes, auth.failed_attempts, auth.sessions from anon, authenticated;
revoke all on auth.users from anon, authenticated;

create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key,
  statements text[],
  name text
);
