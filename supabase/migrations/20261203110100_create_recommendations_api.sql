-- The recommendations API: reading (the assembly's list, one recommendation with its versions,
-- comments, amendments, vote and minority statements, the handover report) and every write, each
-- one function and so one transaction. All security invoker: the policies and triggers of
-- 20261203110000_create_recommendation_work.sql decide who may do what.

-- Reading -----------------------------------------------------------------------------------------------

-- One recommendation's latest version (or the frozen one) as the lists show it.
create function private.recommendation_summary(r app.recommendations) returns jsonb
language sql stable set search_path = ''
as $$
  select jsonb_build_object(
    'id', r.id, 'number', r.number, 'kind', r.kind, 'status', r.status,
    'working_group_id', r.working_group_id,
    'working_group', (select g.name from app.working_groups g where g.id = r.working_group_id),
    'title', v.title, 'version', v.version, 'updated_at', v.created_at,
    'frozen_version', r.frozen_version, 'frozen_at', r.frozen_at, 'frozen_sha256', r.frozen_sha256,
    'handed_over_at', r.handed_over_at,
    'vote', (select jsonb_build_object('opened_at', rv.opened_at, 'closed_at', rv.closed_at, 'support', rv.support,
        'accept', rv.accept, 'oppose', rv.oppose, 'present', rv.present, 'adopted', rv.adopted,
        'threshold_pct', rv.threshold_pct, 'base', rv.base)
      from app.recommendation_votes rv where rv.recommendation_id = r.id))
  from (select * from app.recommendation_versions x where x.recommendation_id = r.id
        order by (x.version = r.frozen_version) desc nulls last, x.version desc limit 1) v
$$;

-- The assembly's working groups and recommendations, with what the caller may do.
create function api.recommendations_overview(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'rule', (select jsonb_build_object('threshold_pct', a.adoption_threshold_pct, 'base', a.adoption_base)
             from app.assemblies a where a.id = recommendations_overview.assembly_id),
    'working_groups', coalesce((select jsonb_agg(jsonb_build_object(
        'id', g.id, 'name', g.name, 'welfare_area_id', g.welfare_area_id,
        'mine', g.id in (select private.working_groups_i_am_in()),
        'members', coalesce((select jsonb_agg(jsonb_build_object('person_id', m.person_id,
            'name', private.participant_name(m.person_id, g.assembly_id)) order by private.participant_name(m.person_id, g.assembly_id))
          from app.working_group_members m where m.working_group_id = g.id), '[]'::jsonb)) order by g.name)
      from app.working_groups g where g.assembly_id = recommendations_overview.assembly_id), '[]'::jsonb),
    'recommendations', coalesce((select jsonb_agg(private.recommendation_summary(r)
        || jsonb_build_object('can_draft', r.id in (select private.recommendations_i_draft())) order by r.number)
      from app.recommendations r where r.assembly_id = recommendations_overview.assembly_id), '[]'::jsonb),
    -- For organisers assigning working groups: the members of the assembly.
    'members', case when private.is_organiser_of(recommendations_overview.assembly_id) then
      coalesce((select jsonb_agg(jsonb_build_object('person_id', p.id, 'name', p.full_name) order by p.full_name)
        from app.people p join app.role_assignments ra on ra.person_id = p.id
        where ra.assembly_id = recommendations_overview.assembly_id and ra.role = 'member'), '[]'::jsonb)
      else '[]'::jsonb end
  )
$$;

