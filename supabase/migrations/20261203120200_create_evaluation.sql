-- Evaluation: questionnaires for members and for organisers, modelled on the OECD's evaluation
-- guidelines for representative deliberative processes (2021), whose three criteria are design
-- integrity, the deliberative experience and pathways to impact: Likert items (1–5) and open text.
--
-- Anonymity: a person answers once per questionnaire (app.evaluation_submissions records THAT they
-- answered), and the answers (app.evaluation_answers) carry no person, no time and no link to the
-- submission; nobody reads them row by row — only aggregates through api.evaluation_results,
-- for evaluators and administrators, with every breakdown of fewer than 5 answers hidden.
-- The evaluator also gets read-only process records (api.evaluation_records).

create type app.evaluation_audience as enum ('member', 'organiser');
create type app.evaluation_criterion as enum ('design_integrity', 'deliberative_experience', 'pathways_to_impact');

create table app.evaluation_items (
  key text primary key check (key ~ '^[a-z0-9_]+$'),
  audience app.evaluation_audience not null,
  criterion app.evaluation_criterion not null,
  kind text not null check (kind in ('likert', 'text')),
  position int not null,
  unique (audience, position)
);
comment on table app.evaluation_items is 'The questionnaire items (texts are in the app''s messages as eval_q_<key>), per audience and OECD criterion.';
alter table app.evaluation_items enable row level security;

insert into app.evaluation_items (key, audience, criterion, kind, position) values
  ('m_charge_clear', 'member', 'design_integrity', 'likert', 1),
  ('m_information_balanced', 'member', 'design_integrity', 'likert', 2),
  ('m_time_enough', 'member', 'design_integrity', 'likert', 3),
  ('m_heard', 'member', 'deliberative_experience', 'likert', 4),
  ('m_respect', 'member', 'deliberative_experience', 'likert', 5),
  ('m_facilitation_neutral', 'member', 'deliberative_experience', 'likert', 6),
  ('m_changed_view', 'member', 'deliberative_experience', 'likert', 7),
  ('m_recommendations_reflect', 'member', 'pathways_to_impact', 'likert', 8),
  ('m_council_response', 'member', 'pathways_to_impact', 'likert', 9),
  ('m_would_recommend', 'member', 'pathways_to_impact', 'likert', 10),
  ('m_open', 'member', 'pathways_to_impact', 'text', 11),
  ('o_recruitment_representative', 'organiser', 'design_integrity', 'likert', 1),
  ('o_independence', 'organiser', 'design_integrity', 'likert', 2),
  ('o_evidence_diverse', 'organiser', 'design_integrity', 'likert', 3),
  ('o_deliberation_quality', 'organiser', 'deliberative_experience', 'likert', 4),
  ('o_inclusion', 'organiser', 'deliberative_experience', 'likert', 5),
  ('o_council_engaged', 'organiser', 'pathways_to_impact', 'likert', 6),
  ('o_public_communication', 'organiser', 'pathways_to_impact', 'likert', 7),
  ('o_open', 'organiser', 'pathways_to_impact', 'text', 8);

create table app.evaluation_submissions (
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  audience app.evaluation_audience not null,
  primary key (assembly_id, person_id, audience)
);
create index evaluation_submissions_person_idx on app.evaluation_submissions (person_id);
comment on table app.evaluation_submissions is 'That a person answered a questionnaire (once); never what they answered.';
alter table app.evaluation_submissions enable row level security;

create table app.evaluation_answers (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  item_key text not null references app.evaluation_items (key),
  likert int check (likert between 1 and 5),
  answer_text text check (char_length(btrim(answer_text)) between 1 and 3000),
  constraint evaluation_answers_one_value check ((likert is null) <> (answer_text is null))
);
create index evaluation_answers_assembly_idx on app.evaluation_answers (assembly_id, item_key);
comment on table app.evaluation_answers is 'Anonymous questionnaire answers: no person, no time, no link to the submission. Read only in aggregate.';
alter table app.evaluation_answers enable row level security;

grant select on app.evaluation_items to anon, authenticated;
grant select on app.evaluation_submissions to authenticated;
grant all on app.evaluation_items, app.evaluation_submissions, app.evaluation_answers to service_role;
revoke all on app.evaluation_answers from anon, authenticated;

