-- Recommendations: who may draft, comment, amend, vote, write minority statements, freeze and hand
-- over — per role, anonymous, an outsider (member of another assembly) and the council included;
-- concurrent saves never overwrite each other; one support vote per member and none after the vote
-- closes; frozen text cannot change for any role; the adoption rule's edge cases; audit entries.
begin;
select plan(67);

create temp table fixture (name text primary key, id uuid);
grant all on fixture to anon, authenticated;
create function pg_temp.f(key text) returns uuid language sql as $$ select id from fixture where name = key $$;
grant execute on function pg_temp.f(text) to anon, authenticated;

-- The adoption rule ------------------------------------------------------------------------------------
select is(private.support_adopted(3, 0, 1, null, 75, 'cast'), true, 'exactly 75 % of the votes cast is adopted');
select is(private.support_adopted(1499, 0, 501, null, 75, 'cast'), false, '74.95 % is not adopted (no rounding up)');
select is(private.support_adopted(0, 0, 0, null, 75, 'cast'), false, 'no votes cast: not adopted');
select is(private.support_adopted(1, 2, 1, null, 75, 'cast'), true, 'Kan leve med counts towards adoption');
select is(private.support_adopted(3, 0, 0, 5, 75, 'present'), false, 'with the present as base, 3 of 5 present is not enough');
select is(private.support_adopted(3, 1, 0, 2, 75, 'present'), true, 'the base is never fewer than the votes cast');

-- Reading drafts before the handover ---------------------------------------------------------------------
select tests.act_as(null);
select is((select count(*) from app.recommendations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 0::bigint,
  'anon reads no draft of a public assembly');
select is(api.recommendation('7ec00000-0000-4000-8000-000000000001'), null, 'anon gets nothing for a draft');
select is(tests.error_of($$select api.create_recommendation('a55e0b1e-0000-4000-8000-000000000001', null, 'recommendation', 'Anon', 'x')$$),
  '42501', 'anon cannot draft');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is((select count(*) from app.recommendations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 0::bigint,
  'an outsider reads no draft');
select is((select count(*) from app.recommendation_comments), 0::bigint, 'an outsider reads no comment');
select is(tests.error_of($$select api.create_recommendation('a55e0b1e-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 'recommendation', 'Udefra', 'x')$$),
  '42501', 'an outsider cannot draft');
select tests.act_as('byraad@demo.samraad.dk');
select is((select count(*) from app.recommendations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'), 2::bigint,
  'the council reads the drafts');
select is(tests.error_of($$select api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 2, 'Byrådet', 'Tekst')$$),
  '42501', 'the council cannot save a version');

-- Working groups -----------------------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select is(tests.error_of($$select api.create_working_group('a55e0b1e-0000-4000-8000-000000000001', 'Egen gruppe')$$),
  '42501', 'a member cannot create a working group');
select tests.act_as('facilitator@demo.samraad.dk');
insert into fixture select 'group', api.create_working_group('a55e0b1e-0000-4000-8000-000000000001', 'Beskæftigelse');
select lives_ok($$select api.set_working_group_member(pg_temp.f('group'), 'c0000000-0000-4000-8000-000000000020', true)$$,
  'a facilitator adds a member to a working group');
select is(tests.error_of($$select api.set_working_group_member(pg_temp.f('group'), 'd0000000-0000-4000-8000-000000000001', true)$$),
  '42501', 'only members of the assembly join its working groups');

-- Drafting and concurrent saves ---------------------------------------------------------------------------
select tests.act_as('medlem20@demo.samraad.dk');
select is(tests.error_of($$select api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 2, 'Ikke min gruppe', 'Tekst')$$),
  '42501', 'a member outside the working group cannot save its text');
insert into fixture select 'own', api.create_recommendation('a55e0b1e-0000-4000-8000-000000000001', pg_temp.f('group'), 'recommendation',
  'Flere i job', 'Jobcentret bør ...');
select is((select number from app.recommendations where id = pg_temp.f('own')), 3, 'a working group member starts a recommendation, numbered next');
select is(tests.error_of($$select api.create_recommendation('a55e0b1e-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 'recommendation', 'Fremmed gruppe', 'x')$$),
  '42501', 'but not in another working group');
select is(tests.error_of($$select api.create_recommendation('a55e0b1e-0000-4000-8000-000000000001', pg_temp.f('group'), 'method', 'Metode', 'x', '', '{}', null, '[]')$$),
  'P0001 criteria_invalid', 'a method needs criteria with weights');
select tests.act_as('medlem01@demo.samraad.dk');
select is(api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 2, 'Forebyggelse før pleje',
  E'Kommunen bør flytte 3 mio. kr. om året fra pleje til forebyggelse.\n\nEffekten skal måles efter to år.'), 3,
  'a working group member saves a new version');
select tests.act_as('medlem02@demo.samraad.dk');
select is(tests.error_of($$select api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 2, 'Forebyggelse før pleje', 'Min tekst')$$),
  'P0001 version_conflict', 'a save based on an older version is refused, not overwriting');
select is(tests.error_of($$update app.recommendation_versions set body_md = 'x' where recommendation_id = '7ec00000-0000-4000-8000-000000000001'$$),
  '42501', 'a member cannot change a saved version directly');

-- Comments -------------------------------------------------------------------------------------------------
select tests.act_as('medlem30@demo.samraad.dk');
insert into fixture select 'comment', api.comment_on_recommendation('7ec00000-0000-4000-8000-000000000001', 'Hvad med pårørende?');
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.comment_on_recommendation('7ec00000-0000-4000-8000-000000000001', 'Godt spørgsmål', pg_temp.f('comment'))$$,
  'a facilitator replies in the thread');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.comment_on_recommendation('7ec00000-0000-4000-8000-000000000001', 'Byrådet mener')$$),
  '42501', 'the council does not comment on drafts');