-- One recommendation with everything the caller may read of it; null when they may not see it.
create function api.recommendation(recommendation_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select private.recommendation_summary(r) || jsonb_build_object(
    'assembly_id', r.assembly_id,
    'can_draft', r.id in (select private.recommendations_i_draft()),
    'is_organiser', private.is_organiser_of(r.assembly_id),
    'is_member', private.my_member_id(r.assembly_id) is not null,
    'versions', (select jsonb_agg(jsonb_build_object('version', v.version, 'title', v.title, 'body_md', v.body_md,
        'rationale_md', v.rationale_md, 'welfare_area_ids', to_jsonb(v.welfare_area_ids), 'amount_mio', v.amount_mio,
        'criteria', v.criteria, 'evidence', v.evidence, 'created_at', v.created_at,
        'author', private.participant_name(v.author_person_id, r.assembly_id),
        'sha256', private.recommendation_sha256(v.title, v.body_md)) order by v.version desc)
      from app.recommendation_versions v where v.recommendation_id = r.id),
    'comments', coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'parent_id', c.parent_id, 'body', c.body,
        'created_at', c.created_at, 'author', private.participant_name(c.author_person_id, r.assembly_id)) order by c.created_at)
      from app.recommendation_comments c where c.recommendation_id = r.id), '[]'::jsonb),
    'amendments', coalesce((select jsonb_agg(jsonb_build_object('id', am.id, 'base_version', am.base_version,
        'paragraph', am.paragraph, 'original_text', am.original_text, 'proposed_text', am.proposed_text, 'reason', am.reason,
        'status', am.status, 'proposer', private.participant_name(am.proposer_person_id, r.assembly_id),
        'votes_for', am.votes_for, 'votes_against', am.votes_against, 'votes_abstain', am.votes_abstain,
        'decided_at', am.decided_at, 'result_version', am.result_version, 'created_at', am.created_at,
        'my_vote', (select av.choice from app.amendment_votes av where av.amendment_id = am.id
          and av.person_id in (select private.my_person_ids())),
        'votes_cast', case when private.is_organiser_of(r.assembly_id)
          then (select count(*) from app.amendment_votes av where av.amendment_id = am.id) end) order by am.created_at)
      from app.amendments am where am.recommendation_id = r.id), '[]'::jsonb),
    'my_vote', (select sv.choice from app.support_votes sv where sv.recommendation_id = r.id
      and sv.person_id in (select private.my_person_ids())),
    -- While the vote is open, organisers see how many have voted (not how).
    'votes_cast', case when private.is_organiser_of(r.assembly_id)
      then (select count(*) from app.support_votes sv where sv.recommendation_id = r.id) end,
    'vote_session', (select jsonb_build_object('id', s.id, 'title', s.title, 'starts_at', s.starts_at)
      from app.recommendation_votes rv join app.sessions s on s.id = rv.session_id where rv.recommendation_id = r.id),
    'statements', coalesce((select jsonb_agg(jsonb_build_object('id', ms.id, 'body', ms.body, 'created_at', ms.created_at,
        'author', private.participant_name(ms.author_person_id, r.assembly_id),
        'signers', (select count(*) from app.minority_statement_signers ss where ss.statement_id = ms.id),
        'signer_names', coalesce((select jsonb_agg(n order by n) from (
            select private.participant_name(ss.person_id, r.assembly_id) n from app.minority_statement_signers ss
            where ss.statement_id = ms.id) x where n is not null), '[]'::jsonb),
        'signed_by_me', exists (select 1 from app.minority_statement_signers ss where ss.statement_id = ms.id
          and ss.person_id in (select private.my_person_ids()))) order by ms.created_at)
      from app.minority_statements ms where ms.recommendation_id = r.id), '[]'::jsonb),
    'sessions', case when private.is_organiser_of(r.assembly_id) then
      coalesce((select jsonb_agg(jsonb_build_object('id', s.id, 'title', s.title, 'starts_at', s.starts_at) order by s.starts_at)
        from app.sessions s where s.assembly_id = r.assembly_id and s.cancelled_at is null and not s.is_candidate), '[]'::jsonb)
      else '[]'::jsonb end)
  from app.recommendations r where r.id = recommendation.recommendation_id
$$;

-- Drafting ----------------------------------------------------------------------------------------------

create function api.create_working_group(assembly_id uuid, name text, welfare_area_id uuid default null) returns uuid
language sql volatile security invoker set search_path = ''
as $$
  insert into app.working_groups (assembly_id, name, welfare_area_id)
  values (create_working_group.assembly_id, btrim(create_working_group.name), create_working_group.welfare_area_id)
  returning id
$$;

create function api.set_working_group_member(working_group_id uuid, person_id uuid, is_member boolean) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
begin
  if is_member then
    insert into app.working_group_members (working_group_id, person_id)
    values (set_working_group_member.working_group_id, set_working_group_member.person_id)
    on conflict do nothing;
  else
    delete from app.working_group_members m
    where m.working_group_id = set_working_group_member.working_group_id and m.person_id = set_working_group_member.person_id;
  end if;
