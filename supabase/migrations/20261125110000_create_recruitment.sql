-- Recruitment: categories and quotas, invitation codes, registrations with demographic answers.
-- Demographics and contact details are readable by the assembly's administrators only; quotas are
-- public (anyone can check a draw against them). A citizen registers with a code through a named
-- privileged operation that re-checks the code, the deadline and every answer.

create type app.registration_status as enum (
  'pool', 'selected', 'reserve', 'confirmed', 'declined', 'withdrawn', 'participated'
);
create type app.registration_channel as enum ('self', 'phone', 'paper');
create type app.category_kind as enum ('choice', 'birth_year');

-- Settings ----------------------------------------------------------------------------------------
create table app.recruitment_settings (
  assembly_id uuid primary key references app.assemblies (id) on delete cascade,
  panel_size int not null default 36 check (panel_size between 1 and 1000),
  reserve_size int not null default 10 check (reserve_size between 0 and 1000),
  one_per_household boolean not null default true,
  replacement_cutoff_on date,
  privacy_notice text not null default '' check (char_length(privacy_notice) <= 10000),
  created_at timestamptz not null default now()
);
comment on table app.recruitment_settings is 'Per assembly: panel size, reserves, one per household, the last date a withdrawn member is replaced, and the privacy notice shown at registration.';
alter table app.recruitment_settings enable row level security;

-- Categories and features (quotas) ---------------------------------------------------------------
create table app.categories (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  position int not null default 0,
  name text not null check (char_length(name) between 1 and 80),
  question text not null default '' check (char_length(question) <= 300),
  kind app.category_kind not null default 'choice',
  created_at timestamptz not null default now(),
  unique (assembly_id, name)
);
create index categories_assembly_id_idx on app.categories (assembly_id, position);
comment on table app.categories is 'A demographic category of an assembly (e.g. Køn, Alder, Område); its features carry the quotas.';
alter table app.categories enable row level security;

create table app.features (
  id uuid primary key default gen_random_uuid(),
  category_id uuid not null references app.categories (id) on delete cascade,
  position int not null default 0,
  name text not null check (char_length(name) between 1 and 80),
  min int not null default 0 check (min >= 0),
  max int not null default 0 check (max >= 0),
  population_share numeric(7, 6) check (population_share is null or population_share between 0 and 1),
  age_from int check (age_from is null or age_from between 0 and 130),
  age_to int check (age_to is null or age_to between 0 and 130),
  created_at timestamptz not null default now(),
  unique (category_id, name),
  constraint features_min_le_max check (min <= max),
  constraint features_age_order check (age_from is null or age_to is null or age_from <= age_to)
);
create index features_category_id_idx on app.features (category_id, position);
comment on table app.features is 'A feature of a category (e.g. Kvinde) with the panel quota min..max, the population share it was computed from, and for birth-year categories the age band.';
alter table app.features enable row level security;

-- Invitations --------------------------------------------------------------------------------------
create table app.invitation_batches (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  label text not null check (char_length(label) between 1 and 120),
  mode text not null check (mode in ('codes', 'addresses')),
  created_at timestamptz not null default now()
);
create index invitation_batches_assembly_id_idx on app.invitation_batches (assembly_id);
comment on table app.invitation_batches is 'One run of invitations: N bare codes, or one per row of an imported address extract.';
alter table app.invitation_batches enable row level security;

