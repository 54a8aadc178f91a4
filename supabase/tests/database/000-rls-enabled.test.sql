-- Schema-wide guarantees: every table in app has RLS and policies for named roles only; api runs as
-- the caller; every function in api and private pins its search_path; nothing executes for PUBLIC.
begin;
select plan(11);

select ok(
  (select count(*) from pg_class c where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')) >= 4,
  'schema app has its tables (so the checks below are not vacuous)'
);
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p') and not c.relrowsecurity$$,
  'every table in app has row level security enabled'
);
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
      and not exists (select 1 from pg_policy p where p.polrelid = c.oid)$$,
  'every table in app has at least one policy'
);
select is_empty(
  $$select tablename || ': ' || policyname from pg_policies
    where schemaname = 'app' and (cmd = 'ALL' or 'public' = any (roles))$$,
  'no policy in app is "for all" or granted to PUBLIC'
);
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p')
      and has_table_privilege('anon', c.oid, 'insert, update, delete, truncate')$$,
  'anon cannot write to any table in app'
);
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p where p.pronamespace = 'api'::regnamespace and p.prosecdef$$,
  'no function in api is security definer'
);
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace in ('api'::regnamespace, 'private'::regnamespace)
      and not exists (select 1 from unnest(p.proconfig) c where c like 'search_path=%')$$,
  'every function in api and private sets search_path'
);
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace in ('api'::regnamespace, 'private'::regnamespace)
      and has_function_privilege('public', p.oid, 'execute')$$,
  'no function in api or private is executable by PUBLIC'
);
select results_eq(
  $$select p.proname::text collate "default" from pg_proc p
    where p.pronamespace = 'api'::regnamespace and has_function_privilege('anon', p.oid, 'execute')
    order by 1$$,
  array['assembly_draws', 'assembly_exercises', 'assembly_sessions', 'audit_head', 'budget_calendar', 'calendar_feed', 'confirm_response_subscription', 'deliberation_thread', 'deliberation_threads', 'draw_document', 'get_assembly', 'get_session', 'handover_report', 'hearing_invitation', 'hearing_response_file', 'hearing_responses', 'hearings', 'list_assemblies', 'public_recommendations', 'recommendation', 'recruitment_overview', 'register', 'registration_form', 'representativeness', 'respond_to_selection', 'response_citations', 'response_overview', 'round_results', 'selection_invitation', 'submit_hearing_response', 'subscribe_to_responses', 'unsubscribe_from_responses', 'whoami'],
  'anon may execute only the public reads of api and registration with a code'
);
select is_empty(
  $$select p.oid::regprocedure::text from pg_proc p
    where p.pronamespace = 'private'::regnamespace and p.prorettype = 'trigger'::regtype
      and (has_function_privilege('anon', p.oid, 'execute') or has_function_privilege('authenticated', p.oid, 'execute'))$$,
  'the trigger functions in private are not executable by anon or authenticated'
);
select is_empty(
  $$select c.relname from pg_class c
    where c.relnamespace = 'auth'::regnamespace and c.relkind = 'r'
      and (has_table_privilege('anon', c.oid, 'select') or has_table_privilege('authenticated', c.oid, 'select'))$$,
  'anon and authenticated cannot read the tables of auth'
);

select * from finish();
rollback;