end
$$;

-- Checks the parts of a version the table's checks do not: criteria of a method, evidence links.
create function private.check_version_parts(kind app.recommendation_kind, criteria jsonb, evidence jsonb) returns void
language plpgsql immutable set search_path = ''
as $$
begin
  if kind = 'method' and (jsonb_array_length(coalesce(criteria, '[]')) = 0 or exists (
      select 1 from jsonb_array_elements(criteria) c
      where jsonb_typeof(c -> 'weight') <> 'number' or (c ->> 'weight')::numeric <= 0
         or char_length(coalesce(c ->> 'name', '')) not between 1 and 120)) then
    raise exception 'A prioritisation method needs named criteria with positive weights'
      using errcode = 'P0001', detail = 'criteria_invalid';
  end if;
  if exists (select 1 from jsonb_array_elements(coalesce(evidence, '[]')) e
      where coalesce(e ->> 'url', '') !~ '^https?://[^\s]+$' or char_length(e ->> 'url') > 500) then
    raise exception 'Evidence links must be http(s) addresses' using errcode = 'P0001', detail = 'evidence_invalid';
  end if;
end
$$;

create function api.create_recommendation(
  assembly_id uuid, working_group_id uuid, kind app.recommendation_kind, title text, body_md text,
  rationale_md text default '', welfare_area_ids uuid[] default '{}', amount_mio numeric default null,
  criteria jsonb default '[]', evidence jsonb default '[]'
) returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid := gen_random_uuid();
  me uuid := (select p from private.my_person_ids() p limit 1);
begin
  perform private.check_version_parts(kind, criteria, evidence);
  insert into app.recommendations (id, assembly_id, working_group_id, number, kind)
  values (new_id, create_recommendation.assembly_id, create_recommendation.working_group_id,
    coalesce((select max(r.number) from app.recommendations r where r.assembly_id = create_recommendation.assembly_id), 0) + 1,
    create_recommendation.kind);
  insert into app.recommendation_versions (recommendation_id, version, title, body_md, rationale_md, welfare_area_ids,
    amount_mio, criteria, evidence, author_person_id)
  values (new_id, 1, btrim(title), body_md, coalesce(rationale_md, ''), coalesce(welfare_area_ids, '{}'), amount_mio,
    case when kind = 'method' then criteria else '[]'::jsonb end, coalesce(evidence, '[]'), me);
  return new_id;
end
$$;

-- Saves a new version. based_on names the version the editor started from: if someone saved in
-- between, the save is refused with version_conflict and nothing is written.
create function api.save_recommendation(
  recommendation_id uuid, based_on int, title text, body_md text, rationale_md text default '',
  welfare_area_ids uuid[] default '{}', amount_mio numeric default null, criteria jsonb default '[]',
  evidence jsonb default '[]'
) returns int
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r app.recommendations;
  latest int;
begin
  select * into r from app.recommendations x where x.id = save_recommendation.recommendation_id;
  if not found then
    raise exception 'Recommendation not found' using errcode = 'PT404';
  end if;
  if r.frozen_at is not null then
    raise exception 'The recommendation is frozen; its text can no longer change' using errcode = 'P0001', detail = 'recommendation_frozen';
  end if;
  if r.status <> 'draft' then
    raise exception 'Only a draft can be edited' using errcode = 'P0001', detail = 'recommendation_not_draft';
  end if;
  perform private.check_version_parts(r.kind, criteria, evidence);
  select max(v.version) into latest from app.recommendation_versions v where v.recommendation_id = r.id;
  if based_on is distinct from latest then
    raise exception 'Someone saved version % after you opened version %', latest, based_on
      using errcode = 'P0001', detail = 'version_conflict', hint = 'Compare your text with the latest version and save again.';
  end if;
  insert into app.recommendation_versions (recommendation_id, version, title, body_md, rationale_md, welfare_area_ids,
    amount_mio, criteria, evidence, author_person_id)
  values (r.id, latest + 1, btrim(title), body_md, coalesce(rationale_md, ''), coalesce(welfare_area_ids, '{}'), amount_mio,
    case when r.kind = 'method' then criteria else '[]'::jsonb end, coalesce(evidence, '[]'),
    (select p from private.my_person_ids() p limit 1));
  return latest + 1;
