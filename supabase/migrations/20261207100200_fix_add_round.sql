-- api.add_round named its variable `id`, which PL/pgSQL could not tell from the exercises' column
-- in its insert … select ("column reference "id" is ambiguous"): a second round could not be added.
-- The same function with the variable renamed.
create or replace function api.add_round(exercise_id uuid) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  v_round uuid := gen_random_uuid();
begin
  if exists (select 1 from app.exercise_rounds r where r.exercise_id = add_round.exercise_id and r.status in ('draft', 'open')) then
    raise exception 'Close the current round first' using errcode = 'P0001', detail = 'round_not_closed';
  end if;
  insert into app.exercise_rounds (id, exercise_id, number)
  select v_round, e.id, coalesce((select max(r.number) from app.exercise_rounds r where r.exercise_id = e.id), 0) + 1
  from app.exercises e where e.id = add_round.exercise_id;
  if not found then
    raise exception 'Exercise not found' using errcode = 'PT404';
  end if;
  return v_round;
end
$$;
