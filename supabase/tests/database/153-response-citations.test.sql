-- The council's responses cite published hearing responses of their own assembly: only the council
-- sets citations, only on drafts; a published response's citations never change; an open hearing's
-- response cannot be cited (it is not public yet); readers see citations with the response.
begin;
select plan(12);

create temporary table ids (name text primary key, id uuid) on commit drop;
grant select, insert on ids to anon, authenticated, service_role;
insert into ids select kind::text, id from app.response_rounds where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003';

-- A hearing with two responses, then closed; and a second hearing, still open, with one response.
select tests.act_as('klima-byraad@demo.samraad.dk');
create temporary table links on commit drop as
  select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Høring', '', now() + interval '14 days',
    '[{"name": "HovedMED"}, {"name": "Ældrerådet"}]');
grant select on links to anon, authenticated;
select tests.act_as(null);
insert into ids select name, api.submit_hearing_response(token, name || ' svarer.', '[]', null, null, null, null) from links;
select tests.act_as('klima-byraad@demo.samraad.dk');
select api.close_hearing((select h.id from app.hearings h where h.title = 'Høring'));
insert into links select * from api.open_hearing('a55e0b1e-0000-4000-8000-000000000003', 'Åben høring', '', now() + interval '14 days',
  '[{"name": "FOA"}]');
select tests.act_as(null);
insert into ids select 'FOA', api.submit_hearing_response(token, 'FOA svarer.', '[]', null, null, null, null) from links where name = 'FOA';

-- Who may cite ---------------------------------------------------------------------------------------
select tests.act_as('klima01@demo.samraad.dk');
select is(tests.error_of($$select api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[(select id from ids where name = 'HovedMED')])$$), '42501', 'a member cannot cite');
select tests.act_as(null);
select is(tests.error_of($$select api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[(select id from ids where name = 'HovedMED')])$$), '42501', 'anon cannot cite');

select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$select api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[(select id from ids where name = 'FOA')])$$), 'P0001 citation_unknown', 'a response of an open hearing cannot be cited');
select is(tests.error_of($$select api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[gen_random_uuid()])$$), 'P0001 citation_unknown', 'an unknown hearing response cannot be cited');
insert into ids select 'draft', api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen og høringssvarene', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[(select id from ids where name = 'HovedMED'), (select id from ids where name = 'Ældrerådet')]);
select is((select count(*) from api.response_citations('a55e0b1e-0000-4000-8000-000000000003') where response_id = (select id from ids where name = 'draft')),
  2::bigint, 'the council cites two published hearing responses in its draft');
select is(api.save_response_cited((select id from ids where name = 'twelve_months'), '7ec00000-0000-4000-8000-000000000034',
  'pending', 'Under behandling', 'Afventer klimaplanen og høringssvarene', 'Økonomiudvalget', null, null, null, null, null, '[]', '',
  array[(select id from ids where name = 'Ældrerådet')]), (select id from ids where name = 'draft'), 'saving again changes the same draft');
select is((select array_agg(party_name) from api.response_citations('a55e0b1e-0000-4000-8000-000000000003') where response_id = (select id from ids where name = 'draft')),
  array['Ældrerådet'], '… and its citations: one left');

-- Readers ----------------------------------------------------------------------------------------------
select tests.act_as(null);
select is((select count(*) from api.response_citations('a55e0b1e-0000-4000-8000-000000000003')), 0::bigint,
  'anon sees no citation of a draft');
select is(tests.error_of($$insert into app.response_citations values ((select id from ids where name = 'draft'), (select id from ids where name = 'HovedMED'))$$),
  '42501', 'anon cannot add a citation directly');

-- Published: fixed --------------------------------------------------------------------------------------
select tests.act_as('klima-byraad@demo.samraad.dk');
select api.mark_rest_pending((select id from ids where name = 'twelve_months'), 'Økonomiudvalget', 'Afventer budgettet');
select api.publish_response_round((select id from ids where name = 'twelve_months'));
select tests.act_as(null);
select is((select party_name from api.response_citations('a55e0b1e-0000-4000-8000-000000000003') where response_id = (select id from ids where name = 'draft')),
  'Ældrerådet', 'once published, anyone reads the citation with the response');
select tests.act_as('klima-byraad@demo.samraad.dk');
select is(tests.error_of($$insert into app.response_citations values ((select id from ids where name = 'draft'), (select id from ids where name = 'HovedMED'))$$),
  'P0001 response_published', 'the council cannot add a citation to a published response');
reset role;
select is(tests.error_of($$delete from app.response_citations where response_id = (select id from ids where name = 'draft')$$),
  'P0001 response_published', 'nobody, the owner included, removes a published response''s citation');

select * from finish();