exception when unique_violation then
  -- Someone saved the same next version a moment earlier.
  raise exception 'Someone saved version % while you were saving', latest + 1
    using errcode = 'P0001', detail = 'version_conflict', hint = 'Compare your text with the latest version and save again.';
end
$$;

-- Comments ----------------------------------------------------------------------------------------------

create function api.comment_on_recommendation(recommendation_id uuid, body text, parent_id uuid default null) returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid;
begin
  if parent_id is not null and not exists (select 1 from app.recommendation_comments c
      where c.id = comment_on_recommendation.parent_id and c.recommendation_id = comment_on_recommendation.recommendation_id) then
    raise exception 'The comment replied to is not on this recommendation' using errcode = 'P0001', detail = 'parent_elsewhere';
  end if;
  insert into app.recommendation_comments (recommendation_id, parent_id, author_person_id, body)
  values (comment_on_recommendation.recommendation_id, comment_on_recommendation.parent_id,
    (select p from private.my_person_ids() p limit 1), btrim(body))
  returning id into new_id;
  return new_id;
end
$$;

-- Amendments --------------------------------------------------------------------------------------------

create function api.propose_amendment(recommendation_id uuid, base_version int, paragraph int, proposed_text text,
  reason text default '') returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid := gen_random_uuid();
  r app.recommendations := private.recommendation_row(propose_amendment.recommendation_id);
begin
  if r.id is null or private.my_member_id(r.assembly_id) is null then
    raise exception 'Only the assembly''s members propose amendments' using errcode = '42501';
  end if;
  insert into app.amendments (id, recommendation_id, base_version, paragraph, proposed_text, reason, proposer_person_id)
  values (new_id, r.id, propose_amendment.base_version, propose_amendment.paragraph, btrim(proposed_text),
    btrim(coalesce(reason, '')), private.my_member_id(r.assembly_id));
  return new_id;
end
$$;

-- Makes an accepted amendment the next version, authored by its proposer.
create function private.apply_amendment(am app.amendments) returns int
language plpgsql volatile set search_path = ''
as $$
declare
  v app.recommendation_versions;
  paras text[];
begin
  select * into v from app.recommendation_versions x where x.recommendation_id = am.recommendation_id and x.version = am.base_version;
  paras := private.paragraphs(v.body_md);
  paras[am.paragraph + 1] := am.proposed_text;
  update app.amendments a set status = 'accepted', result_version = am.base_version + 1 where a.id = am.id;
  insert into app.recommendation_versions (recommendation_id, version, title, body_md, rationale_md, welfare_area_ids,
    amount_mio, criteria, evidence, author_person_id)
  values (v.recommendation_id, v.version + 1, v.title, array_to_string(paras, E'\n\n'), v.rationale_md, v.welfare_area_ids,
    v.amount_mio, v.criteria, v.evidence, am.proposer_person_id);
  return v.version + 1;
end
$$;

-- The working group (or an organiser) accepts or rejects; an organiser sends it to the plenary.
-- Returns the new version when accepted.
create function api.decide_amendment(amendment_id uuid, decision text) returns int
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  am app.amendments;
begin
  select * into am from app.amendments a where a.id = decide_amendment.amendment_id;
  if not found or am.recommendation_id not in (select private.recommendations_i_draft()) then
    raise exception 'Only the working group and the facilitators decide amendments' using errcode = '42501';
  end if;
  if am.status <> 'proposed' then
    raise exception 'The amendment is already decided or at the plenary' using errcode = 'P0001', detail = 'amendment_decided';
  end if;
  if decision = 'accept' then
    return private.apply_amendment(am);
  elsif decision = 'reject' then
    update app.amendments a set status = 'rejected' where a.id = am.id;
  elsif decision = 'plenary' then
    update app.amendments a set status = 'plenary' where a.id = am.id;
  else
    raise exception 'Unknown decision %', decision using errcode = 'P0001', detail = 'decision_invalid';
  end if;
  return null;
end
$$;

