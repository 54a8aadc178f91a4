-- The result on the projector: a facilitator shows the aggregate result of a closed or published
-- round on the session's big screen, and hides it again. Kept with the running session (like the
-- current agenda item), so the console, the projector and a second device agree.

alter table app.session_runs
  add column shown_round_id uuid references app.exercise_rounds (id) on delete set null;
create index session_runs_shown_round_id_idx on app.session_runs (shown_round_id);
comment on column app.session_runs.shown_round_id is 'The round whose aggregate result the projector shows; null shows none.';
grant select (shown_round_id), insert (shown_round_id), update (shown_round_id) on app.session_runs to authenticated;

-- Shows a round's result on the session's projector (round_id null hides it). Only the assembly's
-- organisers; only a round of this assembly that has closed (its result is then counted).
create function api.show_round_on_screen(session_id uuid, round_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
declare
  s app.sessions := private.organised_session(show_round_on_screen.session_id);
  r record;
begin
  if show_round_on_screen.round_id is not null then
    select x.status, e.assembly_id into r
    from app.exercise_rounds x join app.exercises e on e.id = x.exercise_id
    where x.id = show_round_on_screen.round_id;
    if r.assembly_id is distinct from s.assembly_id then
      raise exception 'Round not found' using errcode = 'PT404';
    end if;
    if r.status not in ('closed', 'published') then
      raise exception 'Only a closed round''s result can be shown' using errcode = 'P0001', detail = 'round_not_closed';
    end if;
  end if;
  insert into app.session_runs (session_id, shown_round_id)
  values (s.id, show_round_on_screen.round_id)
  on conflict on constraint session_runs_pkey do update
    set shown_round_id = excluded.shown_round_id, updated_at = now();
end
$$;

-- Which round's result the projector shows, or null; for the session's organisers.
create function api.shown_round(session_id uuid) returns uuid
language sql stable security invoker set search_path = ''
as $$
  select r.shown_round_id from app.session_runs r
  where r.session_id = (private.organised_session(shown_round.session_id)).id
$$;

revoke execute on function api.show_round_on_screen(uuid, uuid), api.shown_round(uuid) from public;
grant execute on function api.show_round_on_screen(uuid, uuid), api.shown_round(uuid) to authenticated, service_role;
