-- Evaluation questionnaires: answered once per person, by members (member questionnaire) and
-- organisers (organiser questionnaire) only; answers are anonymous and never read row by row;
-- evaluators and administrators read the results in aggregate, hidden below 5 answers, and the
-- process records read-only.
begin;
select plan(20);

select tests.act_as(null);
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 4}')$$),
  '42501', 'anon cannot answer');
select is(tests.error_of($$select api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'anon reads no results');
select is((select count(*) from app.evaluation_items), 19::bigint, 'anyone reads the questionnaire items');

select tests.act_as('medlem01@demo.samraad.dk');
select is(api.my_evaluations('a55e0b1e-0000-4000-8000-000000000001'), '[{"audience": "member", "answered": false}]'::jsonb,
  'a member may answer the member questionnaire');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 7}')$$),
  'P0001 evaluation_invalid', 'an answer on the scale is 1 to 5');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"o_inclusion": 3}')$$),
  'P0001 evaluation_invalid', 'an organiser item is not in the member questionnaire');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 4, "m_open": "Godt forløb"}')$$),
  null, 'a member answers');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 2}')$$),
  'P0001 evaluation_answered', '… once');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'organiser', '{"o_inclusion": 2}')$$),
  '42501', 'a member cannot answer the organisers'' questionnaire');
select is(tests.error_of($$select count(*) from app.evaluation_answers$$), '42501', 'a member cannot read answers');
select is(tests.error_of($$select api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member reads no results');
select is(tests.error_of($$select api.evaluation_records('a55e0b1e-0000-4000-8000-000000000001')$$), '42501', 'a member reads no process records');

select tests.act_as('facilitator@demo.samraad.dk');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'organiser', '{"o_inclusion": 5}')$$),
  null, 'a facilitator answers the organisers'' questionnaire');
select is(tests.error_of($$select count(*) from app.evaluation_answers$$), '42501', 'a facilitator cannot read answers');

select tests.act_as('evaluator@demo.samraad.dk');
select is((select i from jsonb_array_elements(api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001') -> 'items') i where i ->> 'key' = 'm_heard'),
  '{"key": "m_heard", "audience": "member", "criterion": "deliberative_experience", "kind": "likert", "n": 1, "hidden": true, "mean": null, "distribution": null, "texts": null}'::jsonb,
  'one answer is counted but hidden');
select is(tests.error_of($$select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 4}')$$),
  '42501', 'the evaluator does not answer as a member');

select tests.act_as('medlem02@demo.samraad.dk');
select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 5}');
select tests.act_as('medlem03@demo.samraad.dk');
select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 5}');
select tests.act_as('medlem04@demo.samraad.dk');
select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 3, "m_open": "For lidt tid"}');
select tests.act_as('medlem05@demo.samraad.dk');
select api.submit_evaluation('a55e0b1e-0000-4000-8000-000000000001', 'member', '{"m_heard": 4}');

select tests.act_as('evaluator@demo.samraad.dk');
select is((select i -> 'mean' from jsonb_array_elements(api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001') -> 'items') i where i ->> 'key' = 'm_heard'),
  '4.20'::jsonb, 'from five answers the mean is shown');
select is((select i -> 'texts' from jsonb_array_elements(api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001') -> 'items') i where i ->> 'key' = 'm_open'),
  'null'::jsonb, 'two open answers stay hidden');
select is((api.evaluation_results('a55e0b1e-0000-4000-8000-000000000001') -> 'respondents'), '{"member": 5, "organiser": 1}'::jsonb,
  'how many answered each questionnaire');
select is(tests.error_of($$select api.evaluation_records('a55e0b1e-0000-4000-8000-000000000001')$$), null, 'the evaluator reads the process records');

select * from finish();
rollback;