create function api.vote_on_amendment(amendment_id uuid, choice app.plenary_choice) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  am app.amendments;
begin
  select * into am from app.amendments a where a.id = vote_on_amendment.amendment_id;
  if not found or am.status <> 'plenary' then
    raise exception 'The amendment is not being voted on' using errcode = 'P0001', detail = 'vote_closed';
  end if;
  insert into app.amendment_votes (amendment_id, person_id, choice)
  values (am.id, private.my_member_id((private.recommendation_row(am.recommendation_id)).assembly_id), vote_on_amendment.choice)
  on conflict on constraint amendment_votes_pkey do update set choice = excluded.choice, voted_at = now();
end
$$;

-- Closes the plenary vote: a majority of for over against accepts (a new version by the proposer).
create function api.close_amendment_vote(amendment_id uuid) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  am app.amendments;
  n_for int;
  n_against int;
  n_abstain int;
  new_version int;
begin
  select * into am from app.amendments a where a.id = close_amendment_vote.amendment_id;
  if not found or not private.is_organiser_of((private.recommendation_row(am.recommendation_id)).assembly_id) then
    raise exception 'Only a facilitator closes the plenary vote' using errcode = '42501';
  end if;
  if am.status <> 'plenary' then
    raise exception 'The amendment is not being voted on' using errcode = 'P0001', detail = 'vote_closed';
  end if;
  select count(*) filter (where v.choice = 'for'), count(*) filter (where v.choice = 'against'),
         count(*) filter (where v.choice = 'abstain')
    into n_for, n_against, n_abstain
  from app.amendment_votes v where v.amendment_id = am.id;
  update app.amendments a set votes_for = n_for, votes_against = n_against, votes_abstain = n_abstain where a.id = am.id;
  if n_for > n_against then
    new_version := private.apply_amendment(am);
  else
    update app.amendments a set status = 'rejected' where a.id = am.id;
  end if;
  return jsonb_build_object('for', n_for, 'against', n_against, 'abstain', n_abstain,
    'accepted', n_for > n_against, 'version', new_version);
end
$$;

-- The support vote --------------------------------------------------------------------------------------

create function api.set_adoption_rule(assembly_id uuid, threshold_pct int, base text) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
begin
  update app.assemblies a set adoption_threshold_pct = set_adoption_rule.threshold_pct,
    adoption_base = set_adoption_rule.base, updated_at = now()
  where a.id = set_adoption_rule.assembly_id;
  if not found then
    raise exception 'Only an administrator sets the adoption rule' using errcode = '42501';
  end if;
end
$$;

create function api.open_support_vote(recommendation_id uuid, session_id uuid default null) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r app.recommendations := private.recommendation_row(open_support_vote.recommendation_id);
  a app.assemblies;
begin
  if r.id is null or not private.is_organiser_of(r.assembly_id) then
    raise exception 'Only a facilitator opens the vote' using errcode = '42501';
  end if;
  if r.status <> 'draft' then
    raise exception 'The vote is open or closed already' using errcode = 'P0001', detail = 'vote_exists';
  end if;
  select * into a from app.assemblies x where x.id = r.assembly_id;
  if session_id is not null and not exists (select 1 from app.sessions s where s.id = open_support_vote.session_id and s.assembly_id = r.assembly_id) then
    raise exception 'The session is not one of the assembly''s' using errcode = 'P0001', detail = 'session_elsewhere';
  end if;
  if a.adoption_base = 'present' and session_id is null then
    raise exception 'The base is the members present: name the voting session' using errcode = 'P0001', detail = 'session_required';
  end if;
  delete from app.recommendation_votes rv where rv.recommendation_id = r.id and rv.closed_at is null;
  insert into app.recommendation_votes (recommendation_id, session_id, threshold_pct, base)
  values (r.id, open_support_vote.session_id, a.adoption_threshold_pct, a.adoption_base);
  update app.recommendations x set status = 'voting' where x.id = r.id;
end
$$;

create function api.cast_support_vote(recommendation_id uuid, choice app.support_choice) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r app.recommendations := private.recommendation_row(cast_support_vote.recommendation_id);
  me uuid := private.my_member_id(r.assembly_id);
