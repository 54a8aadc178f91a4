-- The recommendations core: versions never change, a frozen recommendation keeps its text and hash
-- for every role (the owner included), and the public reads only what was handed over.
begin;
select plan(12);

-- The demo's handed-over assembly: four frozen recommendations with matching hashes.
select is((select count(*) from app.recommendations r
  join app.recommendation_versions v on v.recommendation_id = r.id and v.version = r.frozen_version
  where r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003'
    and r.frozen_sha256 = encode(sha256(convert_to('# ' || v.title || E'\n\n' || v.body_md, 'UTF8')), 'hex')), 4::bigint,
  'the frozen hash is the SHA-256 of "# title", a blank line and the body');

select is(tests.error_of($$insert into app.recommendation_versions (recommendation_id, version, title, body_md)
  values ('7ec00000-0000-4000-8000-000000000031', 3, 'Ændret', 'Ny tekst')$$), 'P0001 recommendation_frozen',
  'the owner cannot add a version to a frozen recommendation');
select is(tests.error_of($$update app.recommendation_versions set body_md = 'x' where recommendation_id = '7ec00000-0000-4000-8000-000000000031'$$),
  'P0001 version_immutable', 'a saved version is never changed');
select is(tests.error_of($$update app.recommendations set frozen_sha256 = repeat('a', 64) where id = '7ec00000-0000-4000-8000-000000000031'$$),
  'P0001 recommendation_frozen', 'the frozen hash cannot change');
select is(tests.error_of($$update app.recommendations set frozen_version = 1 where id = '7ec00000-0000-4000-8000-000000000031'$$),
  'P0001 recommendation_frozen', 'the frozen version cannot change');
select is(tests.error_of($$update app.recommendations set handed_over_at = now() where id = '7ec00000-0000-4000-8000-000000000031'$$),
  'P0001 recommendation_frozen', 'the handover time cannot change once set');
select is(tests.error_of($$delete from app.recommendations where id = '7ec00000-0000-4000-8000-000000000031'$$),
  'P0001 recommendation_frozen', 'a frozen recommendation cannot be removed');

-- A draft can be frozen only with the hash of the version named.
insert into app.recommendations (id, assembly_id, number) values ('7ec00000-0000-4000-8000-0000000000ff', 'a55e0b1e-0000-4000-8000-000000000003', 99);
insert into app.recommendation_versions (recommendation_id, version, title, body_md) values ('7ec00000-0000-4000-8000-0000000000ff', 1, 'Kladde', 'Tekst');
select is(tests.error_of($$update app.recommendations set status = 'adopted', frozen_version = 1, frozen_at = now(), frozen_sha256 = repeat('b', 64)
  where id = '7ec00000-0000-4000-8000-0000000000ff'$$), 'P0001 frozen_hash_mismatch', 'a hash that does not match the text is refused');

select tests.act_as(null);
select is((select count(*) from app.recommendations), 4::bigint, 'anon reads the handed-over recommendations only, not the draft');
select is((select count(*) from app.recommendation_versions), 5::bigint, 'with every version of them');
select throws_ok($$update app.recommendations set number = 5$$, '42501', null, 'anon cannot change a recommendation');
select tests.act_as('medlem01@demo.samraad.dk');
select is((select count(*) from app.recommendations where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003'), 4::bigint,
  'a member of another assembly reads the public, handed-over ones only');

select * from finish();
rollback;
