-- Prioritisation exercises: budget allocation, ranking, pairwise comparison, points, approval and
-- agreement statements over the welfare areas (or options a facilitator writes), run in rounds.
--
-- Secrecy. A ballot row carries no person: it holds a per-round voter key (HMAC of the person with
-- a round secret, so the member can change their ballot while the round is open) and a per-exercise
-- pair key (HMAC with an exercise secret, so the opinion shift between rounds can be computed from
-- paired ballots). The secrets live in schema private with no grants; the round secret is destroyed
-- when the round closes, after which no one, the database owner included, can tell whose ballot a
-- row was from the round key. No role has a select policy on ballots: the contents reach the server
-- only through a function granted to the service role, which computes aggregates and stores them;
-- people read the stored aggregates, never ballots. Who has voted (ballot_casts) is readable by the
-- person themself; organisers see counts only.

create type app.exercise_kind as enum ('allocation', 'ranking', 'pairwise', 'points', 'approval', 'statements');
create type app.round_status as enum ('draft', 'open', 'closed', 'published');
create type app.ballot_channel as enum ('device', 'paper');

create table app.exercises (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  session_id uuid references app.sessions (id) on delete set null,
  title text not null check (char_length(title) between 2 and 200),
  question text not null default '' check (char_length(question) <= 2000),
  kind app.exercise_kind not null,
  -- The method's settings in the shape of ExerciseConfig (src/lib/exercises): what ballots are
  -- checked against. validateConfig checks them in the app; cast_ballot checks every ballot here.
  config jsonb not null check (jsonb_typeof(config) = 'object' and config ->> 'kind' = kind::text),
  -- What members read about each option: [{id, label, description, more, less, welfare_area_id}].
  options jsonb not null default '[]'::jsonb check (jsonb_typeof(options) = 'array'),
  only_checked_in boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index exercises_assembly_id_idx on app.exercises (assembly_id, created_at);
create index exercises_session_id_idx on app.exercises (session_id);
comment on table app.exercises is 'A prioritisation exercise and its settings; the settings freeze once a round has opened.';
alter table app.exercises enable row level security;

create table app.exercise_rounds (
  id uuid primary key default gen_random_uuid(),
  exercise_id uuid not null references app.exercises (id) on delete cascade,
  number int not null check (number between 1 and 20),
  status app.round_status not null default 'draft',
  opened_at timestamptz,
  closed_at timestamptz,
  published_at timestamptz,
  unique (exercise_id, number)
);
comment on table app.exercise_rounds is 'A round of an exercise: draft → open → closed → published.';
alter table app.exercise_rounds enable row level security;

create table private.exercise_secrets (
  exercise_id uuid primary key references app.exercises (id) on delete cascade,
  secret bytea not null
);
create table private.round_secrets (
  round_id uuid primary key references app.exercise_rounds (id) on delete cascade,
  secret bytea not null
);
comment on table private.round_secrets is 'Links a member to their ballot while the round is open; deleted when it closes.';

create table app.ballots (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references app.exercise_rounds (id) on delete cascade,
  voter_key text check (voter_key is null or voter_key ~ '^[0-9a-f]{64}$'),
  pair_key text not null check (pair_key ~ '^[0-9a-f]{64}$'),
  content jsonb not null,
  receipt_code text not null unique check (receipt_code ~ '^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$'),
  channel app.ballot_channel not null default 'device',
  cast_at timestamptz not null default now(),
  unique (round_id, voter_key),
  unique (round_id, pair_key)
);
comment on table app.ballots is 'A secret ballot: no person, only keys that cannot be traced back once the round has closed.';
alter table app.ballots enable row level security;

create table app.ballot_casts (
  round_id uuid not null references app.exercise_rounds (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  idempotency_key uuid not null,
  channel app.ballot_channel not null default 'device',
  first_cast_at timestamptz not null default now(),
  last_cast_at timestamptz not null default now(),
  primary key (round_id, person_id)
);
comment on table app.ballot_casts is 'That a member has voted in a round (not how): the one-ballot rule, the live count, the retry key.';
alter table app.ballot_casts enable row level security;

create table app.exercise_results (
  round_id uuid primary key references app.exercise_rounds (id) on delete cascade,
  computed_at timestamptz not null default now(),
  ballot_count int not null check (ballot_count >= 0),
  -- Aggregates only (tallies per method, opinion shift); suppressed below five ballots.
  result jsonb not null,
  receipt_codes text[] not null default '{}'
);
comment on table app.exercise_results is 'The aggregate result of a round, computed from the ballots by the service role at close.';
alter table app.exercise_results enable row level security;

-- Settings freeze once a round has opened.
create function private.exercise_settings_frozen() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from app.exercise_rounds r where r.exercise_id = old.id and r.status <> 'draft')
     and (new.kind, new.config, new.options, new.only_checked_in, new.question)
         is distinct from (old.kind, old.config, old.options, old.only_checked_in, old.question) then
    raise exception 'The settings are frozen once a round has opened' using errcode = 'P0001', detail = 'exercise_frozen';
  end if;
  new.updated_at := now();
  return new;
end
$$;
revoke execute on function private.exercise_settings_frozen() from public;
create trigger exercise_settings_frozen before update on app.exercises
  for each row execute function private.exercise_settings_frozen();

grant select on app.exercises, app.exercise_rounds, app.exercise_results to anon;
grant select, insert, update, delete on app.exercises to authenticated;
grant select, insert, update on app.exercise_rounds to authenticated;
grant select on app.exercise_results, app.ballot_casts to authenticated;
grant all on app.exercises, app.exercise_rounds, app.ballots, app.ballot_casts, app.exercise_results to service_role;
-- Nobody but the service role touches ballots; the secrets have no grants at all.
revoke all on app.ballots from anon, authenticated;
revoke all on private.exercise_secrets, private.round_secrets from public, anon, authenticated;

create policy "Members and organisers read the assembly's exercises" on app.exercises
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin,evaluator}')));
create policy "Organisers create exercises" on app.exercises
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers change exercises" on app.exercises
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers remove exercises that never opened" on app.exercises
  for delete to authenticated using (
    assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))
    and not exists (select 1 from app.exercise_rounds r where r.exercise_id = id and r.status <> 'draft'));