create table app.invitations (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  batch_id uuid not null references app.invitation_batches (id) on delete cascade,
  code text not null unique check (code ~ '^[23456789A-HJ-NP-Z]{11}$'),
  recipient_name text check (char_length(recipient_name) <= 200),
  address_line text check (char_length(address_line) <= 200),
  postal_code text check (char_length(postal_code) <= 10),
  city text check (char_length(city) <= 100),
  district text check (char_length(district) <= 100),
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index invitations_assembly_id_idx on app.invitations (assembly_id);
create index invitations_batch_id_idx on app.invitations (batch_id);
comment on table app.invitations is 'An invitation letter with its unguessable registration code. No CPR numbers are ever stored.';
alter table app.invitations enable row level security;

-- Registrations ------------------------------------------------------------------------------------
create table app.registrations (
  id uuid primary key default gen_random_uuid(),
  assembly_id uuid not null references app.assemblies (id) on delete cascade,
  invitation_id uuid unique references app.invitations (id) on delete set null,
  registration_number int not null check (registration_number > 0),
  full_name text not null check (char_length(full_name) between 1 and 200),
  email text check (email is null or (char_length(email) <= 254 and email like '%_@_%')),
  phone text check (phone is null or char_length(phone) <= 30),
  birth_year int not null check (birth_year between 1900 and 2100),
  address_line text not null check (char_length(address_line) between 1 and 200),
  postal_code text not null check (postal_code ~ '^[0-9]{4}$'),
  city text not null default '' check (char_length(city) <= 100),
  household_key text not null,
  support_needs text[] not null default '{}'
    check (support_needs <@ array['transport', 'childcare', 'interpreter', 'accessibility', 'other']),
  support_note text not null default '' check (char_length(support_note) <= 1000),
  consent_at timestamptz not null,
  channel app.registration_channel not null default 'self',
  status app.registration_status not null default 'pool',
  person_id uuid references app.people (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (assembly_id, registration_number),
  constraint registrations_contact check (email is not null or phone is not null)
);
create index registrations_assembly_id_idx on app.registrations (assembly_id, status);
create unique index registrations_email_key on app.registrations (assembly_id, lower(email));
create index registrations_person_id_idx on app.registrations (person_id);
comment on table app.registrations is 'A volunteer who registered for the lottery: contact details, address (for one per household) and status from pool to participated. The registration number is the pseudonym used in the published draw.';
alter table app.registrations enable row level security;

create table app.registration_answers (
  registration_id uuid not null references app.registrations (id) on delete cascade,
  category_id uuid not null references app.categories (id) on delete cascade,
  feature_id uuid not null references app.features (id) on delete cascade,
  primary key (registration_id, category_id)
);
create index registration_answers_feature_id_idx on app.registration_answers (feature_id);
create index registration_answers_category_id_idx on app.registration_answers (category_id);
comment on table app.registration_answers is 'A registration''s feature in each category (its demographic answers).';
alter table app.registration_answers enable row level security;

-- Privileges: RLS decides the rows ---------------------------------------------------------------
grant select on app.recruitment_settings, app.categories, app.features to anon, authenticated;
grant insert, update, delete on app.recruitment_settings, app.categories, app.features to authenticated;
grant select, insert, update, delete on app.invitation_batches, app.invitations to authenticated;
-- anon may select; without anon policies RLS returns no rows rather than an error.
grant select on app.invitation_batches, app.invitations, app.registrations, app.registration_answers to anon;
grant select, insert, update, delete on app.registrations, app.registration_answers to authenticated;
grant all on app.recruitment_settings, app.categories, app.features, app.invitation_batches,
  app.invitations, app.registrations, app.registration_answers to service_role;

-- Policies -----------------------------------------------------------------------------------------
create policy "Visitors can read the recruitment settings of public assemblies" on app.recruitment_settings
  for select to anon using (assembly_id in (select a.id from app.assemblies a));
create policy "People can read the recruitment settings of assemblies they see" on app.recruitment_settings
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "Administrators can create recruitment settings" on app.recruitment_settings
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can change recruitment settings" on app.recruitment_settings
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can remove recruitment settings" on app.recruitment_settings
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Visitors can read the categories of public assemblies" on app.categories
  for select to anon using (assembly_id in (select a.id from app.assemblies a));
create policy "People can read the categories of assemblies they see" on app.categories
  for select to authenticated using (assembly_id in (select a.id from app.assemblies a));
create policy "Administrators can add categories" on app.categories
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can change categories" on app.categories
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can remove categories" on app.categories
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Visitors can read the quotas of public assemblies" on app.features
  for select to anon using (category_id in (select c.id from app.categories c));
create policy "People can read the quotas of assemblies they see" on app.features
  for select to authenticated using (category_id in (select c.id from app.categories c));
create policy "Administrators can add features" on app.features
  for insert to authenticated with check (category_id in (
    select c.id from app.categories c where c.assembly_id in (select private.assemblies_where_i_am('{admin}'))));
create policy "Administrators can change features" on app.features
  for update to authenticated
  using (category_id in (select c.id from app.categories c where c.assembly_id in (select private.assemblies_where_i_am('{admin}'))))
  with check (category_id in (select c.id from app.categories c where c.assembly_id in (select private.assemblies_where_i_am('{admin}'))));
create policy "Administrators can remove features" on app.features
  for delete to authenticated using (category_id in (
    select c.id from app.categories c where c.assembly_id in (select private.assemblies_where_i_am('{admin}'))));

create policy "Administrators can read invitation batches" on app.invitation_batches
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can create invitation batches" on app.invitation_batches
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can remove invitation batches" on app.invitation_batches
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Administrators can read invitations" on app.invitations
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can create invitations" on app.invitations
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can mark invitations" on app.invitations
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can remove unused invitations" on app.invitations
  for delete to authenticated using (used_at is null and assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Administrators can read registrations" on app.registrations
  for select to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can register people by phone or paper" on app.registrations
  for insert to authenticated with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can update registrations" on app.registrations
  for update to authenticated
  using (assembly_id in (select private.assemblies_where_i_am('{admin}')))
  with check (assembly_id in (select private.assemblies_where_i_am('{admin}')));
create policy "Administrators can delete registrations" on app.registrations
  for delete to authenticated using (assembly_id in (select private.assemblies_where_i_am('{admin}')));

create policy "Administrators can read demographic answers" on app.registration_answers
  for select to authenticated using (registration_id in (select r.id from app.registrations r));
create policy "Administrators can record demographic answers" on app.registration_answers
  for insert to authenticated with check (registration_id in (select r.id from app.registrations r));
create policy "Administrators can change demographic answers" on app.registration_answers
  for update to authenticated
  using (registration_id in (select r.id from app.registrations r))
  with check (registration_id in (select r.id from app.registrations r));
create policy "Administrators can delete demographic answers" on app.registration_answers
  for delete to authenticated using (registration_id in (select r.id from app.registrations r));
