-- The audit chain: appends link each entry to the one before; no role, the owner included, can
-- change, remove or truncate entries; readers see what their assembly's visibility allows.
begin;
select plan(12);

select lives_ok($$select private.audit_append('a55e0b1e-0000-4000-8000-000000000001', 'test.first', null, '{"n": 1}')$$,
  'the owner appends an entry');
select lives_ok($$select private.audit_append('a55e0b1e-0000-4000-8000-000000000002', 'test.second', null, '{"n": 2}')$$,
  'and another, in another assembly');
select is(
  (select l2.prev_hash from app.audit_log l2 where l2.action = 'test.second'),
  (select l1.hash from app.audit_log l1 where l1.action = 'test.first'),
  'each entry carries the hash of the one before');
select is(
  (select hash from app.audit_log where action = 'test.first'),
  (select encode(sha256(convert_to(private.audit_canonical(seq, prev_hash, at, assembly_id, action, subject_id, details), 'UTF8')), 'hex')
   from app.audit_log where action = 'test.first'),
  'the hash is the SHA-256 of the canonical line');
select is((select count(*) from app.audit_log a join app.audit_log b on b.seq = a.seq + 1 where b.prev_hash <> a.hash), 0::bigint,
  'the whole chain links up');

select throws_ok($$update app.audit_log set details = '{}' where action = 'test.first'$$, '42501', null,
  'the owner cannot change an entry');
select throws_ok($$delete from app.audit_log where action = 'test.first'$$, '42501', null,
  'the owner cannot remove an entry');
select throws_ok($$truncate app.audit_log$$, '42501', null, 'the owner cannot truncate the log');

select tests.act_as(null);
select is((select count(*) from app.audit_log where action like 'test.%'), 1::bigint,
  'anon reads the entries of public assemblies only');
select throws_ok($$select private.audit_append(null, 'test.forged', null, '{}')$$, '42501', null,
  'anon cannot append');
select tests.act_as('medlem01@demo.samraad.dk');
select throws_ok($$select private.audit_append(null, 'test.forged', null, '{}')$$, '42501', null,
  'a member cannot append');
select throws_ok($$delete from app.audit_log$$, '42501', null, 'a member cannot remove entries');
select * from finish();
rollback;