create policy "Anyone reads the questionnaire items" on app.evaluation_items
  for select to anon, authenticated using (true);
create policy "People see which questionnaires they answered" on app.evaluation_submissions
  for select to authenticated using (person_id in (select private.my_person_ids()));
create policy "Only the service role reads single answers" on app.evaluation_answers
  for select to service_role using (true);

-- The questionnaire items in order (their texts are messages in the app).
create function api.evaluation_items() returns setof app.evaluation_items
language sql stable security invoker set search_path = ''
as $$ select * from app.evaluation_items i order by i.audience, i.position $$;

-- Which questionnaires the caller may answer in the assembly, and whether they did.
create function api.my_evaluations(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select coalesce(jsonb_agg(jsonb_build_object('audience', a.audience,
    'answered', exists (select 1 from app.evaluation_submissions s
                        where s.assembly_id = my_evaluations.assembly_id and s.audience = a.audience
                          and s.person_id in (select private.my_person_ids())))
    order by a.audience), '[]'::jsonb)
  from (
    select 'member'::app.evaluation_audience as audience
    where my_evaluations.assembly_id in (select private.assemblies_where_i_am('{member}'))
    union all
    select 'organiser' where my_evaluations.assembly_id in (select private.assemblies_where_i_am('{admin,facilitator}'))
  ) a
$$;

-- Records one questionnaire, once, anonymously: the submission and the answers are separate rows
-- with nothing in common but the assembly. answers: {"<item key>": 1..5 | "text"}; items left out
-- are unanswered.
create function private.submit_evaluation(p_assembly_id uuid, p_audience app.evaluation_audience, p_answers jsonb) returns void
language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_person uuid;
  v_key text;
  v_value jsonb;
  v_item app.evaluation_items;
begin
  select ra.person_id into v_person from app.role_assignments ra join app.people p on p.id = ra.person_id
  where p.user_id = auth.uid() and ra.assembly_id = p_assembly_id
    and ra.role = any (case when p_audience = 'member' then '{member}'::app.assembly_role[] else '{admin,facilitator}'::app.assembly_role[] end)
  limit 1;
  if v_person is null then
    raise exception 'This questionnaire is for the assembly''s %', p_audience using errcode = '42501';
  end if;
  if jsonb_typeof(p_answers) <> 'object' then
    raise exception 'Answers are an object of item keys' using errcode = 'P0001', detail = 'evaluation_invalid';
  end if;
  begin
    insert into app.evaluation_submissions (assembly_id, person_id, audience) values (p_assembly_id, v_person, p_audience);
  exception when unique_violation then
    raise exception 'You have answered this questionnaire already' using errcode = 'P0001', detail = 'evaluation_answered';
  end;
  for v_key, v_value in select * from jsonb_each(p_answers) loop
    select * into v_item from app.evaluation_items i where i.key = v_key and i.audience = p_audience;
    if v_item.key is null then
      raise exception 'Unknown question %', v_key using errcode = 'P0001', detail = 'evaluation_invalid';
    end if;
    if v_item.kind = 'likert' then
      if jsonb_typeof(v_value) <> 'number' or (v_value #>> '{}')::numeric not in (1, 2, 3, 4, 5) then
        raise exception 'An answer on the scale is 1 to 5' using errcode = 'P0001', detail = 'evaluation_invalid';
      end if;
      insert into app.evaluation_answers (assembly_id, item_key, likert) values (p_assembly_id, v_key, (v_value #>> '{}')::int);
    elsif nullif(btrim(v_value #>> '{}'), '') is not null then
      insert into app.evaluation_answers (assembly_id, item_key, answer_text) values (p_assembly_id, v_key, btrim(v_value #>> '{}'));
    end if;
  end loop;
end
$$;

create function api.submit_evaluation(assembly_id uuid, audience app.evaluation_audience, answers jsonb) returns void
language sql volatile security invoker set search_path = ''
as $$ select private.submit_evaluation(assembly_id, audience, answers) $$;

-- The results in aggregate, for the assembly's evaluators and administrators: per item the number
-- of answers, and — only from 5 answers up — the mean, the distribution and the open texts (sorted,
-- so their order tells nothing). How many answered each questionnaire is always shown.
create function private.evaluation_results(p_assembly_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_assembly_id not in (select private.assemblies_where_i_am('{evaluator,admin}')) then
    raise exception 'Only the assembly''s evaluators and administrators read the results' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'min_group', 5,
    'respondents', (select coalesce(jsonb_object_agg(x.audience, x.n), '{}'::jsonb) from (
      select s.audience, count(*) as n from app.evaluation_submissions s where s.assembly_id = p_assembly_id group by s.audience) x),
    'items', (select coalesce(jsonb_agg(jsonb_build_object(
        'key', i.key, 'audience', i.audience, 'criterion', i.criterion, 'kind', i.kind, 'n', coalesce(a.n, 0),
        'hidden', coalesce(a.n, 0) < 5,
        'mean', case when a.n >= 5 then round(a.mean, 2) end,
        'distribution', case when a.n >= 5 then a.distribution end,
        'texts', case when a.n >= 5 then a.texts end
      ) order by i.audience, i.position), '[]'::jsonb)
      from app.evaluation_items i
      left join lateral (
        select count(*) as n, avg(x.likert) as mean,
          jsonb_build_array(count(*) filter (where x.likert = 1), count(*) filter (where x.likert = 2),
            count(*) filter (where x.likert = 3), count(*) filter (where x.likert = 4), count(*) filter (where x.likert = 5)) as distribution,
          coalesce(jsonb_agg(x.answer_text order by x.answer_text) filter (where x.answer_text is not null), '[]'::jsonb) as texts
        from app.evaluation_answers x where x.assembly_id = p_assembly_id and x.item_key = i.key
      ) a on true)
  );
end
$$;

create function api.evaluation_results(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.evaluation_results(assembly_id) $$;

-- The process records an evaluator reads (read-only, counts and public facts, no personal data):
-- sessions held with attendance, exercises and published rounds, recommendations by status, and the
-- latest entries of the audit chain. The responses are read with api.response_overview.
create function private.evaluation_records(p_assembly_id uuid) returns jsonb
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_assembly_id not in (select private.assemblies_where_i_am('{evaluator,admin}')) then
    raise exception 'Only the assembly''s evaluators and administrators read the process records' using errcode = '42501';
  end if;
  return jsonb_build_object(
    'sessions', (select coalesce(jsonb_agg(jsonb_build_object('title', s.title, 'starts_at', s.starts_at,
        'counts', private.session_counts(s.id)) order by s.starts_at), '[]'::jsonb)
      from app.sessions s where s.id in (select private.held_sessions(p_assembly_id))),
    'exercises', (select coalesce(jsonb_agg(jsonb_build_object('title', e.title, 'kind', e.kind,
        'published_rounds', (select count(*) from app.exercise_rounds r where r.exercise_id = e.id and r.status = 'published'))
        order by e.title), '[]'::jsonb)
      from app.exercises e where e.assembly_id = p_assembly_id),
    'recommendations', (select coalesce(jsonb_object_agg(x.status, x.n), '{}'::jsonb) from (
      select r.status, count(*) as n from app.recommendations r where r.assembly_id = p_assembly_id group by r.status) x),
    'audit', (select coalesce(jsonb_agg(jsonb_build_object('seq', l.seq, 'at', l.at, 'action', l.action, 'hash', l.hash)
        order by l.seq desc), '[]'::jsonb)
      from (select * from app.audit_log l where l.assembly_id = p_assembly_id order by l.seq desc limit 50) l)
  );
end
$$;

create function api.evaluation_records(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$ select private.evaluation_records(assembly_id) $$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.submit_evaluation(uuid, app.evaluation_audience, jsonb),
  private.evaluation_results(uuid), private.evaluation_records(uuid) to authenticated, service_role;
grant execute on function api.evaluation_items(), api.my_evaluations(uuid), api.submit_evaluation(uuid, app.evaluation_audience, jsonb),
  api.evaluation_results(uuid), api.evaluation_records(uuid) to authenticated, service_role;
