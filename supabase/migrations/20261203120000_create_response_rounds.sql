-- The council's responses: per assembly, response rounds (3 and 12 calendar months after the
-- handover, then the conclusion and the evaluation, whose dates the administrator sets), and per
-- handed-over recommendation per round a response written by the council secretariat.
--
-- Rules the database keeps, for every role (the table owner included, unless it drops triggers):
-- - A round is created for the assembly when its first recommendation is handed over. The statutory
--   due dates are handover_on + 3 / 12 calendar months (clamped to the month's end, as PostgreSQL's
--   date + interval does and src/lib/deadlines.ts does the same). A due date never moves once it
--   has passed or its round is published; rounds are never removed once due or published.
-- - Only the council role drafts responses and publishes rounds (RLS + checks in the guard). A
--   round is published complete: every handed-over recommendation has a response, those without a
--   decision marked "Under behandling" (pending) with a reason. Every status but "Fulgt" needs a
--   reason (why not, why only partly, why still pending).
-- - A published response never changes and is never removed; a correction is a new version of it
--   (with a note of what was corrected), published on its own.
-- - Whether a round is overdue is never stored: api.response_overview computes it from the due date,
--   published_at and today, and "today" can be moved forward (for tests of the clock) but never back
--   behind the database's own date, so no caller can make an overdue round look on time.
-- - Publishing a round and publishing a correction append to the audit chain in the same transaction.

create type app.response_round_kind as enum ('three_months', 'twelve_months', 'conclusion', 'evaluation');
create type app.response_status as enum ('followed', 'partly_followed', 'not_followed', 'pending');

-- The due date of a statutory round: calendar months after the handover, clamped to the month's end
-- (2026-11-30 + 3 months = 2027-02-28).
create function private.response_due_on(p_handover_on date, p_months int) returns date
language sql immutable set search_path = ''
as $$ select (p_handover_on + make_interval(months => p_months))::date $$;

-- "Today" for the response clocks: the caller's date when it is later than the database's own
-- Copenhagen date (a test clock moved forward), never earlier.
create function private.response_today(p_today date) returns date
language sql stable set search_path = ''
as $$ select greatest(coalesce(p_today, private.today_in_copenhagen()), private.today_in_copenhagen()) $$;

create table app.response_rounds (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  kind app.response_round_kind not null,
  due_on date,
  published_at timestamptz,
  published_by uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (assembly_id, kind),
  constraint response_rounds_statutory_due check (kind not in ('three_months', 'twelve_months') or due_on is not null),
  constraint response_rounds_published_when_dated check (published_at is null or due_on is not null)
);
create index response_rounds_published_by_idx on app.response_rounds (published_by);
comment on table app.response_rounds is 'A round of the council''s responses (3 months, 12 months, conclusion, evaluation) with its due date and publication. Overdue is computed, never stored.';
alter table app.response_rounds enable row level security;

-- Milestones of what is being implemented: [{"on": "YYYY-MM-DD", "text": "…"}], at most 20.
create function private.milestones_valid(p_milestones jsonb) returns boolean
language sql immutable set search_path = ''
as $$
  select jsonb_typeof(p_milestones) = 'array' and jsonb_array_length(p_milestones) <= 20
    and coalesce(bool_and(
      jsonb_typeof(m) = 'object'
      and coalesce(m ->> 'on', '') ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
      and char_length(btrim(coalesce(m ->> 'text', ''))) between 2 and 300), true)
  from jsonb_array_elements(case when jsonb_typeof(p_milestones) = 'array' then p_milestones else '[]'::jsonb end) m
$$;