select tests.act_as('medlem01@demo.samraad.dk');
select is((select count(*) from app.recommendation_comments where recommendation_id = '7ec00000-0000-4000-8000-000000000001'), 2::bigint,
  'members read the thread');

-- Amendments --------------------------------------------------------------------------------------------------
select tests.act_as('medlem30@demo.samraad.dk');
select is(tests.error_of($$select api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 2, 0, 'Gammel tekst')$$),
  'P0001 amendment_outdated', 'an amendment to an outdated version is refused');
select is(tests.error_of($$select api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 3, 5, 'Ny')$$),
  'P0001 paragraph_missing', 'an amendment to a paragraph the version lacks is refused');
insert into fixture select 'amendment', api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 3, 1,
  'Effekten skal måles efter to år og offentliggøres.', 'Åbenhed');
select is((select original_text from app.amendments where id = pg_temp.f('amendment')), 'Effekten skal måles efter to år.',
  'the amendment keeps the paragraph it changes');
select is(tests.error_of($$select api.decide_amendment(pg_temp.f('amendment'), 'accept')$$), '42501',
  'the proposer (outside the working group) cannot accept it');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 3, 0, 'Byrådet')$$),
  '42501', 'the council cannot propose amendments');
select tests.act_as('medlem01@demo.samraad.dk');
select is(tests.error_of($$select api.decide_amendment(pg_temp.f('amendment'), 'plenary')$$), '42501',
  'a working group member cannot send it to the plenary');
select is(api.decide_amendment(pg_temp.f('amendment'), 'accept'), 4, 'the working group accepts it: version 4');
select is((select (author_person_id, body_md) from app.recommendation_versions where recommendation_id = '7ec00000-0000-4000-8000-000000000001' and version = 4),
  ('c0000000-0000-4000-8000-000000000030'::uuid, E'Kommunen bør flytte 3 mio. kr. om året fra pleje til forebyggelse.\n\nEffekten skal måles efter to år og offentliggøres.'::text),
  'the new version is authored by the proposer, with the paragraph replaced');
select is(tests.error_of($$select api.decide_amendment(pg_temp.f('amendment'), 'reject')$$), 'P0001 amendment_decided',
  'a decided amendment stays decided');

