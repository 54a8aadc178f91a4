-- Recommendations, the work on them: drafting by working groups (who may write what), comment
-- threads, amendments to a paragraph of a version (decided by the working group or put to a plenary
-- vote), the support vote (Støtter / Kan leve med / Støtter ikke) with the assembly's adoption rule,
-- minority statements with co-signers, and the audit entries for freezes, closed votes and the
-- handover. Builds on 20261203090100_create_recommendations_core.sql; the api functions are in the
-- next migration.
--
-- Who may do what is decided here, in policies and triggers, so every path is held to it:
--   organisers (facilitator, admin): working groups and their members, any recommendation's text,
--     amendments (accept, reject, send to plenary), votes (open, close), freezing;
--   members of a recommendation's working group: its text, and accepting or rejecting amendments;
--   members of the assembly: comments, amendments, their own votes, minority statements;
--   administrators: the adoption rule and the handover.

-- The adoption rule, per assembly -------------------------------------------------------------------
alter table app.assemblies
  add column adoption_threshold_pct int not null default 75 check (adoption_threshold_pct between 50 and 100),
  add column adoption_base text not null default 'cast' check (adoption_base in ('cast', 'present'));
comment on column app.assemblies.adoption_threshold_pct is 'A recommendation is adopted when at least this share (in %) of the base votes Støtter or Kan leve med.';
comment on column app.assemblies.adoption_base is '''cast'': the base is the votes cast; ''present'': the members present at the voting session (or the votes cast, if more).';

create type app.support_choice as enum ('support', 'accept', 'oppose');
create type app.amendment_status as enum ('proposed', 'plenary', 'accepted', 'rejected');
create type app.plenary_choice as enum ('for', 'against', 'abstain');

-- Comments ------------------------------------------------------------------------------------------
create table app.recommendation_comments (
  id uuid primary key default gen_random_uuid(),
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  parent_id uuid references app.recommendation_comments (id) on delete cascade,
  author_person_id uuid references app.people (id) on delete set null,
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index recommendation_comments_recommendation_idx on app.recommendation_comments (recommendation_id, created_at);
create index recommendation_comments_parent_idx on app.recommendation_comments (parent_id);
create index recommendation_comments_author_idx on app.recommendation_comments (author_person_id);
comment on table app.recommendation_comments is 'A comment on a recommendation, or a reply in its thread (parent_id), by a member or organiser.';
alter table app.recommendation_comments enable row level security;

-- Amendments ----------------------------------------------------------------------------------------
create table app.amendments (
  id uuid primary key default gen_random_uuid(),
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  base_version int not null check (base_version >= 1),
  -- The paragraph (0-based, paragraphs separated by blank lines) of the base version's text.
  paragraph int not null check (paragraph >= 0),
  original_text text not null default '',
  proposed_text text not null check (char_length(proposed_text) between 1 and 5000),
  reason text not null default '' check (char_length(reason) <= 2000),
  proposer_person_id uuid references app.people (id) on delete set null,
  status app.amendment_status not null default 'proposed',
  votes_for int check (votes_for >= 0),
  votes_against int check (votes_against >= 0),
  votes_abstain int check (votes_abstain >= 0),
  decided_at timestamptz,
  result_version int,
  created_at timestamptz not null default now(),
  constraint amendments_decided check ((status in ('accepted', 'rejected')) = (decided_at is not null)),
  constraint amendments_result check (result_version is null or status = 'accepted')
);
create index amendments_recommendation_idx on app.amendments (recommendation_id, created_at);
create index amendments_proposer_idx on app.amendments (proposer_person_id);
comment on table app.amendments is 'A member''s proposed change to one paragraph of a version; accepted (becoming a new version by the proposer) or rejected by the working group, or put to a plenary vote.';
alter table app.amendments enable row level security;

create table app.amendment_votes (
  amendment_id uuid not null references app.amendments (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  choice app.plenary_choice not null,
  voted_at timestamptz not null default now(),
  primary key (amendment_id, person_id)
);
create index amendment_votes_person_idx on app.amendment_votes (person_id);
comment on table app.amendment_votes is 'A member''s vote (for, against, abstain) on an amendment put to the plenary; one per member, changeable while the vote is open.';
alter table app.amendment_votes enable row level security;

-- The support vote ----------------------------------------------------------------------------------
create table app.recommendation_votes (
  recommendation_id uuid primary key references app.recommendations (id) on delete cascade,
  session_id uuid references app.sessions (id) on delete set null,
  -- The assembly's rule when the vote opened: changing the rule later does not change this vote.
  threshold_pct int not null check (threshold_pct between 50 and 100),
  base text not null check (base in ('cast', 'present')),
  opened_at timestamptz not null default now(),
  closed_at timestamptz,
  support int check (support >= 0),
  accept int check (accept >= 0),
  oppose int check (oppose >= 0),
  present int check (present >= 0),
  adopted boolean,
  constraint recommendation_votes_counted check (
    (closed_at is null) = (support is null) and (closed_at is null) = (accept is null)
    and (closed_at is null) = (oppose is null) and (closed_at is null) = (adopted is null)),
  constraint recommendation_votes_present_base check (base = 'cast' or session_id is not null)
);
create index recommendation_votes_session_idx on app.recommendation_votes (session_id);
comment on table app.recommendation_votes is 'The support vote on a recommendation: the rule it is decided by, when it opened and closed, and the counts and result recorded at close.';
alter table app.recommendation_votes enable row level security;

create table app.support_votes (
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  choice app.support_choice not null,
  voted_at timestamptz not null default now(),
  primary key (recommendation_id, person_id)
);
create index support_votes_person_idx on app.support_votes (person_id);
comment on table app.support_votes is 'A member''s support vote (Støtter, Kan leve med, Støtter ikke): one per member, changeable while the vote is open. Organisers read them; the public only the counts.';
alter table app.support_votes enable row level security;

-- Minority statements -------------------------------------------------------------------------------
create table app.minority_statements (
  id uuid primary key default gen_random_uuid(),
  recommendation_id uuid not null references app.recommendations (id) on delete cascade,
  author_person_id uuid references app.people (id) on delete set null,
  body text not null check (char_length(body) between 10 and 4000),
  created_at timestamptz not null default now()
);
create index minority_statements_recommendation_idx on app.minority_statements (recommendation_id, created_at);
create index minority_statements_author_idx on app.minority_statements (author_person_id);
comment on table app.minority_statements is 'A statement by members who disagree with a recommendation, recorded and handed over with it.';
alter table app.minority_statements enable row level security;

create table app.minority_statement_signers (
  statement_id uuid not null references app.minority_statements (id) on delete cascade,
  person_id uuid not null references app.people (id) on delete cascade,
  signed_at timestamptz not null default now(),
  primary key (statement_id, person_id)
);
create index minority_statement_signers_person_idx on app.minority_statement_signers (person_id);
comment on table app.minority_statement_signers is 'Members co-signing a minority statement (the author signs it too).';
alter table app.minority_statement_signers enable row level security;

-- Helpers for the policies ----------------------------------------------------------------------------
create function private.working_groups_i_am_in() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.working_group_id from app.working_group_members m
  where m.person_id in (select private.my_person_ids())
$$;

-- The recommendations whose text the caller may write: those of their working groups, and all of
-- the assemblies they organise.
create function private.recommendations_i_draft() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select r.id from app.recommendations r
  where r.working_group_id in (select private.working_groups_i_am_in())
     or r.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))
$$;

create function private.recommendation_row(target_id uuid) returns app.recommendations
language sql stable security definer set search_path = ''
as $$ select r from app.recommendations r where r.id = target_id $$;

-- The caller's person as a member of the assembly, or null.
create function private.my_member_id(target_assembly_id uuid) returns uuid
language sql stable security definer set search_path = ''
as $$
  select ra.person_id from app.role_assignments ra
  join app.people p on p.id = ra.person_id
  where p.user_id = auth.uid() and ra.assembly_id = target_assembly_id and ra.role = 'member'
  limit 1
$$;

-- Whether the caller is a member of the assembly of the recommendation.
create function private.member_of_recommendation(target_id uuid) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from app.recommendations r
    where r.id = target_id and private.my_member_id(r.assembly_id) is not null)
$$;

-- The recommendations the caller takes part in working on (members and organisers; evaluators read).
create function private.recommendations_i_work_on(roles app.assembly_role[]) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select r.id from app.recommendations r where r.assembly_id in (select private.assemblies_where_i_am(roles))
$$;

-- A participant's name, for those who take part in the same assembly; null for anyone else.
create function private.participant_name(target_person_id uuid, target_assembly_id uuid) returns text
language sql stable security definer set search_path = ''
as $$
  select p.full_name from app.people p
  where p.id = target_person_id
    and private.has_role_in(target_assembly_id)
    and exists (select 1 from app.role_assignments ra where ra.person_id = p.id and ra.assembly_id = target_assembly_id)
$$;

-- The paragraphs of a Markdown text: blocks separated by one or more blank lines.
create function private.paragraphs(body text) returns text[]
language sql immutable set search_path = ''
as $$
  select coalesce(array_agg(t order by n), '{}')
  from unnest(regexp_split_to_array(btrim(coalesce(body, ''), E' \n\r\t'), E'\\n[ \\t]*\\r?\\n\\s*')) with ordinality as u(t, n)
  where t <> ''
$$;

-- The adoption rule (the same as src/lib/recommendations/adoption.ts): adopted when Støtter and Kan
-- leve med together are at least threshold % of the base, compared exactly in integers (no
-- rounding). The base is the votes cast, or the members present (never fewer than the votes cast).
create function private.support_adopted(support int, accept int, oppose int, present int, threshold_pct int, base text)
returns boolean
language sql immutable set search_path = ''
as $$
  select n > 0 and (support + accept) * 100 >= threshold_pct * n
  from (select case when base = 'present' then greatest(coalesce(present, 0), support + accept + oppose)
                    else support + accept + oppose end as n) b
$$;

-- Policies: working groups ----------------------------------------------------------------------------
grant insert, update, delete on app.working_groups, app.working_group_members to authenticated;
create policy "Organisers create working groups" on app.working_groups
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers rename working groups" on app.working_groups
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers remove working groups" on app.working_groups
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers add members to working groups" on app.working_group_members
  for insert to authenticated with check (
    working_group_id in (select g.id from app.working_groups g
      where g.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
    and person_id in (select ra.person_id from app.role_assignments ra join app.working_groups g on g.assembly_id = ra.assembly_id
      where g.id = working_group_id and ra.role = 'member'));
create policy "Organisers remove members from working groups" on app.working_group_members
  for delete to authenticated using (
    working_group_id in (select g.id from app.working_groups g
      where g.assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))));

-- Policies: recommendations and versions -----------------------------------------------------------
grant insert, update, delete on app.recommendations to authenticated;
grant insert on app.recommendation_versions to authenticated;
create policy "Working groups and organisers start recommendations" on app.recommendations
  for insert to authenticated with check (
    status = 'draft' and frozen_at is null and handed_over_at is null
    and (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}'))
         or (working_group_id in (select private.working_groups_i_am_in())
             and assembly_id in (select private.assemblies_where_i_am('{member}')))));
create policy "Organisers update recommendations" on app.recommendations
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Organisers remove draft recommendations" on app.recommendations
  for delete to authenticated using (
    status = 'draft' and assembly_id in (select private.assemblies_where_i_am('{facilitator,admin}')));
create policy "Drafters save versions of drafts" on app.recommendation_versions
  for insert to authenticated with check (
    recommendation_id in (select private.recommendations_i_draft())
    and (select (private.recommendation_row(recommendation_id)).status) = 'draft'
    and (author_person_id in (select private.my_person_ids())
         or exists (select 1 from app.amendments a
           where a.recommendation_id = recommendation_versions.recommendation_id and a.status = 'accepted'
             and a.result_version = recommendation_versions.version
             and a.proposer_person_id = recommendation_versions.author_person_id)));

-- Policies: comments ----------------------------------------------------------------------------------
grant select on app.recommendation_comments to anon;
grant select, insert on app.recommendation_comments to authenticated;
create policy "Participants read the comments" on app.recommendation_comments
  for select to authenticated using (recommendation_id in (select private.recommendations_i_work_on('{member,facilitator,admin,evaluator}')));
create policy "Members and organisers comment in their own name" on app.recommendation_comments
  for insert to authenticated with check (
    author_person_id in (select private.my_person_ids())
    and recommendation_id in (select private.recommendations_i_work_on('{member,facilitator,admin}')));

-- Policies: amendments --------------------------------------------------------------------------------
grant select on app.amendments, app.amendment_votes to anon;
grant select, insert, update on app.amendments to authenticated;
grant select, insert, update on app.amendment_votes to authenticated;
create policy "Participants read the amendments" on app.amendments
  for select to authenticated using (recommendation_id in (select private.recommendations_i_work_on('{member,facilitator,admin,evaluator}')));
create policy "Members propose amendments in their own name" on app.amendments
  for insert to authenticated with check (
    status = 'proposed' and proposer_person_id = private.my_member_id((private.recommendation_row(recommendation_id)).assembly_id));
create policy "Working groups and organisers decide amendments" on app.amendments
  for update to authenticated
  using (recommendation_id in (select private.recommendations_i_draft()))
  with check (recommendation_id in (select private.recommendations_i_draft()));
create policy "Members read their own plenary votes, organisers all" on app.amendment_votes
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or amendment_id in (select a.id from app.amendments a
      where a.recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}'))));
create policy "Members vote on amendments put to the plenary" on app.amendment_votes
  for insert to authenticated with check (
    person_id in (select private.my_person_ids())
    and amendment_id in (select a.id from app.amendments a
      where a.status = 'plenary' and person_id = private.my_member_id((private.recommendation_row(a.recommendation_id)).assembly_id)));
create policy "Members change their plenary vote while it is open" on app.amendment_votes
  for update to authenticated
  using (person_id in (select private.my_person_ids()))
  with check (
    person_id in (select private.my_person_ids())
    and amendment_id in (select a.id from app.amendments a where a.status = 'plenary'));

-- Policies: the support vote ----------------------------------------------------------------------------
grant select on app.recommendation_votes, app.support_votes to anon;
grant select, insert, update, delete on app.recommendation_votes to authenticated;
grant select, insert, update on app.support_votes to authenticated;
create policy "Vote results are read with their recommendation" on app.recommendation_votes
  for select to anon, authenticated using (recommendation_id in (select r.id from app.recommendations r));
create policy "Organisers open votes" on app.recommendation_votes
  for insert to authenticated with check (recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}')));
create policy "Organisers close votes" on app.recommendation_votes
  for update to authenticated
  using (recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}')))
  with check (recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}')));
create policy "Organisers cancel open votes" on app.recommendation_votes
  for delete to authenticated using (
    closed_at is null and recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}')));
create policy "Members read their own support votes, organisers all" on app.support_votes
  for select to authenticated using (
    person_id in (select private.my_person_ids())
    or recommendation_id in (select private.recommendations_i_work_on('{facilitator,admin}')));
create policy "Members vote while the vote is open" on app.support_votes
  for insert to authenticated with check (
    person_id = private.my_member_id((private.recommendation_row(recommendation_id)).assembly_id)
    and (private.recommendation_row(recommendation_id)).status = 'voting');
create policy "Members change their vote while the vote is open" on app.support_votes
  for update to authenticated
  using (person_id in (select private.my_person_ids()))
  with check (
    person_id = private.my_member_id((private.recommendation_row(recommendation_id)).assembly_id)
    and (private.recommendation_row(recommendation_id)).status = 'voting');

-- Policies: minority statements -------------------------------------------------------------------------
grant select on app.minority_statements, app.minority_statement_signers to anon;
grant select, insert on app.minority_statements to authenticated;
grant select, insert, delete on app.minority_statement_signers to authenticated;
create policy "Minority statements are read with their recommendation" on app.minority_statements
  for select to anon, authenticated using (recommendation_id in (select r.id from app.recommendations r));
create policy "Members write minority statements until the handover" on app.minority_statements
  for insert to authenticated with check (
    author_person_id = private.my_member_id((private.recommendation_row(recommendation_id)).assembly_id)
    and (private.recommendation_row(recommendation_id)).handed_over_at is null);
create policy "Signatures are read with their statement" on app.minority_statement_signers
  for select to anon, authenticated using (statement_id in (select s.id from app.minority_statements s));
create policy "Members co-sign minority statements until the handover" on app.minority_statement_signers
  for insert to authenticated with check (
    statement_id in (select s.id from app.minority_statements s
      where person_id = private.my_member_id((private.recommendation_row(s.recommendation_id)).assembly_id)
        and (private.recommendation_row(s.recommendation_id)).handed_over_at is null));
create policy "Members withdraw their signature until the handover" on app.minority_statement_signers
  for delete to authenticated using (
    person_id in (select private.my_person_ids())
    and statement_id in (select s.id from app.minority_statements s
      where (private.recommendation_row(s.recommendation_id)).handed_over_at is null));

grant all on app.recommendation_comments, app.amendments, app.amendment_votes, app.recommendation_votes,
  app.support_votes, app.minority_statements, app.minority_statement_signers to service_role;

-- Triggers: the rules every path is held to -------------------------------------------------------------

-- Status moves only with its vote: draft → voting when a vote is open, voting → adopted / not_adopted
-- as the closed vote decided, draft ↔ withdrawn; the working group belongs to the same assembly;
-- only an administrator marks the handover.
create function private.recommendations_work_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v app.recommendation_votes;
begin
  if new.working_group_id is not null and not exists (
    select 1 from app.working_groups g where g.id = new.working_group_id and g.assembly_id = new.assembly_id) then
    raise exception 'The working group belongs to another assembly' using errcode = 'P0001', detail = 'working_group_elsewhere';
  end if;
  if tg_op = 'INSERT' then
    return new;
  end if;
  if new.status is distinct from old.status then
    select * into v from app.recommendation_votes rv where rv.recommendation_id = new.id;
    if not (
      (old.status = 'draft' and new.status = 'voting' and v.opened_at is not null and v.closed_at is null)
      or (old.status = 'voting' and new.status = 'draft' and v.recommendation_id is null)
      or (old.status = 'voting' and new.status = 'adopted' and v.closed_at is not null and v.adopted)
      or (old.status = 'voting' and new.status = 'not_adopted' and v.closed_at is not null and not v.adopted)
      or (old.status in ('draft', 'not_adopted') and new.status = 'withdrawn')
      or (old.status = 'withdrawn' and new.status = 'draft')) then
      raise exception 'The status can change only with its vote (% to %)', old.status, new.status
        using errcode = 'P0001', detail = 'status_change_refused';
    end if;
  end if;
  if new.handed_over_at is distinct from old.handed_over_at and auth.uid() is not null
     and new.assembly_id not in (select private.assemblies_where_i_am('{admin}')) then
    raise exception 'Only an administrator records the handover' using errcode = '42501';
  end if;
  return new;
end
$$;
create trigger recommendations_work_guard before insert or update on app.recommendations
  for each row execute function private.recommendations_work_guard();

-- Amendments: proposed against the latest version, to a paragraph it has (its text is copied from
-- the version); decided only once; sent to and closed at the plenary by organisers only; accepted
-- only while its version is still the latest.
create function private.amendments_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  latest int;
  paras text[];
  r app.recommendations;
begin
  select * into r from app.recommendations x where x.id = new.recommendation_id;
  select max(v.version) into latest from app.recommendation_versions v where v.recommendation_id = new.recommendation_id;
  if tg_op = 'INSERT' then
    if r.status <> 'draft' then
      raise exception 'Amendments are proposed while the recommendation is a draft'
        using errcode = 'P0001', detail = 'recommendation_not_draft';
    end if;
    if new.base_version is distinct from latest then
      raise exception 'The amendment is to version %, but the latest version is %', new.base_version, latest
        using errcode = 'P0001', detail = 'amendment_outdated', hint = 'Read the latest version and propose the change to it.';
    end if;
    select private.paragraphs(v.body_md) into paras from app.recommendation_versions v
    where v.recommendation_id = new.recommendation_id and v.version = new.base_version;
    if new.paragraph >= coalesce(array_length(paras, 1), 0) then
      raise exception 'The version has no paragraph %', new.paragraph + 1 using errcode = 'P0001', detail = 'paragraph_missing';
    end if;
    new.original_text := paras[new.paragraph + 1];
    if btrim(new.proposed_text) = btrim(new.original_text) then
      raise exception 'The proposal is the same as the paragraph' using errcode = 'P0001', detail = 'amendment_unchanged';
    end if;
    new.status := 'proposed';
    new.decided_at := null;
    new.result_version := null;
    return new;
  end if;
  if (new.recommendation_id, new.base_version, new.paragraph, new.original_text, new.proposed_text, new.reason, new.proposer_person_id)
     is distinct from (old.recommendation_id, old.base_version, old.paragraph, old.original_text, old.proposed_text, old.reason, old.proposer_person_id) then
    raise exception 'An amendment''s text never changes' using errcode = 'P0001', detail = 'amendment_immutable';
  end if;
  if new.status is distinct from old.status then
    if old.status in ('accepted', 'rejected') then
      raise exception 'The amendment is already decided' using errcode = 'P0001', detail = 'amendment_decided';
    end if;
    if (new.status = 'plenary' or old.status = 'plenary') and auth.uid() is not null
       and not private.is_organiser_of(r.assembly_id) then
      raise exception 'Only a facilitator puts an amendment to the plenary and closes its vote' using errcode = '42501';
    end if;
    if new.status = 'accepted' and new.base_version is distinct from latest then
      raise exception 'The amendment is to version %, but the latest version is %', new.base_version, latest
        using errcode = 'P0001', detail = 'amendment_outdated', hint = 'Propose the change again against the latest version.';
    end if;
    new.decided_at := case when new.status in ('accepted', 'rejected') then now() end;
  end if;
  return new;
end
$$;
create trigger amendments_guard before insert or update on app.amendments
  for each row execute function private.amendments_guard();

-- A closed vote never changes; counts are set only when closing.
create function private.recommendation_votes_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.closed_at is not null then
    raise exception 'The vote is closed' using errcode = 'P0001', detail = 'vote_closed';
  end if;
  if (new.recommendation_id, new.threshold_pct, new.base, new.opened_at) is distinct from
     (old.recommendation_id, old.threshold_pct, old.base, old.opened_at) then
    raise exception 'The rule of an open vote does not change' using errcode = 'P0001', detail = 'vote_rule_fixed';
  end if;
  return new;
end
$$;
create trigger recommendation_votes_guard before update on app.recommendation_votes
  for each row execute function private.recommendation_votes_guard();

-- Audit entries: ids, counts and hashes only.
create function private.audit_recommendation_frozen() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.audit_append(new.assembly_id, 'recommendation.frozen', new.id,
    jsonb_build_object('number', new.number, 'version', new.frozen_version, 'sha256', new.frozen_sha256));
  return null;
end
$$;
create trigger audit_recommendation_frozen after update of frozen_at on app.recommendations
  for each row when (old.frozen_at is null and new.frozen_at is not null)
  execute function private.audit_recommendation_frozen();

create function private.audit_support_vote_closed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.audit_append((select r.assembly_id from app.recommendations r where r.id = new.recommendation_id),
    'recommendation.vote_closed', new.recommendation_id,
    jsonb_build_object('support', new.support, 'accept', new.accept, 'oppose', new.oppose,
      'present', new.present, 'threshold_pct', new.threshold_pct, 'base', new.base, 'adopted', new.adopted));
  return null;
end
$$;
create trigger audit_support_vote_closed after update of closed_at on app.recommendation_votes
  for each row when (old.closed_at is null and new.closed_at is not null)
  execute function private.audit_support_vote_closed();

create function private.audit_assembly_handed_over() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.audit_append(new.id, 'assembly.handed_over', null,
    jsonb_build_object('handover_on', new.handover_on,
      'recommendations', (select jsonb_agg(jsonb_build_object('id', r.id, 'number', r.number, 'sha256', r.frozen_sha256) order by r.number)
        from app.recommendations r where r.assembly_id = new.id and r.handed_over_at is not null)));
  return null;
end
$$;
create trigger audit_assembly_handed_over after update of phase on app.assemblies
  for each row when (old.phase is distinct from new.phase and new.phase = 'handed_over')
  execute function private.audit_assembly_handed_over();

revoke execute on all functions in schema private from public;
grant execute on function private.working_groups_i_am_in(), private.recommendations_i_draft(),
  private.recommendation_row(uuid), private.my_member_id(uuid), private.member_of_recommendation(uuid),
  private.recommendations_i_work_on(app.assembly_role[]), private.participant_name(uuid, uuid),
  private.paragraphs(text), private.support_adopted(int, int, int, int, int, text)
  to anon, authenticated, service_role;