create table app.responses (
  id uuid primary key default gen_random_uuid(),
  round_id uuid not null references app.response_rounds (id) on delete cascade,
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  version int not null default 1 check (version >= 1),
  status app.response_status not null,
  explanation text not null check (char_length(btrim(explanation)) between 1 and 10000),
  -- Why not followed, why only partly, or why still pending. Required for every status but followed.
  reason text not null default '' check (char_length(reason) <= 5000),
  committee text not null check (char_length(btrim(committee)) between 2 and 200),
  -- The council decision the response rests on (as in the municipality's minutes).
  case_number text check (case_number ~ '^[0-9]{2}/[0-9]{1,6}$'),
  decision_committee text check (char_length(btrim(decision_committee)) between 2 and 200),
  meeting_on date,
  decision_text text check (char_length(btrim(decision_text)) between 2 and 5000),
  progress_pct int check (progress_pct between 0 and 100),
  milestones jsonb not null default '[]'::jsonb check (private.milestones_valid(milestones)),
  correction_note text not null default '' check (char_length(correction_note) <= 2000),
  written_by uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  published_at timestamptz,
  unique (round_id, recommendation_id, version),
  constraint responses_reason_unless_followed check (status = 'followed' or char_length(btrim(reason)) >= 2),
  constraint responses_decision_together check (
    (case_number is null) = (decision_committee is null)
    and (case_number is null) = (meeting_on is null)
    and (case_number is null) = (decision_text is null)),
  constraint responses_decision_unless_pending check (status = 'pending' or case_number is not null),
  constraint responses_progress_when_implemented check (
    status in ('followed', 'partly_followed') or (progress_pct is null and milestones = '[]'::jsonb)),
  constraint responses_correction_says_what check (version = 1 or char_length(btrim(correction_note)) >= 2)
);
-- One draft at a time per recommendation and round.
create unique index responses_one_draft_idx on app.responses (round_id, recommendation_id) where published_at is null;
create index responses_recommendation_idx on app.responses (recommendation_id);
create index responses_written_by_idx on app.responses (written_by);
comment on table app.responses is 'The council''s response to one handed-over recommendation in one round. Published versions never change; a correction is a new version.';
alter table app.responses enable row level security;

-- Whether the statement runs for a signed-in person or an API role (then role rules apply, and
-- times are the database's own); the seed and migrations run as the owner.
create function private.acting_through_api() returns boolean
language sql stable set search_path = ''
as $$ select coalesce(current_setting('role', true), 'none') in ('anon', 'authenticated', 'service_role') or auth.uid() is not null $$;

-- Rounds: created with the handover; due dates move only before they pass; publication once,
-- complete, by the council; never removed once due or published.
create function private.response_rounds_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_today date := private.today_in_copenhagen();
  v_handover date;
  v_missing int;
begin
  if tg_op = 'DELETE' then
    if old.published_at is not null or old.due_on < v_today then
      raise exception 'A response round that is published or past its due date is never removed'
        using errcode = 'P0001', detail = 'round_permanent';
    end if;
    return old;
  end if;
  if (new.assembly_id, new.kind, new.created_at) is distinct from (old.assembly_id, old.kind, old.created_at) then
    raise exception 'A response round keeps its assembly and kind' using errcode = 'P0001', detail = 'round_permanent';
  end if;
  if old.published_at is not null then
    if (new.published_at, new.published_by, new.due_on) is distinct from (old.published_at, old.published_by, old.due_on) then
      raise exception 'A published round never changes' using errcode = 'P0001', detail = 'round_published';
    end if;
    return new;
  end if;
  if new.due_on is distinct from old.due_on then
    if old.due_on < v_today then
      raise exception 'The due date has passed; it can no longer be moved' using errcode = 'P0001', detail = 'due_date_passed';
    end if;
    if new.kind in ('three_months', 'twelve_months') then
      select coalesce(a.handover_on, new.due_on) into v_handover from app.assemblies a where a.id = new.assembly_id;
      if new.due_on <> private.response_due_on(v_handover, case when new.kind = 'three_months' then 3 else 12 end) then
        raise exception 'The 3- and 12-month due dates follow from the handover date' using errcode = 'P0001', detail = 'statutory_due_date';
      end if;
    elsif private.acting_through_api()
      and new.assembly_id not in (select private.assemblies_where_i_am('{admin}')) then
      raise exception 'Only the assembly''s administrators set the conclusion and evaluation dates' using errcode = '42501';
    end if;
  end if;
  if new.published_at is not null then
    if private.acting_through_api() then
      if new.assembly_id not in (select private.assemblies_where_i_am('{council}')) then
        raise exception 'Only the council publishes its responses' using errcode = '42501';
      end if;
      new.published_at := now();
      new.published_by := (select p from private.my_person_ids() p limit 1);
    end if;
    if new.due_on is null then
      raise exception 'The round needs a due date before it is published' using errcode = 'P0001', detail = 'round_undated';
    end if;
    select count(*) into v_missing from app.recommendations r
    where r.assembly_id = new.assembly_id and r.handed_over_at is not null
      and not exists (select 1 from app.responses x where x.round_id = new.id and x.recommendation_id = r.id);
    if v_missing > 0 then
      raise exception 'The round is incomplete: % recommendation(s) have no response', v_missing
        using errcode = 'P0001', detail = 'round_incomplete',
              hint = 'Write a response to each, or mark the rest "Under behandling" with a reason.';
    end if;
  elsif new.published_by is distinct from old.published_by then
    raise exception 'published_by is set by publishing' using errcode = 'P0001', detail = 'round_published';
  end if;
  return new;
end
$$;
create trigger response_rounds_guard before update or delete on app.response_rounds
  for each row execute function private.response_rounds_guard();

-- Publishing a round publishes its drafts at the same moment and enters it in the audit chain,
-- with a hash of what was published.
create function private.response_round_published() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_count int;
  v_sha text;
begin
  update app.responses x set published_at = new.published_at
  where x.round_id = new.id and x.published_at is null;
  get diagnostics v_count = row_count;
  select encode(sha256(convert_to(coalesce(jsonb_agg(jsonb_build_object(
      'recommendation_id', x.recommendation_id, 'version', x.version, 'status', x.status,
      'explanation', x.explanation, 'reason', x.reason, 'case_number', x.case_number)
      order by x.recommendation_id, x.version), '[]'::jsonb)::text, 'UTF8')), 'hex')
  into v_sha from app.responses x where x.round_id = new.id;
  perform private.audit_append(new.assembly_id, 'response_round.published', new.id, jsonb_build_object(
    'kind', new.kind, 'due_on', new.due_on, 'responses', v_count, 'sha256', v_sha,
    'days_late', greatest(((new.published_at at time zone 'Europe/Copenhagen')::date - new.due_on), 0)));
  return new;
end
$$;
create trigger response_round_published after update of published_at on app.response_rounds
  for each row when (old.published_at is null and new.published_at is not null)
  execute function private.response_round_published();

-- Responses: only to handed-over recommendations of the round's assembly; versions numbered by
-- the database; published versions never change; a new version only corrects a published round.
create function private.responses_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_round app.response_rounds;
  v_latest app.responses;
begin
  if tg_op = 'DELETE' then
    if old.published_at is not null then
      raise exception 'A published response is never removed' using errcode = 'P0001', detail = 'response_published';
    end if;
    return old;
  end if;
  select * into v_round from app.response_rounds r where r.id = new.round_id;
  if tg_op = 'INSERT' then
    if new.published_at is not null then
      raise exception 'A response is published with its round' using errcode = 'P0001', detail = 'response_published';
    end if;
    if not exists (select 1 from app.recommendations r
                   where r.id = new.recommendation_id and r.assembly_id = v_round.assembly_id and r.handed_over_at is not null) then
      raise exception 'Only a recommendation that was handed over gets a response' using errcode = 'P0001', detail = 'not_handed_over';
    end if;
    select * into v_latest from app.responses x
    where x.round_id = new.round_id and x.recommendation_id = new.recommendation_id
    order by x.version desc limit 1;
    if v_latest.id is null then
      if v_round.published_at is not null then
        raise exception 'The round is published; a response can only be corrected' using errcode = 'P0001', detail = 'round_published';
      end if;
      new.version := 1;
    elsif v_latest.published_at is null then
      raise exception 'There is already a draft; change it instead' using errcode = 'P0001', detail = 'draft_exists';
    else
      new.version := v_latest.version + 1;
    end if;
    if private.acting_through_api() then
      new.written_by := (select p from private.my_person_ids() p limit 1);
      new.created_at := now();
    end if;
    new.updated_at := now();
    return new;
  end if;
  -- UPDATE
  if old.published_at is not null then
    raise exception 'A published response never changes; publish a correction instead'
      using errcode = 'P0001', detail = 'response_published';
  end if;
  if (new.round_id, new.recommendation_id, new.version, new.created_at) is distinct from
     (old.round_id, old.recommendation_id, old.version, old.created_at) then
    raise exception 'A response keeps its round, recommendation and version' using errcode = 'P0001', detail = 'response_permanent';
  end if;
  if new.published_at is not null then
    if v_round.published_at is null then
      raise exception 'A response is published with its round' using errcode = 'P0001', detail = 'round_not_published';
    end if;
    if private.acting_through_api() then
      if v_round.assembly_id not in (select private.assemblies_where_i_am('{council}')) then
        raise exception 'Only the council publishes its responses' using errcode = '42501';
      end if;
      new.published_at := now();
    end if;
  end if;
  if private.acting_through_api() then
    new.written_by := (select p from private.my_person_ids() p limit 1);
  end if;
  new.updated_at := now();
  return new;
end
$$;
create trigger responses_guard before insert or update or delete on app.responses
  for each row execute function private.responses_guard();

create function private.response_corrected() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.audit_append(r.assembly_id, 'response.corrected', new.id, jsonb_build_object(
    'round_id', new.round_id, 'recommendation_id', new.recommendation_id, 'version', new.version))
  from app.response_rounds r where r.id = new.round_id;
  return new;
end
$$;
create trigger response_corrected after update of published_at on app.responses
  for each row when (old.published_at is null and new.published_at is not null and new.version > 1)
  execute function private.response_corrected();

-- Rounds come with the handover: when an assembly's first recommendation is handed over, its four
-- rounds are created (3 and 12 months from handover_on, or from the handover's own date when the
-- assembly has none; the evaluation on the assembly's evaluation_on; the conclusion undated).
create function private.ensure_response_rounds(p_assembly_id uuid, p_handed_over_at timestamptz) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_on date;
  v_evaluation date;
begin
  select coalesce(a.handover_on, (p_handed_over_at at time zone 'Europe/Copenhagen')::date), a.evaluation_on
  into v_on, v_evaluation from app.assemblies a where a.id = p_assembly_id;
  insert into app.response_rounds (assembly_id, kind, due_on) values
    (p_assembly_id, 'three_months', private.response_due_on(v_on, 3)),
    (p_assembly_id, 'twelve_months', private.response_due_on(v_on, 12)),
    (p_assembly_id, 'conclusion', null),
    (p_assembly_id, 'evaluation', v_evaluation)
  on conflict (assembly_id, kind) do nothing;
end
$$;

create function private.recommendation_handed_over() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.ensure_response_rounds(new.assembly_id, new.handed_over_at);
  return new;
end
$$;
create trigger recommendation_handed_over after update of handed_over_at on app.recommendations
  for each row when (old.handed_over_at is null and new.handed_over_at is not null)
  execute function private.recommendation_handed_over();

-- A later handover_on (or evaluation_on) moves the unpublished rounds' dates with it — refused by
-- the rounds' guard once a date has passed, so a handover date cannot be moved to hide a deadline.
create function private.assembly_response_dates_moved() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if new.handover_on is not null and new.handover_on is distinct from old.handover_on then
    update app.response_rounds r set due_on = private.response_due_on(new.handover_on,
        case when r.kind = 'three_months' then 3 else 12 end)
    where r.assembly_id = new.id and r.kind in ('three_months', 'twelve_months')
      and r.due_on is distinct from private.response_due_on(new.handover_on, case when r.kind = 'three_months' then 3 else 12 end);
  end if;
  if new.evaluation_on is not null and new.evaluation_on is distinct from old.evaluation_on then
    update app.response_rounds r set due_on = new.evaluation_on
    where r.assembly_id = new.id and r.kind = 'evaluation' and r.published_at is null
      and r.due_on is distinct from new.evaluation_on and (r.due_on is null or r.due_on >= private.today_in_copenhagen());
  end if;
  return new;
end
$$;
create trigger assembly_response_dates_moved after update of handover_on, evaluation_on on app.assemblies
  for each row execute function private.assembly_response_dates_moved();

-- Privileges: reads by policy; the council writes drafts and publishes; administrators date rounds.
grant select on app.response_rounds, app.responses to anon;
grant select, update on app.response_rounds to authenticated;
grant select, insert, update, delete on app.responses to authenticated;
grant all on app.response_rounds, app.responses to service_role;

create policy "Anyone reads the response rounds of public assemblies" on app.response_rounds
  for select to anon using (assembly_id in (select a.id from app.assemblies a where a.is_public));
create policy "People read the response rounds of assemblies they see" on app.response_rounds
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "The council publishes its rounds" on app.response_rounds
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{council}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{council}')));
create policy "Administrators date the conclusion and evaluation rounds" on app.response_rounds
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Anyone reads published responses of public assemblies" on app.responses
  for select to anon using (
    published_at is not null
    and round_id in (select r.id from app.response_rounds r));
create policy "People read published responses, the council its drafts too" on app.responses
  for select to authenticated using (
    (published_at is not null and round_id in (select r.id from app.response_rounds r))
    or round_id in (select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council}'))));
create policy "The council drafts responses" on app.responses
  for insert to authenticated with check (
    published_at is null
    and round_id in (select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council}'))));
create policy "The council changes its drafts" on app.responses
  for update to authenticated
  using (published_at is null
    and round_id in (select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council}'))))
  with check (round_id in (select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council}'))));
create policy "The council removes its drafts" on app.responses
  for delete to authenticated using (
    published_at is null
    and round_id in (select r.id from app.response_rounds r where r.assembly_id in (select private.assemblies_where_i_am('{council}'))));

-- The accountability record of an assembly, as its reader may see it: each round with its due date
-- and its state computed from the clock (upcoming, due_today, overdue, published — with days late),
-- and each handed-over recommendation with its frozen text, hash and every response version the
-- reader may see (published ones; the council also its drafts).
create function api.response_overview(assembly_id uuid, today date default null) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  with t as (select private.response_today(response_overview.today) as today),
  rounds as (
    select r.*,
      case
        when r.published_at is not null then 'published'
        when r.due_on is null then 'undated'
        when r.due_on < t.today then 'overdue'
        when r.due_on = t.today then 'due_today'
        else 'upcoming'
      end as state
    from app.response_rounds r, t
    where r.assembly_id = response_overview.assembly_id
  )
  select jsonb_build_object(
    'today', (select today from t),
    'rounds', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', r.id, 'kind', r.kind, 'due_on', r.due_on, 'published_at', r.published_at,
        'state', r.state,
        'days_left', case when r.published_at is null then r.due_on - (select today from t) end,
        'days_late', case
          when r.published_at is not null then greatest((r.published_at at time zone 'Europe/Copenhagen')::date - r.due_on, 0)
          when r.due_on < (select today from t) then (select today from t) - r.due_on
          else 0 end,
        'counts', (select coalesce(jsonb_object_agg(c.status, c.n), '{}'::jsonb) from (
          select x.status, count(*) as n from app.responses x
          where x.round_id = r.id and x.published_at is not null
            and x.version = (select max(y.version) from app.responses y
                             where y.round_id = x.round_id and y.recommendation_id = x.recommendation_id and y.published_at is not null)
          group by x.status) c)
      ) order by r.kind)
      from rounds r), '[]'::jsonb),
    'recommendations', coalesce((
      select jsonb_agg(jsonb_build_object(
        'id', rec.id, 'number', rec.number, 'kind', rec.kind, 'title', v.title, 'body_md', v.body_md,
        'frozen_sha256', rec.frozen_sha256, 'frozen_at', rec.frozen_at, 'handed_over_at', rec.handed_over_at,
        'responses', coalesce((
          select jsonb_agg(jsonb_build_object(
            'id', x.id, 'round_id', x.round_id, 'version', x.version, 'status', x.status,
            'explanation', x.explanation, 'reason', x.reason, 'committee', x.committee,
            'case_number', x.case_number, 'decision_committee', x.decision_committee,
            'meeting_on', x.meeting_on, 'decision_text', x.decision_text,
            'progress_pct', x.progress_pct, 'milestones', x.milestones,
            'correction_note', x.correction_note, 'published_at', x.published_at, 'updated_at', x.updated_at
          ) order by x.round_id, x.version)
          from app.responses x where x.recommendation_id = rec.id), '[]'::jsonb)
      ) order by rec.number)
      from app.recommendations rec
      join app.recommendation_versions v on v.recommendation_id = rec.id and v.version = rec.frozen_version
      where rec.assembly_id = response_overview.assembly_id and rec.handed_over_at is not null), '[]'::jsonb)
  )
$$;

-- Saves the council's draft for a recommendation in a round (a new draft, the same draft changed,
-- or — in a published round — a correction as a new version). Returns the draft's id.
create function api.save_response(
  round_id uuid, recommendation_id uuid, status app.response_status, explanation text,
  reason text, committee text, case_number text, decision_committee text, meeting_on date,
  decision_text text, progress_pct int, milestones jsonb, correction_note text
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  v_id uuid;
begin
  if not exists (select 1 from app.response_rounds r where r.id = save_response.round_id
                 and r.assembly_id in (select private.assemblies_where_i_am('{council}'))) then
    raise exception 'Only the council writes its responses' using errcode = '42501';
  end if;
  update app.responses x set
    status = save_response.status, explanation = btrim(save_response.explanation),
    reason = btrim(coalesce(save_response.reason, '')), committee = btrim(save_response.committee),
    case_number = nullif(btrim(save_response.case_number), ''),
    decision_committee = nullif(btrim(save_response.decision_committee), ''),
    meeting_on = save_response.meeting_on, decision_text = nullif(btrim(save_response.decision_text), ''),
    progress_pct = save_response.progress_pct, milestones = coalesce(save_response.milestones, '[]'::jsonb),
    correction_note = btrim(coalesce(save_response.correction_note, ''))
  where x.round_id = save_response.round_id and x.recommendation_id = save_response.recommendation_id
    and x.published_at is null
  returning x.id into v_id;
  if v_id is null then
    insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee,
      case_number, decision_committee, meeting_on, decision_text, progress_pct, milestones, correction_note)
    values (save_response.round_id, save_response.recommendation_id, save_response.status,
      btrim(save_response.explanation), btrim(coalesce(save_response.reason, '')), btrim(save_response.committee),
      nullif(btrim(save_response.case_number), ''), nullif(btrim(save_response.decision_committee), ''),
      save_response.meeting_on, nullif(btrim(save_response.decision_text), ''), save_response.progress_pct,
      coalesce(save_response.milestones, '[]'::jsonb), btrim(coalesce(save_response.correction_note, '')))
    returning id into v_id;
  end if;
  return v_id;
end
$$;

create function api.discard_response_draft(response_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  delete from app.responses x where x.id = discard_response_draft.response_id and x.published_at is null;
  if not found then
    raise exception 'Only the council''s own drafts can be discarded' using errcode = 'P0001', detail = 'not_a_draft';
  end if;
end
$$;

-- Marks every handed-over recommendation that has no response in the round "Under behandling",
-- with the reason given (so the round can be published on time). Returns how many were marked.
create function api.mark_rest_pending(round_id uuid, committee text, reason text) returns int
language plpgsql security invoker set search_path = ''
as $$
declare
  v_round app.response_rounds;
  v_count int;
begin
  select * into v_round from app.response_rounds r where r.id = mark_rest_pending.round_id
    and r.assembly_id in (select private.assemblies_where_i_am('{council}'));
  if v_round.id is null then
    raise exception 'Only the council writes its responses' using errcode = '42501';
  end if;
  insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee)
  select v_round.id, rec.id, 'pending', btrim(mark_rest_pending.reason), btrim(mark_rest_pending.reason), btrim(mark_rest_pending.committee)
  from app.recommendations rec
  where rec.assembly_id = v_round.assembly_id and rec.handed_over_at is not null
    and not exists (select 1 from app.responses x where x.round_id = v_round.id and x.recommendation_id = rec.id);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- Publishes a round, complete, at this moment (the guard checks who and what).
create function api.publish_response_round(round_id uuid) returns jsonb
language plpgsql security invoker set search_path = ''
as $$
declare
  v_published timestamptz;
begin
  update app.response_rounds r set published_at = now()
  where r.id = publish_response_round.round_id and r.published_at is null
  returning r.published_at into v_published;
  if v_published is null then
    raise exception 'Only the council publishes a round, and only once' using errcode = '42501';
  end if;
  return jsonb_build_object('round_id', round_id, 'published_at', v_published);
end
$$;

-- Publishes a correction (a new version of a published response).
create function api.publish_response_correction(response_id uuid) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.responses x set published_at = now()
  where x.id = publish_response_correction.response_id and x.published_at is null and x.version > 1;
  if not found then
    raise exception 'Only the council publishes a correction of a published response' using errcode = '42501';
  end if;
end
$$;

-- The administrator dates the conclusion or the evaluation round (before it has passed).
create function api.set_response_round_due(round_id uuid, due_on date) returns void
language plpgsql security invoker set search_path = ''
as $$
begin
  update app.response_rounds r set due_on = set_response_round_due.due_on
  where r.id = set_response_round_due.round_id and r.kind in ('conclusion', 'evaluation')
    and r.assembly_id in (select private.assemblies_where_i_am('{admin}'));
  if not found then
    raise exception 'Only the assembly''s administrators date the conclusion and evaluation rounds' using errcode = '42501';
  end if;
end
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.response_due_on(date, int), private.response_today(date),
  private.milestones_valid(jsonb), private.acting_through_api() to anon, authenticated, service_role;
grant execute on function api.response_overview(uuid, date) to anon, authenticated, service_role;
grant execute on function api.save_response(uuid, uuid, app.response_status, text, text, text, text, text, date, text, int, jsonb, text),
  api.discard_response_draft(uuid), api.mark_rest_pending(uuid, text, text), api.publish_response_round(uuid),
  api.publish_response_correction(uuid), api.set_response_round_due(uuid, date) to authenticated, service_role;