create policy "Visitors read published exercises of public assemblies" on app.exercises
  for select to anon using (assembly_id in (select a.id from app.assemblies a) and exists (
    select 1 from app.exercise_rounds r where r.exercise_id = id and r.status = 'published'));

create policy "Members and organisers read the rounds" on app.exercise_rounds
  for select to authenticated using (exercise_id in (select e.id from app.exercises e));
create policy "Visitors read published rounds" on app.exercise_rounds
  for select to anon using (status = 'published' and exercise_id in (select e.id from app.exercises e));
create policy "Organisers add rounds" on app.exercise_rounds
  for insert to authenticated with check (exercise_id in (
    select e.id from app.exercises e where e.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))));
create policy "Organisers move rounds on" on app.exercise_rounds
  for update to authenticated
  using (exercise_id in (select e.id from app.exercises e where e.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))))
  with check (exercise_id in (select e.id from app.exercises e where e.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))));

-- Ballots: no policy for anon or authenticated, and no grants either. The service role (which
-- bypasses RLS anyway) is named so the intent is explicit.
create policy "Only the service role reads ballots, to tally them" on app.ballots
  for select to service_role using (true);

create policy "Members see that they have voted" on app.ballot_casts
  for select to authenticated using (person_id in (select private.my_person_ids()));

create policy "Members, organisers and the council read published results" on app.exercise_results
  for select to authenticated using (round_id in (
    select r.id from app.exercise_rounds r join app.exercises e on e.id = r.exercise_id
    where r.status = 'published' and e.assembly_id in (select private.assemblies_where_i_am('{member,facilitator,admin,council,evaluator}'))));
