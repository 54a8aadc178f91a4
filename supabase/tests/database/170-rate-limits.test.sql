-- Rate limits: the service role counts hits per bucket and key hash and is refused past the limit;
-- anon, members and administrators can neither read the counters nor count hits themselves.
begin;
select plan(14);

-- the service role (the server) ---------------------------------------------------------------------
set local role service_role;
select is((select allowed from api.hit_rate_limit('sign_in_ip', repeat('a', 64), 2, 900)), true, 'the first hit is allowed');
select is((select hits from api.hit_rate_limit('sign_in_ip', repeat('a', 64), 2, 900)), 2, 'the second hit is counted');
select is((select allowed from api.hit_rate_limit('sign_in_ip', repeat('a', 64), 2, 900)), false, 'the third hit in the window is refused');
select ok((select retry_after_seconds between 1 and 900 from api.hit_rate_limit('sign_in_ip', repeat('a', 64), 2, 900)),
  'a refusal says how long to wait, within the window');
select is((select hits from app.rate_limit_hits where bucket = 'sign_in_ip' and key_hash = repeat('a', 64)), 2,
  'refused hits are not counted');
select is((select allowed from api.hit_rate_limit('sign_in_ip', repeat('b', 64), 2, 900)), true, 'another key has its own count');
select is((select allowed from api.hit_rate_limit('registration_ip', repeat('a', 64), 2, 900)), true, 'another bucket has its own count');
select throws_ok($$select api.hit_rate_limit('sign_in_ip', 'medlem01@demo.samraad.dk', 2, 900)$$, '23514', null,
  'a raw address is refused as a key: only SHA-256 hashes are stored');
select throws_ok($$select api.hit_rate_limit('sign_in_ip', repeat('c', 64), 0, 900)$$, 'P0001', null, 'a limit must be positive');
reset role;

-- anon ----------------------------------------------------------------------------------------------
select tests.act_as(null);
select throws_ok($$select * from app.rate_limit_hits$$, '42501', null, 'anon cannot read the counters');
select throws_ok($$select api.hit_rate_limit('sign_in_ip', repeat('d', 64), 2, 900)$$, '42501', null,
  'anon cannot count hits (and so cannot lock someone else out)');

-- a member and an administrator ---------------------------------------------------------------------
select tests.act_as('medlem04@demo.samraad.dk');
select throws_ok($$select * from app.rate_limit_hits$$, '42501', null, 'a member cannot read the counters');
select throws_ok($$select api.hit_rate_limit('export_person', repeat('d', 64), 2, 900)$$, '42501', null,
  'a member cannot count hits');
select tests.act_as('admin@demo.samraad.dk', true);
select throws_ok($$delete from app.rate_limit_hits$$, '42501', null, 'a platform administrator cannot clear the counters');

select * from finish();
rollback;
