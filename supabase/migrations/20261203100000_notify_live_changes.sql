-- Live screens: a NOTIFY on channel samraad_live whenever something a live screen counts changes
-- (a ballot cast or changed, a round opened or closed, a check-in, the agenda moved on). The payload
-- is empty: no id and no person leaves the transaction; every listening screen re-reads its own
-- state as its own caller, under RLS. Statement triggers, so a bulk change notifies once, and
-- PostgreSQL folds identical notifications of one transaction into one.

create function private.notify_live() returns trigger
language plpgsql security invoker set search_path = ''
as $$
begin
  perform pg_notify('samraad_live', '');
  return null;
end
$$;
revoke execute on function private.notify_live() from public;

create trigger ballot_casts_notify_live after insert or update or delete on app.ballot_casts
  for each statement execute function private.notify_live();
create trigger exercise_rounds_notify_live after insert or update on app.exercise_rounds
  for each statement execute function private.notify_live();
create trigger attendance_notify_live after insert or delete on app.attendance
  for each statement execute function private.notify_live();
create trigger session_runs_notify_live after insert or update on app.session_runs
  for each statement execute function private.notify_live();