create policy "Organisers read results before publishing them" on app.exercise_results
  for select to authenticated using (round_id in (
    select r.id from app.exercise_rounds r join app.exercises e on e.id = r.exercise_id
    where e.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))));
create policy "Visitors read published results of public assemblies" on app.exercise_results
  for select to anon using (round_id in (select r.id from app.exercise_rounds r where r.status = 'published'));

-- Helpers --------------------------------------------------------------------------------------------

-- HMAC-SHA-256 as hex (core PostgreSQL has sha256 only): H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)).
create function private.hmac_hex(secret bytea, message text) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  k bytea := case when length(secret) > 64 then sha256(secret) else secret end;
  ipad bytea := '\x'::bytea;
  opad bytea := '\x'::bytea;
  i int;
begin
  k := k || decode(repeat('00', 64 - length(k)), 'hex');
  for i in 0..63 loop
    ipad := ipad || set_byte('\x00'::bytea, 0, get_byte(k, i) # 54);
    opad := opad || set_byte('\x00'::bytea, 0, get_byte(k, i) # 92);
  end loop;
  return encode(sha256(opad || sha256(ipad || convert_to(message, 'UTF8'))), 'hex');
end
$$;

-- 32 random bytes from two random UUIDs (gen_random_uuid uses the strong random source).
create function private.random_secret() returns bytea
language sql volatile set search_path = ''
as $$ select sha256(uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid()) || uuid_send(gen_random_uuid())) $$;

-- A receipt code such as "K7QX2-MW9RD": 10 characters without look-alikes (≈ 50 bits).
create function private.receipt_code() returns text
language plpgsql volatile set search_path = ''
as $$
declare
  alphabet text := 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  bytes bytea := private.random_secret();
  code text := '';
  i int;
begin
  for i in 0..9 loop
    code := code || substr(alphabet, 1 + get_byte(bytes, i) % 32, 1);
    if i = 4 then code := code || '-'; end if;
  end loop;
  return code;
end
$$;

-- The option ids of a configuration (statements are the options of an agreement exercise).
create function private.option_ids(config jsonb) returns text[]
language sql immutable set search_path = ''
as $$
  select case
    when config ->> 'kind' = 'allocation' then array(select o ->> 'optionId' from jsonb_array_elements(config -> 'options') o)
    when config ->> 'kind' = 'statements' then array(select o #>> '{}' from jsonb_array_elements(config -> 'statements') o)
    else array(select o #>> '{}' from jsonb_array_elements(config -> 'options') o)
  end
$$;

-- Is the ballot valid for the exercise? Null, or the key of the first problem. The database's copy of
-- validateBallot in src/lib/exercises (the rules table in docs/tallies.md); allocation in tenths.
create function private.ballot_problem(config jsonb, ballot jsonb) returns text
language plpgsql immutable set search_path = ''
as $$
declare
  kind text := config ->> 'kind';
  options text[] := private.option_ids(config);
  option jsonb;
  value jsonb;
  amount numeric;
  tenths numeric;
  total numeric := 0;
  seen text[] := '{}';
  entry jsonb;
  item text;
  required int;
begin
  if ballot is null or jsonb_typeof(ballot) <> 'object' or ballot ->> 'kind' is distinct from kind then
    return 'ballot_wrong_kind';
  end if;
  case kind
  when 'allocation' then
    if jsonb_typeof(ballot -> 'amounts') <> 'object' then return 'allocation_missing_option'; end if;
    if exists (select 1 from jsonb_object_keys(ballot -> 'amounts') k where not (k = any (options))) then
      return 'allocation_unknown_option';
    end if;
    for option in select * from jsonb_array_elements(config -> 'options') loop
      value := ballot -> 'amounts' -> (option ->> 'optionId');
      if value is null then return 'allocation_missing_option'; end if;
      if jsonb_typeof(value) <> 'number' then return 'allocation_not_a_number'; end if;
      amount := value::text::numeric;
      tenths := amount * 10;
      if tenths <> round(tenths) or ((config ->> 'step')::numeric = 1 and amount <> round(amount)) then
        return 'allocation_off_step';
      end if;
      if amount < coalesce((option ->> 'locked')::numeric, 0) then return 'allocation_locked_changed'; end if;
      if amount < coalesce((option ->> 'min')::numeric, 0) then return 'allocation_below_min'; end if;
      if amount > coalesce((option ->> 'max')::numeric, amount) then return 'allocation_above_max'; end if;
      total := total + amount;
    end loop;
    if total <> (config ->> 'total')::numeric then return 'allocation_not_balanced'; end if;
  when 'ranking' then
    if jsonb_typeof(ballot -> 'ranking') <> 'array' then return 'ranking_incomplete'; end if;
    for entry in select * from jsonb_array_elements(ballot -> 'ranking') loop
      item := entry #>> '{}';
      if not (item = any (options)) then return 'ranking_unknown_option'; end if;
      if item = any (seen) then return 'ranking_duplicate'; end if;
      seen := seen || item;
    end loop;
    required := least(coalesce((config ->> 'topK')::int, cardinality(options)), cardinality(options));
    if cardinality(seen) < required then return 'ranking_incomplete'; end if;
    if cardinality(seen) > required then return 'ranking_too_long'; end if;
  when 'pairwise' then
    if jsonb_typeof(ballot -> 'judgements') <> 'array' or jsonb_array_length(ballot -> 'judgements') = 0 then
      return 'pairwise_empty';
    end if;
    if jsonb_typeof(config -> 'maxPairs') = 'number' and jsonb_array_length(ballot -> 'judgements') > (config ->> 'maxPairs')::int then
      return 'pairwise_too_many';
    end if;
    for entry in select * from jsonb_array_elements(ballot -> 'judgements') loop
      if not ((entry ->> 'a') = any (options)) or not ((entry ->> 'b') = any (options)) then return 'pair_unknown_option'; end if;
      if (entry ->> 'a') = (entry ->> 'b') then return 'pair_same_option'; end if;
      item := least(entry ->> 'a', entry ->> 'b') || '|' || greatest(entry ->> 'a', entry ->> 'b');
      if item = any (seen) then return 'pair_duplicate'; end if;
      seen := seen || item;
      if (entry ->> 'result') is null or (entry ->> 'result') not in ('a', 'b', 'tie') then return 'pair_invalid_result'; end if;
      if (entry ->> 'result') = 'tie' and not coalesce((config ->> 'allowTies')::boolean, false) then return 'pair_tie_not_allowed'; end if;
    end loop;
  when 'points' then
    if jsonb_typeof(ballot -> 'points') <> 'object' then return 'points_not_whole'; end if;
    for item, value in select key, v from jsonb_each(ballot -> 'points') as e (key, v) loop
      if not (item = any (options)) then return 'points_unknown_option'; end if;
      if jsonb_typeof(value) <> 'number' or value::text::numeric <> round(value::text::numeric) then return 'points_not_whole'; end if;
      amount := value::text::numeric;
      if amount < 0 then return 'points_negative'; end if;
      if jsonb_typeof(config -> 'maxPerOption') = 'number' and amount > (config ->> 'maxPerOption')::numeric then return 'points_above_max'; end if;
      total := total + amount;
    end loop;
    if total > (config ->> 'budget')::numeric then return 'points_over_budget'; end if;
    if coalesce((config ->> 'mustSpendAll')::boolean, false) and total < (config ->> 'budget')::numeric then return 'points_not_all_spent'; end if;
  when 'approval' then
    if jsonb_typeof(ballot -> 'approved') <> 'array' then return 'approval_too_few'; end if;
    for entry in select * from jsonb_array_elements(ballot -> 'approved') loop
      item := entry #>> '{}';
      if not (item = any (options)) then return 'approval_unknown_option'; end if;
      if item = any (seen) then return 'approval_duplicate'; end if;
      seen := seen || item;
    end loop;
    if cardinality(seen) < coalesce((config ->> 'minApprovals')::int, 0) then return 'approval_too_few'; end if;
    if jsonb_typeof(config -> 'maxApprovals') = 'number' and cardinality(seen) > (config ->> 'maxApprovals')::int then return 'approval_too_many'; end if;
  when 'statements' then
    if jsonb_typeof(ballot -> 'answers') <> 'object' then return 'statement_missing'; end if;
    for item, value in select key, v from jsonb_each(ballot -> 'answers') as e (key, v) loop
      if not (item = any (options)) then return 'statement_unknown'; end if;
      if jsonb_typeof(value) <> 'number' or value::text not in ('1', '2', '3', '4', '5') then return 'statement_out_of_scale'; end if;
    end loop;
    if coalesce((config ->> 'requireAll')::boolean, false)
       and exists (select 1 from unnest(options) o where not (ballot -> 'answers' ? o)) then
      return 'statement_missing';
    end if;
  else
    return 'ballot_wrong_kind';
  end case;
  return null;
end
$$;

-- The API ---------------------------------------------------------------------------------------------

-- The exercises of an assembly with their rounds, and whether the caller has voted in each round.
create function api.assembly_exercises(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object(
    'id', e.id, 'session_id', e.session_id, 'title', e.title, 'question', e.question, 'kind', e.kind,
    'config', e.config, 'options', e.options, 'only_checked_in', e.only_checked_in,
    'rounds', (select coalesce(jsonb_agg(jsonb_build_object(
        'id', r.id, 'number', r.number, 'status', r.status, 'opened_at', r.opened_at,
        'closed_at', r.closed_at, 'published_at', r.published_at,
        'i_voted', exists (select 1 from app.ballot_casts c where c.round_id = r.id and c.person_id in (select private.my_person_ids())))
        order by r.number), '[]'::jsonb)
      from app.exercise_rounds r where r.exercise_id = e.id)) order by e.created_at), '[]'::jsonb)
  from app.exercises e where e.assembly_id = assembly_exercises.assembly_id
$$;

create function api.save_exercise(
  assembly_id uuid, exercise_id uuid, session_id uuid, title text, question text,
  kind app.exercise_kind, config jsonb, options jsonb, only_checked_in boolean
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := coalesce(save_exercise.exercise_id, gen_random_uuid());
begin
  if not private.is_organiser_of(save_exercise.assembly_id) then
    raise exception 'Only the assembly''s organisers set up exercises' using errcode = '42501';
  end if;
  if save_exercise.session_id is not null and not exists (
    select 1 from app.sessions s where s.id = save_exercise.session_id and s.assembly_id = save_exercise.assembly_id) then
    raise exception 'The session belongs to another assembly' using errcode = 'P0001', detail = 'session_unknown';
  end if;
  if save_exercise.exercise_id is null then
    insert into app.exercises (id, assembly_id, session_id, title, question, kind, config, options, only_checked_in)
    values (id, save_exercise.assembly_id, save_exercise.session_id, trim(save_exercise.title),
      trim(coalesce(save_exercise.question, '')), save_exercise.kind, save_exercise.config,
      coalesce(save_exercise.options, '[]'::jsonb), coalesce(save_exercise.only_checked_in, false));
    insert into app.exercise_rounds (exercise_id, number) values (id, 1);
    perform private.create_exercise_secret(id);
  else
    update app.exercises e set session_id = save_exercise.session_id, title = trim(save_exercise.title),
      question = trim(coalesce(save_exercise.question, '')), kind = save_exercise.kind,
      config = save_exercise.config, options = coalesce(save_exercise.options, '[]'::jsonb),
      only_checked_in = coalesce(save_exercise.only_checked_in, false)
    where e.id = save_exercise.exercise_id and e.assembly_id = save_exercise.assembly_id;
    if not found then
      raise exception 'Exercise not found' using errcode = 'PT404';
    end if;
  end if;
  return id;
end
$$;

create function private.create_exercise_secret(target uuid) returns void
language sql security definer set search_path = ''
as $$
  insert into private.exercise_secrets (exercise_id, secret)
  select e.id, private.random_secret() from app.exercises e
  where e.id = target and private.is_organiser_of(e.assembly_id)
  on conflict do nothing
$$;

-- The lifecycle: draft → open → closed → published, one open round per exercise at a time.
create function private.move_round(target uuid, to_status app.round_status) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  r app.exercise_rounds;
  assembly uuid;
begin
  select x.* into r from app.exercise_rounds x where x.id = target for update;
  select e.assembly_id into assembly from app.exercises e where e.id = r.exercise_id;
  if r.id is null or not private.is_organiser_of(assembly) then
    raise exception 'Only the assembly''s organisers run exercises' using errcode = '42501';
  end if;
  if (r.status, to_status) not in (('draft'::app.round_status, 'open'::app.round_status), ('open', 'closed'), ('closed', 'published')) then
    raise exception 'A round cannot go from % to %', r.status, to_status using errcode = 'P0001', detail = 'round_status_move';
  end if;
  if to_status = 'open' then
    if exists (select 1 from app.exercise_rounds x where x.exercise_id = r.exercise_id and x.status = 'open') then
      raise exception 'Another round of this exercise is open' using errcode = 'P0001', detail = 'round_already_open';
    end if;
    insert into private.round_secrets (round_id, secret) values (r.id, private.random_secret());
    update app.exercise_rounds set status = 'open', opened_at = now() where id = r.id;
  elsif to_status = 'closed' then
    -- Unlink for good: the round secret goes, and so do the voter keys.
    delete from private.round_secrets where round_id = r.id;
    update app.ballots set voter_key = null where round_id = r.id;
    update app.exercise_rounds set status = 'closed', closed_at = now() where id = r.id;
  else
    if not exists (select 1 from app.exercise_results x where x.round_id = r.id) then
      raise exception 'The result has not been computed' using errcode = 'P0001', detail = 'results_missing';
    end if;
    update app.exercise_rounds set status = 'published', published_at = now() where id = r.id;
  end if;
end
$$;

create function api.open_round(round_id uuid) returns void
language sql security invoker set search_path = ''
as $$ select private.move_round(open_round.round_id, 'open') $$;
create function api.close_round(round_id uuid) returns void
language sql security invoker set search_path = ''
as $$ select private.move_round(close_round.round_id, 'closed') $$;
create function api.publish_round(round_id uuid) returns void
language sql security invoker set search_path = ''
as $$ select private.move_round(publish_round.round_id, 'published') $$;

-- A new round of the same exercise (after deliberation), once every earlier round has closed.
create function api.add_round(exercise_id uuid) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  id uuid := gen_random_uuid();
begin
  if exists (select 1 from app.exercise_rounds r where r.exercise_id = add_round.exercise_id and r.status in ('draft', 'open')) then
    raise exception 'Close the current round first' using errcode = 'P0001', detail = 'round_not_closed';
  end if;
  insert into app.exercise_rounds (id, exercise_id, number)
  select id, e.id, coalesce((select max(r.number) from app.exercise_rounds r where r.exercise_id = e.id), 0) + 1
  from app.exercises e where e.id = add_round.exercise_id;
  if not found then
    raise exception 'Exercise not found' using errcode = 'PT404';
  end if;
  return id;
end
$$;

-- Casting: one ballot per member per round, changeable while open; a retry with the same
-- idempotency key returns the same receipt and changes nothing. A named privileged write: it checks
-- who the caller is and derives the keys; no caller ever sees a key or another ballot.
create function private.cast_ballot(target uuid, voter uuid, content jsonb, idempotency uuid, via app.ballot_channel)
returns jsonb
language plpgsql security definer set search_path = ''
as $$
declare
  r app.exercise_rounds;
  e app.exercises;
  problem text;
  round_secret bytea;
  exercise_secret bytea;
  vk text;
  existing app.ballot_casts;
  receipt text;
  at timestamptz;
begin
  select x.* into r from app.exercise_rounds x where x.id = target for share;
  select x.* into e from app.exercises x where x.id = r.exercise_id;
  if r.id is null then
    raise exception 'Round not found' using errcode = 'PT404';
  end if;
  if not exists (select 1 from app.role_assignments ra where ra.assembly_id = e.assembly_id
                 and ra.person_id = voter and ra.role = 'member') then
    raise exception 'Only the assembly''s members vote' using errcode = '42501', detail = 'not_a_member';
  end if;
  if r.status <> 'open' then
    raise exception 'The round is not open' using errcode = 'P0001', detail = 'round_not_open';
  end if;
  -- Optionally only those checked in at the exercise's session (a paper ballot is handed in there).
  if e.only_checked_in and e.session_id is not null and via = 'device' and not exists (
    select 1 from app.attendance a where a.session_id = e.session_id and a.person_id = voter) then
    raise exception 'Only members checked in at the session vote' using errcode = 'P0001', detail = 'not_checked_in';
  end if;
  problem := private.ballot_problem(e.config, content);
  if problem is not null then
    raise exception 'The ballot is not valid: %', problem using errcode = 'P0001', detail = problem;
  end if;
  -- One cast per member and round at a time.
  perform pg_advisory_xact_lock(hashtext('ballot:' || target::text || ':' || voter::text));
  select s.secret into round_secret from private.round_secrets s where s.round_id = target;
  select s.secret into exercise_secret from private.exercise_secrets s where s.exercise_id = e.id;
  vk := private.hmac_hex(round_secret, voter::text);
  select c.* into existing from app.ballot_casts c where c.round_id = target and c.person_id = voter;
  if existing.idempotency_key = idempotency then
    select b.receipt_code, b.cast_at into receipt, at from app.ballots b where b.round_id = target and b.voter_key = vk;
    return jsonb_build_object('receipt_code', receipt, 'cast_at', at, 'changed', false);
  end if;
  insert into app.ballots (round_id, voter_key, pair_key, content, receipt_code, channel)
  values (target, vk, private.hmac_hex(exercise_secret, voter::text), content, private.receipt_code(), via)
  on conflict (round_id, voter_key) do update set content = excluded.content, cast_at = now(), channel = excluded.channel
  returning receipt_code, cast_at into receipt, at;
  insert into app.ballot_casts (round_id, person_id, idempotency_key, channel)
  values (target, voter, idempotency, via)
  on conflict (round_id, person_id) do update set idempotency_key = excluded.idempotency_key,
    last_cast_at = now(), channel = excluded.channel;
  return jsonb_build_object('receipt_code', receipt, 'cast_at', at, 'changed', existing.person_id is not null);
end
$$;

create function api.cast_ballot(round_id uuid, content jsonb, idempotency_key uuid) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  me uuid;
begin
  select p.id into me from app.people p
  join app.role_assignments ra on ra.person_id = p.id and ra.role = 'member'
  join app.exercises e on e.assembly_id = ra.assembly_id
  join app.exercise_rounds r on r.exercise_id = e.id
  where p.user_id = auth.uid() and r.id = cast_ballot.round_id limit 1;
  if me is null then
    raise exception 'Only the assembly''s members vote' using errcode = '42501', detail = 'not_a_member';
  end if;
  return private.cast_ballot(cast_ballot.round_id, me, content, idempotency_key, 'device');
end
$$;

-- A facilitator enters a paper ballot for a member without a device (marked as paper in the tally).
create function api.cast_paper_ballot(round_id uuid, person_id uuid, content jsonb, idempotency_key uuid) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
begin
  if not exists (select 1 from app.exercise_rounds r join app.exercises e on e.id = r.exercise_id
                 where r.id = cast_paper_ballot.round_id and private.is_organiser_of(e.assembly_id)) then
    raise exception 'Only the assembly''s organisers enter paper ballots' using errcode = '42501';
  end if;
  return private.cast_ballot(cast_paper_ballot.round_id, cast_paper_ballot.person_id, content, idempotency_key, 'paper');
end
$$;

-- The caller's own ballot while the round is open (to change it); nothing once it has closed.
create function private.my_ballot(target uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  secret bytea;
  found jsonb;
begin
  select s.secret into secret from private.round_secrets s where s.round_id = target;
  if secret is null then
    return null;
  end if;
  select jsonb_build_object('content', b.content, 'receipt_code', b.receipt_code, 'cast_at', b.cast_at) into found
  from app.ballots b
  where b.round_id = target and b.voter_key in (
    select private.hmac_hex(secret, p::text) from private.my_person_ids() p);
  return found;
end
$$;

create function api.my_ballot(round_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.my_ballot(my_ballot.round_id) $$;

-- "N of M have voted": counts only, for the assembly's members and organisers.
create function private.round_progress(target uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
declare
  assembly uuid;
begin
  select e.assembly_id into assembly from app.exercise_rounds r join app.exercises e on e.id = r.exercise_id where r.id = target;
  if assembly is null or not private.has_role_in(assembly) then
    raise exception 'Round not found' using errcode = 'PT404';
  end if;
  return jsonb_build_object(
    'cast', (select count(*) from app.ballot_casts c where c.round_id = target),
    'paper', (select count(*) from app.ballot_casts c where c.round_id = target and c.channel = 'paper'),
    'members', (select count(*) from app.role_assignments ra where ra.assembly_id = assembly and ra.role = 'member'));
end
$$;

create function api.round_progress(round_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.round_progress(round_progress.round_id) $$;

-- For the tally (service role only): the ballots of a closed round in no meaningful order, without
-- any key that leads to a person; the pair key only to pair rounds of the same exercise.
create function api.ballots_for_tally(exercise_id uuid)
returns table (round_id uuid, round_number int, pair_key text, channel app.ballot_channel, content jsonb)
language sql stable security invoker set search_path = ''
as $$
  select b.round_id, r.number, b.pair_key, b.channel, b.content
  from app.ballots b join app.exercise_rounds r on r.id = b.round_id
  where r.exercise_id = ballots_for_tally.exercise_id and r.status in ('closed', 'published')
  order by r.number, b.receipt_code
$$;

create function api.store_results(round_id uuid, ballot_count int, result jsonb) returns void
language sql security invoker set search_path = ''
as $$
  insert into app.exercise_results (round_id, ballot_count, result, receipt_codes)
  values (store_results.round_id, store_results.ballot_count, store_results.result,
    array(select b.receipt_code from app.ballots b where b.round_id = store_results.round_id order by 1))
  on conflict (round_id) do update set ballot_count = excluded.ballot_count, result = excluded.result,
    receipt_codes = excluded.receipt_codes, computed_at = now()
$$;

create function api.round_results(round_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object('ballot_count', x.ballot_count, 'result', x.result,
    'receipt_codes', to_jsonb(x.receipt_codes), 'computed_at', x.computed_at)
  from app.exercise_results x where x.round_id = round_results.round_id
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.hmac_hex(bytea, text), private.random_secret(), private.receipt_code(),
  private.option_ids(jsonb), private.ballot_problem(jsonb, jsonb), private.create_exercise_secret(uuid),
  private.move_round(uuid, app.round_status), private.my_ballot(uuid), private.round_progress(uuid)
  to authenticated, service_role;
grant execute on function private.cast_ballot(uuid, uuid, jsonb, uuid, app.ballot_channel) to authenticated, service_role;
grant execute on function api.assembly_exercises(uuid), api.round_results(uuid) to anon, authenticated, service_role;
grant execute on function api.save_exercise(uuid, uuid, uuid, text, text, app.exercise_kind, jsonb, jsonb, boolean),
  api.open_round(uuid), api.close_round(uuid), api.publish_round(uuid), api.add_round(uuid),
  api.cast_ballot(uuid, jsonb, uuid), api.cast_paper_ballot(uuid, uuid, jsonb, uuid), api.my_ballot(uuid),
  api.round_progress(uuid) to authenticated, service_role;
grant execute on function api.ballots_for_tally(uuid), api.store_results(uuid, int, jsonb) to service_role;