begin
  if r.id is null or me is null then
    raise exception 'Only the assembly''s members vote' using errcode = '42501';
  end if;
  if r.status <> 'voting' then
    raise exception 'The vote is not open' using errcode = 'P0001', detail = 'vote_closed', hint = 'Votes are taken only while the vote is open.';
  end if;
  insert into app.support_votes (recommendation_id, person_id, choice) values (r.id, me, cast_support_vote.choice)
  on conflict on constraint support_votes_pkey do update set choice = excluded.choice, voted_at = now();
end
$$;

-- Closes the vote, records its counts and result, and sets the status the result decides.
create function api.close_support_vote(recommendation_id uuid) returns jsonb
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  rv app.recommendation_votes;
  n_support int;
  n_accept int;
  n_oppose int;
  n_present int;
  result boolean;
begin
  if not private.is_organiser_of((private.recommendation_row(close_support_vote.recommendation_id)).assembly_id) then
    raise exception 'Only a facilitator closes the vote' using errcode = '42501';
  end if;
  select * into rv from app.recommendation_votes x where x.recommendation_id = close_support_vote.recommendation_id for update;
  if not found or rv.closed_at is not null then
    raise exception 'The vote is not open' using errcode = 'P0001', detail = 'vote_closed';
  end if;
  select count(*) filter (where v.choice = 'support'), count(*) filter (where v.choice = 'accept'),
         count(*) filter (where v.choice = 'oppose')
    into n_support, n_accept, n_oppose
  from app.support_votes v where v.recommendation_id = rv.recommendation_id;
  if rv.session_id is not null then
    select count(*) into n_present from app.attendance at
    join app.sessions s on s.id = at.session_id
    join app.role_assignments ra on ra.person_id = at.person_id and ra.assembly_id = s.assembly_id and ra.role = 'member'
    where at.session_id = rv.session_id;
  end if;
  result := private.support_adopted(n_support, n_accept, n_oppose, n_present, rv.threshold_pct, rv.base);
  update app.recommendation_votes x set closed_at = now(), support = n_support, accept = n_accept, oppose = n_oppose,
    present = n_present, adopted = result
  where x.recommendation_id = rv.recommendation_id;
  update app.recommendations x set status = case when result then 'adopted' else 'not_adopted' end::app.recommendation_status
  where x.id = rv.recommendation_id;
  return jsonb_build_object('support', n_support, 'accept', n_accept, 'oppose', n_oppose, 'present', n_present, 'adopted', result);
end
$$;

-- Minority statements -----------------------------------------------------------------------------------

create function api.add_minority_statement(recommendation_id uuid, body text) returns uuid
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  new_id uuid := gen_random_uuid();
  r app.recommendations := private.recommendation_row(add_minority_statement.recommendation_id);
  me uuid := private.my_member_id(r.assembly_id);
begin
  if r.id is null or me is null then
    raise exception 'Only the assembly''s members write minority statements' using errcode = '42501';
  end if;
  insert into app.minority_statements (id, recommendation_id, author_person_id, body) values (new_id, r.id, me, btrim(body));
  insert into app.minority_statement_signers (statement_id, person_id) values (new_id, me);
  return new_id;
end
$$;

create function api.sign_minority_statement(statement_id uuid, sign boolean) returns void
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  s app.minority_statements;
  me uuid;
begin
  select * into s from app.minority_statements x where x.id = sign_minority_statement.statement_id;
  me := private.my_member_id((private.recommendation_row(s.recommendation_id)).assembly_id);
  if s.id is null or me is null then
    raise exception 'Only the assembly''s members sign minority statements' using errcode = '42501';
  end if;
  if sign then
    insert into app.minority_statement_signers (statement_id, person_id) values (s.id, me) on conflict do nothing;
  else
    delete from app.minority_statement_signers x where x.statement_id = s.id and x.person_id = me;
  end if;
end
$$;

-- Freezing and the handover -----------------------------------------------------------------------------

-- Freezes an adopted recommendation at its latest version; returns the SHA-256 of its text.
create function api.freeze_recommendation(recommendation_id uuid) returns text
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  r app.recommendations;
  v app.recommendation_versions;
  hash text;
