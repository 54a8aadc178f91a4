-- Limits on how often one caller may do something expensive or abusable: ask for sign-in codes,
-- register for the lottery, download exports. The server counts hits per (bucket, key) in fixed
-- windows. The key is always the SHA-256 (hex) of the IP address or the person's id — never the raw
-- value, so the table holds nothing that identifies anyone by itself, and rows older than a day are
-- deleted by the same function that writes them.
--
-- Only the server calls api.hit_rate_limit, with the service role: anon and authenticated may not
-- (otherwise anyone could fill a stranger's bucket through the RPC endpoint and lock them out).

create table app.rate_limit_hits (
  bucket text not null check (bucket ~ '^[a-z][a-z0-9_]{0,39}$'),
  key_hash text not null check (key_hash ~ '^[0-9a-f]{64}$'),
  window_start timestamptz not null,
  hits int not null default 0 check (hits >= 0),
  -- One counter per caller and window: the upsert below needs this natural key, not a surrogate id.
  primary key (bucket, key_hash, window_start)
);
comment on table app.rate_limit_hits is 'Hits per (bucket, SHA-256 of the caller''s IP or person id) and fixed window, for the limits on sign-in, registration and exports. Written only through api.hit_rate_limit by the service role; rows older than a day are deleted.';
alter table app.rate_limit_hits enable row level security;
revoke all on app.rate_limit_hits from public, anon, authenticated;
grant select, insert, update, delete on app.rate_limit_hits to service_role;
-- No policy for anon or authenticated: with RLS on and no grant, they can neither read nor write.
create policy "Only the service role reads the counters" on app.rate_limit_hits
  for select to service_role using (true);
create policy "Only the service role starts a counter" on app.rate_limit_hits
  for insert to service_role with check (true);
create policy "Only the service role counts a hit" on app.rate_limit_hits
  for update to service_role using (true) with check (true);
create policy "Only the service role forgets old windows" on app.rate_limit_hits
  for delete to service_role using (true);

-- Counts one hit for the caller and says whether it is within the limit. A refused hit is not
-- counted, so a caller who waits out the window is let in again. retry_after_seconds is the time
-- until the current window ends (0 when allowed).
create function api.hit_rate_limit(
  p_bucket text,
  p_key_hash text,
  p_limit int,
  p_window_seconds int
) returns table (allowed boolean, hits int, retry_after_seconds int)
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  v_now timestamptz := clock_timestamp();
  v_window_start timestamptz;
  v_hits int;
begin
  if p_limit is null or p_limit < 1 or p_window_seconds is null or p_window_seconds < 1 then
    raise exception 'invalid rate limit' using errcode = 'P0001',
      hint = 'p_limit and p_window_seconds must be positive';
  end if;
  v_window_start := to_timestamp(floor(extract(epoch from v_now) / p_window_seconds) * p_window_seconds);

  insert into app.rate_limit_hits as r (bucket, key_hash, window_start, hits)
  values (p_bucket, p_key_hash, v_window_start, 1)
  on conflict (bucket, key_hash, window_start)
    do update set hits = r.hits + 1 where r.hits < p_limit
  returning r.hits into v_hits;

  -- Now and then, forget old windows (nothing here is worth keeping for more than a day).
  if random() < 0.01 then
    delete from app.rate_limit_hits where window_start < v_now - interval '1 day';
  end if;

  if v_hits is null then
    return query select false, p_limit,
      greatest(1, ceil(extract(epoch from (v_window_start + make_interval(secs => p_window_seconds) - v_now)))::int);
  else
    return query select true, v_hits, 0;
  end if;
end;
$$;
comment on function api.hit_rate_limit(text, text, int, int) is 'Counts one hit for (bucket, key hash) in the current fixed window; refuses (allowed = false) once p_limit hits are counted. Service role only.';
revoke execute on function api.hit_rate_limit(text, text, int, int) from public, anon, authenticated;
grant execute on function api.hit_rate_limit(text, text, int, int) to service_role;