-- Two amendments to version 4: the second is outdated once the first is accepted.
select tests.act_as('medlem31@demo.samraad.dk');
insert into fixture select 'a1', api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 4, 0, 'Kommunen bør flytte 4 mio. kr. om året.');
insert into fixture select 'a2', api.propose_amendment('7ec00000-0000-4000-8000-000000000001', 4, 0, 'Kommunen bør flytte 1 mio. kr. om året.');
select tests.act_as('facilitator@demo.samraad.dk');
select lives_ok($$select api.decide_amendment(pg_temp.f('a1'), 'plenary')$$, 'the facilitator puts an amendment to the plenary');
select tests.act_as('medlem32@demo.samraad.dk');
select lives_ok($$select api.vote_on_amendment(pg_temp.f('a1'), 'for')$$, 'a member votes on it');
select lives_ok($$select api.vote_on_amendment(pg_temp.f('a1'), 'against')$$, 'and changes the vote while it is open');
select tests.act_as('medlem33@demo.samraad.dk');
select api.vote_on_amendment(pg_temp.f('a1'), 'for');
select tests.act_as('medlem34@demo.samraad.dk');
select api.vote_on_amendment(pg_temp.f('a1'), 'for');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$insert into app.amendment_votes (amendment_id, person_id, choice) values (pg_temp.f('a1'), 'd0000000-0000-4000-8000-000000000001', 'for')$$),
  '42501', 'an outsider cannot vote on an amendment');
select tests.act_as('facilitator@demo.samraad.dk');
select is(api.close_amendment_vote(pg_temp.f('a1')), '{"for": 2, "against": 1, "abstain": 0, "accepted": true, "version": 5}'::jsonb,
  'the plenary majority accepts it (one vote per member): version 5');
select is(tests.error_of($$select api.decide_amendment(pg_temp.f('a2'), 'accept')$$), 'P0001 amendment_outdated',
  'an amendment whose version is no longer the latest cannot be accepted');
select tests.act_as('medlem32@demo.samraad.dk');
select is(tests.error_of($$select api.vote_on_amendment(pg_temp.f('a1'), 'for')$$), 'P0001 vote_closed', 'no plenary vote after it closed');

-- The support vote ---------------------------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select is(tests.error_of($$select api.open_support_vote('7ec00000-0000-4000-8000-000000000001')$$), '42501', 'a member cannot open the vote');
select is(tests.error_of($$select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support')$$), 'P0001 vote_closed',
  'no vote before it opens');
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$update app.recommendations set status = 'adopted' where id = '7ec00000-0000-4000-8000-000000000002'$$),
  'P0001 status_change_refused', 'nobody adopts a recommendation without its vote');
select lives_ok($$select api.open_support_vote('7ec00000-0000-4000-8000-000000000001', '5e000000-0000-4000-8000-000000000010')$$,
  'the facilitator opens the vote');
select tests.act_as('medlem01@demo.samraad.dk');
select is(tests.error_of($$select api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 5, 'Under afstemning', 'x')$$),
  'P0001 recommendation_not_draft', 'the text does not change while the vote is open');
select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'oppose');
select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support');
select is((select count(*) from app.support_votes where recommendation_id = '7ec00000-0000-4000-8000-000000000001'), 1::bigint,
  'voting again changes the one vote (and a member reads only their own)');