begin
  select * into r from app.recommendations x where x.id = freeze_recommendation.recommendation_id;
  if not found or not private.is_organiser_of(r.assembly_id) then
    raise exception 'Only a facilitator or administrator freezes recommendations' using errcode = '42501';
  end if;
  if r.frozen_at is not null then
    raise exception 'The recommendation is frozen already' using errcode = 'P0001', detail = 'recommendation_frozen';
  end if;
  if r.status <> 'adopted' then
    raise exception 'Only an adopted recommendation is frozen' using errcode = 'P0001', detail = 'recommendation_not_adopted';
  end if;
  select * into v from app.recommendation_versions x where x.recommendation_id = r.id order by x.version desc limit 1;
  hash := private.recommendation_sha256(v.title, v.body_md);
  update app.recommendations x set frozen_version = v.version, frozen_at = now(), frozen_sha256 = hash where x.id = r.id;
  return hash;
end
$$;

-- Records the handover: the date (which starts the council's response clocks), the phase, and the
-- handover mark on every frozen recommendation, in one transaction. Returns how many were handed over.
create function api.record_handover(assembly_id uuid, handover_on date) returns int
language plpgsql volatile security invoker set search_path = ''
as $$
declare
  n int;
begin
  if record_handover.assembly_id not in (select private.assemblies_where_i_am('{admin}')) then
    raise exception 'Only an administrator records the handover' using errcode = '42501';
  end if;
  if exists (select 1 from app.assemblies a where a.id = record_handover.assembly_id
      and a.phase in ('handed_over', 'follow_up', 'concluded')) then
    raise exception 'The recommendations were handed over already' using errcode = 'P0001', detail = 'already_handed_over';
  end if;
  if exists (select 1 from app.recommendations r where r.assembly_id = record_handover.assembly_id
      and r.status = 'adopted' and r.frozen_at is null) then
    raise exception 'Freeze every adopted recommendation first' using errcode = 'P0001', detail = 'adopted_not_frozen';
  end if;
  update app.recommendations r set handed_over_at = now()
  where r.assembly_id = record_handover.assembly_id and r.frozen_at is not null and r.handed_over_at is null;
  get diagnostics n = row_count;
  if n = 0 then
    raise exception 'There is no frozen recommendation to hand over' using errcode = 'P0001', detail = 'nothing_frozen';
  end if;
  update app.assemblies a set handover_on = record_handover.handover_on, phase = 'handed_over', updated_at = now()
  where a.id = record_handover.assembly_id;
  return n;
end
$$;

-- The handover report: counts only about the people (selection and participation), every
-- recommendation with its text, vote, minority statements and hash. Readable by those who read
-- the recommendations: participants before the handover, anyone after it (public assemblies).
create function private.selection_summary(target_assembly_id uuid) returns jsonb
language sql stable security definer set search_path = ''
as $$
  select case when private.has_role_in(target_assembly_id)
      or exists (select 1 from app.assemblies a where a.id = target_assembly_id and a.is_public) then
    jsonb_build_object(
      'invitations', (select count(*) from app.invitations i where i.assembly_id = target_assembly_id),
      'registrations', (select count(*) from app.registrations g where g.assembly_id = target_assembly_id),
      'members', (select count(*) from app.role_assignments ra where ra.assembly_id = target_assembly_id and ra.role = 'member'),
      'draw', (select jsonb_build_object('drawn_at', d.drawn_at, 'commitment_hash', d.commitment_hash, 'seed', d.seed)
        from app.draws d where d.assembly_id = target_assembly_id and d.status = 'drawn' order by d.drawn_at desc limit 1),
      'sessions', (select coalesce(jsonb_agg(jsonb_build_object('title', s.title, 'starts_at', s.starts_at,
          'present', (select count(*) from app.attendance at where at.session_id = s.id)) order by s.starts_at), '[]'::jsonb)
        from app.sessions s where s.assembly_id = target_assembly_id and s.cancelled_at is null and not s.is_candidate
          and s.starts_at <= now()))
  end
$$;

create function api.handover_report(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select jsonb_build_object(
    'assembly', jsonb_build_object('id', a.id, 'title', a.title, 'charge', a.charge, 'municipality', a.municipality,
      'phase', a.phase, 'handover_on', a.handover_on, 'threshold_pct', a.adoption_threshold_pct, 'base', a.adoption_base),
    'selection', private.selection_summary(a.id),
    'recommendations', coalesce((select jsonb_agg(private.recommendation_summary(r) || jsonb_build_object(
        'text', (select jsonb_build_object('title', v.title, 'body_md', v.body_md, 'rationale_md', v.rationale_md,
            'amount_mio', v.amount_mio, 'criteria', v.criteria, 'evidence', v.evidence, 'welfare_areas',
            (select coalesce(jsonb_agg(w.name order by w.position), '[]'::jsonb) from app.welfare_areas w where w.id = any (v.welfare_area_ids)),
            'sha256', private.recommendation_sha256(v.title, v.body_md))
          from app.recommendation_versions v where v.recommendation_id = r.id
          order by (v.version = r.frozen_version) desc nulls last, v.version desc limit 1),
        'statements', coalesce((select jsonb_agg(jsonb_build_object('body', ms.body,
            'signers', (select count(*) from app.minority_statement_signers ss where ss.statement_id = ms.id)) order by ms.created_at)
          from app.minority_statements ms where ms.recommendation_id = r.id), '[]'::jsonb)) order by r.number)
      from app.recommendations r where r.assembly_id = a.id and r.status in ('adopted', 'not_adopted')), '[]'::jsonb),
    'audit_head', api.audit_head(a.id))
  from app.assemblies a where a.id = handover_report.assembly_id
$$;

-- Every version of the handed-over recommendations of a public assembly (and, for participants, of
-- all), for the public page.
create function api.public_recommendations(assembly_id uuid) returns jsonb
language sql stable security invoker set search_path = ''
as $$
  select coalesce(jsonb_agg(private.recommendation_summary(r) || jsonb_build_object(
      'versions', (select jsonb_agg(jsonb_build_object('version', v.version, 'title', v.title, 'body_md', v.body_md,
          'rationale_md', v.rationale_md, 'amount_mio', v.amount_mio, 'criteria', v.criteria, 'evidence', v.evidence,
          'created_at', v.created_at, 'sha256', private.recommendation_sha256(v.title, v.body_md)) order by v.version desc)
        from app.recommendation_versions v where v.recommendation_id = r.id),
      'statements', coalesce((select jsonb_agg(jsonb_build_object('body', ms.body,
          'signers', (select count(*) from app.minority_statement_signers ss where ss.statement_id = ms.id)) order by ms.created_at)
        from app.minority_statements ms where ms.recommendation_id = r.id), '[]'::jsonb)) order by r.number), '[]'::jsonb)
  from app.recommendations r
  where r.assembly_id = public_recommendations.assembly_id and r.handed_over_at is not null
$$;

revoke execute on all functions in schema api from public;
revoke execute on all functions in schema private from public;
grant execute on function private.recommendation_summary(app.recommendations), private.check_version_parts(app.recommendation_kind, jsonb, jsonb),
  private.apply_amendment(app.amendments), private.selection_summary(uuid) to anon, authenticated, service_role;
grant execute on function api.recommendation(uuid), api.handover_report(uuid), api.public_recommendations(uuid)
  to anon, authenticated, service_role;
grant execute on function api.recommendations_overview(uuid), api.create_working_group(uuid, text, uuid),
  api.set_working_group_member(uuid, uuid, boolean),
  api.create_recommendation(uuid, uuid, app.recommendation_kind, text, text, text, uuid[], numeric, jsonb, jsonb),
  api.save_recommendation(uuid, int, text, text, text, uuid[], numeric, jsonb, jsonb),
  api.comment_on_recommendation(uuid, text, uuid), api.propose_amendment(uuid, int, int, text, text),
  api.decide_amendment(uuid, text), api.vote_on_amendment(uuid, app.plenary_choice), api.close_amendment_vote(uuid),
  api.set_adoption_rule(uuid, int, text), api.open_support_vote(uuid, uuid), api.cast_support_vote(uuid, app.support_choice),
  api.close_support_vote(uuid), api.add_minority_statement(uuid, text), api.sign_minority_statement(uuid, boolean),
  api.freeze_recommendation(uuid), api.record_handover(uuid, date)
  to authenticated, service_role;
