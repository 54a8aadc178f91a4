-- The council's responses cite the hearing responses they rest on: a response (a draft, or a
-- correction's new version) names published hearing responses of its own assembly; once the
-- response is published its citations never change, like the rest of it. Readers see a response's
-- citations exactly when they may read the response.

create table app.response_citations (
  response_id uuid not null references app.responses (id) on delete cascade,
  hearing_response_id uuid not null references app.hearing_responses (id) on delete cascade,
  primary key (response_id, hearing_response_id)
);
create index response_citations_hearing_response_idx on app.response_citations (hearing_response_id);
comment on table app.response_citations is 'Hearing responses a council response cites. Fixed once the response is published.';
alter table app.response_citations enable row level security;

-- Only an unpublished response's citations change, and only to hearing responses that are public
-- (their hearing has closed) and belong to the response's assembly.
create function private.response_citation_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_response uuid := coalesce(new.response_id, old.response_id);
begin
  if exists (select 1 from app.responses x where x.id = v_response and x.published_at is not null) then
    raise exception 'A published response never changes; publish a correction instead'
      using errcode = 'P0001', detail = 'response_published';
  end if;
  if tg_op = 'INSERT' and not exists (
    select 1 from app.hearing_responses hr
    join app.hearings h on h.id = hr.hearing_id
    join app.responses x on x.id = new.response_id
    join app.response_rounds r on r.id = x.round_id
    where hr.id = new.hearing_response_id and h.assembly_id = r.assembly_id
      and private.hearing_is_closed(h.id)) then
    raise exception 'Only a published hearing response of this assembly can be cited'
      using errcode = 'P0001', detail = 'citation_unknown';
  end if;
  return coalesce(new, old);
end
$$;
revoke execute on function private.response_citation_guard() from public;
create trigger response_citation_guard before insert or update or delete on app.response_citations
  for each row execute function private.response_citation_guard();

grant select on app.response_citations to anon;
grant select, insert, delete on app.response_citations to authenticated;
grant all on app.response_citations to service_role;

create policy "Citations are read with their response" on app.response_citations
  for select to anon, authenticated using (response_id in (select x.id from app.responses x));
create policy "The council cites in its drafts" on app.response_citations
  for insert to authenticated with check (response_id in (
    select x.id from app.responses x join app.response_rounds r on r.id = x.round_id
    where x.published_at is null and r.assembly_id in (select private.assemblies_where_i_am('{council}'))));
create policy "The council changes its drafts' citations" on app.response_citations
  for delete to authenticated using (response_id in (
    select x.id from app.responses x join app.response_rounds r on r.id = x.round_id
    where x.published_at is null and r.assembly_id in (select private.assemblies_where_i_am('{council}'))));

-- Saves the draft as api.save_response does and sets its citations, in one transaction.
create function api.save_response_cited(
  round_id uuid, recommendation_id uuid, status app.response_status, explanation text,
  reason text, committee text, case_number text, decision_committee text, meeting_on date,
  decision_text text, progress_pct int, milestones jsonb, correction_note text, cited uuid[]
) returns uuid
language plpgsql security invoker set search_path = ''
as $$
declare
  v_id uuid := api.save_response(save_response_cited.round_id, save_response_cited.recommendation_id,
    save_response_cited.status, save_response_cited.explanation, save_response_cited.reason,
    save_response_cited.committee, save_response_cited.case_number, save_response_cited.decision_committee,
    save_response_cited.meeting_on, save_response_cited.decision_text, save_response_cited.progress_pct,
    save_response_cited.milestones, save_response_cited.correction_note);
begin
  delete from app.response_citations c where c.response_id = v_id
    and c.hearing_response_id <> all (coalesce(save_response_cited.cited, '{}'));
  insert into app.response_citations (response_id, hearing_response_id)
  select v_id, cited_id from unnest(coalesce(save_response_cited.cited, '{}')) as cited_id
  on conflict do nothing;
  return v_id;
end
$$;

-- The citations of an assembly's responses the caller may read, with the cited party's name.
create function api.response_citations(assembly_id uuid)
returns table (response_id uuid, hearing_response_id uuid, party_name text, hearing_title text)
language sql stable security invoker set search_path = ''
as $$
  select c.response_id, c.hearing_response_id, p.name, h.title
  from app.response_citations c
  join app.responses x on x.id = c.response_id
  join app.response_rounds r on r.id = x.round_id
  join app.hearing_responses hr on hr.id = c.hearing_response_id
  join app.hearing_parties p on p.id = hr.party_id
  join app.hearings h on h.id = hr.hearing_id
  where r.assembly_id = response_citations.assembly_id
  order by p.name
$$;

revoke execute on function api.save_response_cited(uuid, uuid, app.response_status, text, text, text, text, text, date, text, int, jsonb, text, uuid[]),
  api.response_citations(uuid) from public;
grant execute on function api.save_response_cited(uuid, uuid, app.response_status, text, text, text, text, text, date, text, int, jsonb, text, uuid[])
  to authenticated, service_role;
grant execute on function api.response_citations(uuid) to anon, authenticated, service_role;