select is(tests.error_of($$insert into app.support_votes (recommendation_id, person_id, choice) values ('7ec00000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'accept')$$),
  '23505', 'a second vote row for a member is refused');
select tests.act_as('medlem02@demo.samraad.dk');
select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'accept');
select tests.act_as('medlem03@demo.samraad.dk');
select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support');
select tests.act_as('medlem04@demo.samraad.dk');
select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'oppose');
select tests.act_as('byraad@demo.samraad.dk');
select is(tests.error_of($$select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support')$$), '42501', 'the council cannot vote');
select tests.act_as('dagtilbud01@demo.samraad.dk');
select is(tests.error_of($$select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support')$$), '42501', 'an outsider cannot vote');
select tests.act_as('facilitator@demo.samraad.dk');
select is((api.close_support_vote('7ec00000-0000-4000-8000-000000000001') - 'present'),
  '{"support": 2, "accept": 1, "oppose": 1, "adopted": true}'::jsonb, 'closing counts the votes: 3 of 4 is 75 %, adopted');
select tests.act_as('medlem05@demo.samraad.dk');
select is(tests.error_of($$select api.cast_support_vote('7ec00000-0000-4000-8000-000000000001', 'support')$$), 'P0001 vote_closed',
  'no vote after the vote closed');
select is(tests.error_of($$insert into app.support_votes (recommendation_id, person_id, choice) values ('7ec00000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000005', 'support')$$),
  '42501', 'not even directly');

-- Minority statements -------------------------------------------------------------------------------------------
select tests.act_as('medlem04@demo.samraad.dk');
insert into fixture select 'statement', api.add_minority_statement('7ec00000-0000-4000-8000-000000000001',
  'Vi mener, at plejen ikke må beskæres, før forebyggelsen har vist sig.');
select tests.act_as('medlem06@demo.samraad.dk');
select lives_ok($$select api.sign_minority_statement(pg_temp.f('statement'), true)$$, 'another member co-signs it');
select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.add_minority_statement('7ec00000-0000-4000-8000-000000000001', 'Facilitatoren er uenig i dette.')$$),
  '42501', 'only members write minority statements');

-- Freezing and the handover ---------------------------------------------------------------------------------------
select tests.act_as('medlem01@demo.samraad.dk');
select is(tests.error_of($$select api.freeze_recommendation('7ec00000-0000-4000-8000-000000000001')$$), '42501', 'a member cannot freeze');
select tests.act_as('facilitator@demo.samraad.dk');
select is(api.freeze_recommendation('7ec00000-0000-4000-8000-000000000001'),
  (select private.recommendation_sha256(title, body_md) from app.recommendation_versions
   where recommendation_id = '7ec00000-0000-4000-8000-000000000001' and version = 5), 'the facilitator freezes it at version 5 with its hash');
select is(tests.error_of($$select api.save_recommendation('7ec00000-0000-4000-8000-000000000001', 5, 'Efter frysning', 'x')$$),
  'P0001 recommendation_frozen', 'frozen text cannot change, for a facilitator either');
select is(tests.error_of($$select api.record_handover('a55e0b1e-0000-4000-8000-000000000001', '2027-03-15')$$), '42501',
  'a facilitator cannot record the handover');
select tests.act_as('admin@demo.samraad.dk');
select is(tests.error_of($$update app.recommendations set frozen_sha256 = repeat('0', 64) where id = '7ec00000-0000-4000-8000-000000000001'$$),
  'P0001 recommendation_frozen', 'an administrator cannot change the frozen hash');
select is(api.record_handover('a55e0b1e-0000-4000-8000-000000000001', '2027-03-15'), 1, 'the administrator records the handover');
select is((select (phase, handover_on) from app.assemblies where id = 'a55e0b1e-0000-4000-8000-000000000001'),
  ('handed_over'::app.assembly_phase, '2027-03-15'::date), 'the assembly is handed over on the date given');
select is((select array_agg(action order by seq) from (select action, seq from app.audit_log
  where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001'
    and action in ('recommendation.vote_closed', 'recommendation.frozen', 'recommendation.handed_over', 'assembly.handed_over')
  order by seq desc limit 4) x),
  array['recommendation.vote_closed', 'recommendation.frozen', 'recommendation.handed_over', 'assembly.handed_over'],
  'the vote, the freeze and the handover are in the audit chain, once each');

-- After the handover, the public reads the handed-over recommendation, its vote and its versions.
select tests.act_as(null);
select is((select jsonb_array_length(api.public_recommendations('a55e0b1e-0000-4000-8000-000000000001') -> 0 -> 'versions')), 5,
  'anon reads the handed-over recommendation with all five versions');
select is((select count(*) from app.support_votes), 0::bigint, 'but no individual vote, only the counts');

select * from finish();
rollback;
