-- Demo data: a welfare citizens' assembly in a Danish municipality, built from the municipal papers
-- in shared/seeds (the council decision, the budget process and its five core areas). Budgets are
-- realistic demo figures for a municipality of about 47,000 inhabitants, not official numbers.
-- Seeded into a new embedded database at first start; `supabase db reset` also runs it.

insert into app.assemblies (
  id, title, charge, municipality, phase, is_public,
  preparation_starts_on, recruitment_opens_on, registration_closes_on,
  first_session_on, last_session_on, handover_on, evaluation_on
) values (
  'a55e0b1e-0000-4000-8000-000000000001',
  'Velfærdsborgersamlingen 2026–27',
  'Byrådet giver borgersamlingen mandat til at udarbejde en uvildig anbefaling om prioriteringen af kommunens samlede portefølje af velfærdsopgaver, og en metode for prioritering inden for de kommunale velfærdsopgaver. Borgerne inviteres med ind i maskinrummet, så de kan støtte og rådgive Byrådet i den samlede prioritering af kommunens drifts- og anlægsudgifter samt potentielle indtægter. Byrådet behandler anbefalingerne i de relevante fagudvalg og i Byrådet og redegør for, hvordan hver anbefaling bliver fulgt eller ikke fulgt — med en status inden for 3 måneder efter overleveringen, igen inden for 12 måneder og ved evalueringen.',
  'Hedensted Kommune',
  'sessions',
  true,
  '2026-06-15', '2026-08-17', '2026-09-18',
  '2026-10-01', '2027-02-27', '2027-03-15', '2028-06-01'
), (
  'a55e0b1e-0000-4000-8000-000000000002',
  'Borgersamling om fremtidens dagtilbud',
  'Hvordan skal kommunens dagtilbud se ud i 2035, når der bliver færre børn i landdistrikterne og flere i byerne?',
  'Hedensted Kommune',
  'recruitment',
  false,
  '2026-10-01', '2026-11-16', '2027-01-15', '2027-03-04', '2027-05-29', '2027-06-10', null
);

insert into app.welfare_areas (assembly_id, position, name, description, budget_mio) values
  ('a55e0b1e-0000-4000-8000-000000000001', 1, 'Social omsorg',
   'Ældrepleje, sundhed, handicap og psykiatri. Flere ældre over 80 år og stigende udgifter til det specialiserede socialområde.', 1184.5),
  ('a55e0b1e-0000-4000-8000-000000000001', 2, 'Beskæftigelse',
   'Jobcenter, forsørgelsesydelser, sygedagpenge, jobafklaring og integration. Reformen af beskæftigelsesindsatsen flytter fokus fra aktivering til rekruttering.', 742.3),
  ('a55e0b1e-0000-4000-8000-000000000001', 3, 'Læring',
   'Skoler, dagtilbud, børn og familier. Nye reformer på folkeskole- og dagtilbudsområdet implementeres i de kommende år.', 1096.8),
  ('a55e0b1e-0000-4000-8000-000000000001', 4, 'Vækst, Teknik og Fællesskab',
   'Veje, kollektiv trafik, natur, kultur og fritid, erhverv og bosætning.', 312.6),
  ('a55e0b1e-0000-4000-8000-000000000001', 5, 'Økonomi, Personale og IT',
   'Administration, digitalisering, HR og fælles funktioner, som de andre områder hviler på.', 268.4),
  ('a55e0b1e-0000-4000-8000-000000000002', 1, 'Dagtilbud', 'Vuggestuer, børnehaver og dagpleje.', 412.0);

-- The organisers of the welfare assembly.
insert into app.people (id, full_name, email, phone) values
  ('b0000000-0000-4000-8000-000000000001', 'Mette Sørensen', 'admin@demo.samraad.dk', '+45 20 11 22 33'),
  ('b0000000-0000-4000-8000-000000000002', 'Jonas Kragh', 'facilitator@demo.samraad.dk', '+45 20 44 55 66'),
  ('b0000000-0000-4000-8000-000000000003', 'Amira Haddad', 'facilitator2@demo.samraad.dk', null),
  ('b0000000-0000-4000-8000-000000000004', 'Lars Vestergaard', 'byraad@demo.samraad.dk', '+45 20 77 88 99'),
  ('b0000000-0000-4000-8000-000000000005', 'Sofie Lund', 'evaluator@demo.samraad.dk', null),
  ('b0000000-0000-4000-8000-000000000006', 'Henrik Bach', 'admin2@demo.samraad.dk', null),
  ('b0000000-0000-4000-8000-000000000007', 'Nanna Friis', 'facilitator-dagtilbud@demo.samraad.dk', null);

insert into app.role_assignments (assembly_id, person_id, role) values
  ('a55e0b1e-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000001', 'admin'),
  ('a55e0b1e-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000002', 'facilitator'),
  ('a55e0b1e-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000003', 'facilitator'),
  ('a55e0b1e-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000004', 'council'),
  ('a55e0b1e-0000-4000-8000-000000000001', 'b0000000-0000-4000-8000-000000000005', 'evaluator'),
  ('a55e0b1e-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000006', 'admin'),
  ('a55e0b1e-0000-4000-8000-000000000002', 'b0000000-0000-4000-8000-000000000007', 'facilitator');

-- 36 panel members (paneldeltagere): medlem01@ … medlem36@demo.samraad.dk.
with names as (
  select i,
    (array['Anne','Peter','Kirsten','Jens','Hanne','Michael','Susanne','Lars','Lene','Thomas',
           'Maria','Søren','Camilla','Rasmus','Ida','Mads','Emma','Frederik','Birgit','Niels',
           'Freja','Ahmed','Karen','Mikkel','Louise','Ole','Julie','Mathias','Inge','Kasper',
           'Sara','Poul','Nadia','Christian','Ellen','Yusuf'])[i] as first_name,
    (array['Nielsen','Jensen','Hansen','Pedersen','Andersen','Christensen','Larsen','Sørensen',
           'Rasmussen','Jørgensen','Petersen','Madsen','Kristensen','Olsen','Thomsen','Christiansen',
           'Poulsen','Johansen','Møller','Mortensen','Knudsen','Ali','Jakobsen','Frederiksen',
           'Mikkelsen','Laursen','Holm','Schmidt','Eriksen','Kristiansen','Simonsen','Clausen',
           'Berg','Svendsen','Lauridsen','Yilmaz'])[i] as last_name
  from generate_series(1, 36) as i
), inserted as (
  insert into app.people (id, full_name, email)
  select ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid,
         first_name || ' ' || last_name,
         'medlem' || lpad(i::text, 2, '0') || '@demo.samraad.dk'
  from names
  returning id
)
insert into app.role_assignments (assembly_id, person_id, role)
select 'a55e0b1e-0000-4000-8000-000000000001', id, 'member' from inserted;

-- Two members of the other assembly: they must see nothing of the welfare assembly.
insert into app.people (id, full_name, email) values
  ('d0000000-0000-4000-8000-000000000001', 'Pia Thygesen', 'dagtilbud01@demo.samraad.dk'),
  ('d0000000-0000-4000-8000-000000000002', 'Bo Rasmussen', 'dagtilbud02@demo.samraad.dk');
insert into app.role_assignments (assembly_id, person_id, role) values
  ('a55e0b1e-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000001', 'member'),
  ('a55e0b1e-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000002', 'member');

-- Recruitment of the welfare assembly: the quotas its panel of 36 was drawn to (population shares
-- are demo figures in the shape of Danmarks Statistik's tables, ±1 seat).
insert into app.recruitment_settings (assembly_id, panel_size, reserve_size, one_per_household, replacement_cutoff_on, privacy_notice) values
  ('a55e0b1e-0000-4000-8000-000000000001', 36, 10, true, '2026-10-29',
   'Hedensted Kommune behandler dine oplysninger for at kunne trække lod om pladserne i borgersamlingen og kontakte dig. Oplysninger om personer, der ikke bliver udtrukket, slettes, når klagefristen for lodtrækningen er udløbet.'),
  ('a55e0b1e-0000-4000-8000-000000000002', 24, 8, true, '2027-03-18',
   'Hedensted Kommune behandler dine oplysninger for at kunne trække lod om pladserne i borgersamlingen og kontakte dig. Oplysninger om personer, der ikke bliver udtrukket, slettes, når klagefristen for lodtrækningen er udløbet.');

insert into app.categories (id, assembly_id, position, name, question, kind) values
  ('ca000000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000001', 1, 'Køn', 'Hvilket køn er du?', 'choice'),
  ('ca000000-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000001', 2, 'Alder', 'Hvilket år er du født?', 'birth_year'),
  ('ca000000-0000-4000-8000-000000000003', 'a55e0b1e-0000-4000-8000-000000000001', 3, 'Område', 'Hvor i kommunen bor du?', 'choice'),
  ('ca000000-0000-4000-8000-000000000004', 'a55e0b1e-0000-4000-8000-000000000001', 4, 'Uddannelse', 'Hvad er din højeste fuldførte uddannelse?', 'choice'),
  ('ca000000-0000-4000-8000-000000000011', 'a55e0b1e-0000-4000-8000-000000000002', 1, 'Køn', 'Hvilket køn er du?', 'choice'),
  ('ca000000-0000-4000-8000-000000000012', 'a55e0b1e-0000-4000-8000-000000000002', 2, 'Alder', 'Hvilket år er du født?', 'birth_year'),
  ('ca000000-0000-4000-8000-000000000013', 'a55e0b1e-0000-4000-8000-000000000002', 3, 'Småbørnsforælder', 'Har du børn under 6 år?', 'choice');

insert into app.features (category_id, position, name, min, max, population_share, age_from, age_to) values
  ('ca000000-0000-4000-8000-000000000001', 1, 'Kvinde', 17, 19, 0.503, null, null),
  ('ca000000-0000-4000-8000-000000000001', 2, 'Mand', 17, 19, 0.497, null, null),
  ('ca000000-0000-4000-8000-000000000002', 1, '16–29 år', 6, 8, 0.190, 16, 29),
  ('ca000000-0000-4000-8000-000000000002', 2, '30–49 år', 9, 11, 0.280, 30, 49),
  ('ca000000-0000-4000-8000-000000000002', 3, '50–64 år', 8, 10, 0.250, 50, 64),
  ('ca000000-0000-4000-8000-000000000002', 4, '65 år og derover', 9, 11, 0.280, 65, 130),
  ('ca000000-0000-4000-8000-000000000003', 1, 'Hedensted by og omegn', 10, 12, 0.300, null, null),
  ('ca000000-0000-4000-8000-000000000003', 2, 'Juelsminde-området', 6, 8, 0.200, null, null),
  ('ca000000-0000-4000-8000-000000000003', 3, 'Tørring-Uldum', 6, 8, 0.200, null, null),
  ('ca000000-0000-4000-8000-000000000003', 4, 'Løsning-Hornsyld', 10, 12, 0.300, null, null),
  ('ca000000-0000-4000-8000-000000000004', 1, 'Grundskole', 8, 10, 0.250, null, null),
  ('ca000000-0000-4000-8000-000000000004', 2, 'Erhvervsfaglig', 13, 16, 0.400, null, null),
  ('ca000000-0000-4000-8000-000000000004', 3, 'Videregående', 11, 14, 0.350, null, null),
  ('ca000000-0000-4000-8000-000000000011', 1, 'Kvinde', 11, 13, 0.503, null, null),
  ('ca000000-0000-4000-8000-000000000011', 2, 'Mand', 11, 13, 0.497, null, null),
  ('ca000000-0000-4000-8000-000000000012', 1, '16–34 år', 6, 9, 0.310, 16, 34),
  ('ca000000-0000-4000-8000-000000000012', 2, '35–59 år', 7, 10, 0.360, 35, 59),
  ('ca000000-0000-4000-8000-000000000012', 3, '60 år og derover', 6, 9, 0.330, 60, 130),
  ('ca000000-0000-4000-8000-000000000013', 1, 'Ja', 6, 10, 0.120, null, null),
  ('ca000000-0000-4000-8000-000000000013', 2, 'Nej', 14, 18, 0.880, null, null);

-- The day-care assembly is recruiting: a first batch of invitation letters.
insert into app.invitation_batches (id, assembly_id, label, mode, created_at) values
  ('1b000000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000002', 'Første udsendelse (demo)', 'addresses', '2026-11-16 09:00+01');
insert into app.invitations (assembly_id, batch_id, code, recipient_name, address_line, postal_code, city, district) values
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', '9P3SBFUVZRU', 'Beboeren', 'Søndergade 12', '8722', 'Hedensted', 'Hedensted by'),
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'WF3AXN2BL85', 'Beboeren', 'Åvænget 3', '7130', 'Juelsminde', 'Juelsminde'),
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', '6VYXMY854YK', 'Beboeren', 'Bygaden 41', '7160', 'Tørring', 'Tørring-Uldum'),
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'Y4NH5GJ6UMN', 'Beboeren', 'Stationsvej 7', '8723', 'Løsning', 'Løsning-Hornsyld'),
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'DKLP76FMWU5', 'Beboeren', 'Kirkevej 22', '7140', 'Stouby', 'Juelsminde'),
  ('a55e0b1e-0000-4000-8000-000000000002', '1b000000-0000-4000-8000-000000000001', 'UZ9BBC6M6NT', 'Beboeren', 'Toftegårdsvej 5', '8781', 'Stenderup', 'Hedensted by');

-- 90 volunteers already registered for the day-care assembly (by paper and phone at the library
-- events), so a draw can be tried in the demo. Fictitious people at fictitious addresses.
with volunteers as (
  select i,
    (array['Anne','Peter','Kirsten','Jens','Hanne','Michael','Susanne','Lars','Lene','Thomas',
           'Maria','Søren','Camilla','Rasmus','Ida'])[1 + i % 15] || ' ' ||
    (array['Nielsen','Jensen','Hansen','Pedersen','Andersen','Christensen','Larsen','Sørensen',
           'Rasmussen','Jørgensen','Petersen','Madsen','Kristensen'])[1 + (i * 7) % 13] as full_name,
    1945 + (i * 13) % 60 as birth_year,
    case when i % 2 = 0 then 'Kvinde' else 'Mand' end as gender,
    case when i % 5 = 0 then 'Ja' else 'Nej' end as small_children
  from generate_series(1, 90) as i
), inserted as (
  insert into app.registrations (id, assembly_id, registration_number, full_name, email, birth_year,
    address_line, postal_code, city, household_key, consent_at, channel)
  select ('e0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid,
    'a55e0b1e-0000-4000-8000-000000000002', i, full_name, 'frivillig' || i || '@example.dk', birth_year,
    'Demovej ' || i, '8722', 'Hedensted', encode(sha256(convert_to('demovej ' || i || '|8722', 'UTF8')), 'hex'),
    '2026-11-20 10:00+01', case when i % 3 = 0 then 'phone' else 'paper' end::app.registration_channel
  from volunteers
  returning id, registration_number
)
insert into app.registration_answers (registration_id, category_id, feature_id)
select r.id, f.category_id, f.id
from inserted r
join volunteers v on v.i = r.registration_number
join app.features f on f.category_id in ('ca000000-0000-4000-8000-000000000011', 'ca000000-0000-4000-8000-000000000012', 'ca000000-0000-4000-8000-000000000013')
where (f.category_id = 'ca000000-0000-4000-8000-000000000011' and f.name = v.gender)
   or (f.category_id = 'ca000000-0000-4000-8000-000000000013' and f.name = v.small_children)
   or (f.category_id = 'ca000000-0000-4000-8000-000000000012' and 2027 - v.birth_year between f.age_from and f.age_to);

-- The welfare panel's demographics (their confirmed registrations), in the shape of the quotas:
-- table groups and attendance per group read them.
with members as (
  select i,
    case when i % 2 = 0 then 'Kvinde' else 'Mand' end as gender,
    (array[1950, 1958, 1966, 1972, 1980, 1988, 1997, 2004])[1 + (i * 5) % 8] + i % 4 as birth_year,
    (array['Hedensted by og omegn', 'Juelsminde-området', 'Tørring-Uldum', 'Løsning-Hornsyld'])[1 + (i * 3) % 4] as area,
    (array['Grundskole', 'Erhvervsfaglig', 'Videregående', 'Erhvervsfaglig'])[1 + (i * 7) % 4] as education
  from generate_series(1, 36) as i
), inserted as (
  insert into app.registrations (id, assembly_id, registration_number, full_name, email, birth_year,
    address_line, postal_code, city, household_key, consent_at, channel, status, person_id, support_needs)
  select ('e1000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid,
    'a55e0b1e-0000-4000-8000-000000000001', 100 + i, p.full_name, p.email, m.birth_year,
    'Panelvej ' || i, '8722', 'Hedensted', encode(sha256(convert_to('panelvej ' || i || '|8722', 'UTF8')), 'hex'),
    '2026-09-01 10:00+02', 'self', 'confirmed', p.id,
    case when i % 9 = 0 then array['transport'] when i % 11 = 0 then array['childcare']
         when i = 7 then array['interpreter', 'accessibility'] else array[]::text[] end
  from members m
  join app.people p on p.id = ('c0000000-0000-4000-8000-0000000000' || lpad(m.i::text, 2, '0'))::uuid
  returning id, registration_number
)
insert into app.registration_answers (registration_id, category_id, feature_id)
select r.id, f.category_id, f.id
from inserted r
join members m on 100 + m.i = r.registration_number
join app.features f on f.category_id in ('ca000000-0000-4000-8000-000000000001', 'ca000000-0000-4000-8000-000000000002',
  'ca000000-0000-4000-8000-000000000003', 'ca000000-0000-4000-8000-000000000004')
where (f.category_id = 'ca000000-0000-4000-8000-000000000001' and f.name = m.gender)
   or (f.category_id = 'ca000000-0000-4000-8000-000000000003' and f.name = m.area)
   or (f.category_id = 'ca000000-0000-4000-8000-000000000004' and f.name = m.education)
   or (f.category_id = 'ca000000-0000-4000-8000-000000000002' and 2026 - m.birth_year between f.age_from and f.age_to);

-- The welfare assembly's session plan: weekday evenings and weekends, October to February, at the
-- town hall and a visit; two candidate dates for an extra session are in the availability poll.
insert into app.session_rules (assembly_id, material_days_before) values
  ('a55e0b1e-0000-4000-8000-000000000001', 5), ('a55e0b1e-0000-4000-8000-000000000002', 5);
insert into app.sessions (id, assembly_id, title, kind, starts_at, ends_at, is_candidate, place_name, address, room, accessibility_note, description) values
  ('5e000000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000001', 'Velkomst: hvad skal vi, og hvordan arbejder vi?', 'learning',
   '2026-10-03 10:00 Europe/Copenhagen', '2026-10-03 16:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', 'Vi lærer hinanden at kende og gennemgår byrådets opdrag.'),
  ('5e000000-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000001', 'Sådan hænger kommunens økonomi sammen', 'learning',
   '2026-10-21 17:00 Europe/Copenhagen', '2026-10-21 21:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', 'Økonomichefen fortæller om budgettet og de fem kerneområder.'),
  ('5e000000-0000-4000-8000-000000000003', 'a55e0b1e-0000-4000-8000-000000000001', 'Besøg på plejecenter og jobcenter', 'visit',
   '2026-11-07 10:00 Europe/Copenhagen', '2026-11-07 15:00 Europe/Copenhagen', false, 'Plejecenter Lindehaven', 'Lindevej 4, 7130 Juelsminde', '',
   'Bus fra rådhuset kl. 9.30; kørestolsegnet.', 'Vi ser, hvad pengene går til, og taler med medarbejdere og borgere.'),
  ('5e000000-0000-4000-8000-000000000004', 'a55e0b1e-0000-4000-8000-000000000001', 'Prioritering, første runde', 'voting',
   '2026-11-26 17:00 Europe/Copenhagen', '2026-11-26 21:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', 'Første runde af prioriteringen på tværs af velfærdsområderne.'),
  ('5e000000-0000-4000-8000-000000000005', 'a55e0b1e-0000-4000-8000-000000000001', 'Afvejninger mellem områderne', 'deliberation',
   '2026-12-09 17:00 Europe/Copenhagen', '2026-12-09 21:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', ''),
  ('5e000000-0000-4000-8000-000000000006', 'a55e0b1e-0000-4000-8000-000000000001', 'Prioritering, anden runde', 'voting',
   '2027-01-16 10:00 Europe/Copenhagen', '2027-01-16 16:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', ''),
  ('5e000000-0000-4000-8000-000000000007', 'a55e0b1e-0000-4000-8000-000000000001', 'Ekstra møde (forslag A)', 'deliberation',
   '2027-01-27 17:00 Europe/Copenhagen', '2027-01-27 21:00 Europe/Copenhagen', true, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Mødelokale 1', '', ''),
  ('5e000000-0000-4000-8000-000000000008', 'a55e0b1e-0000-4000-8000-000000000001', 'Ekstra møde (forslag B)', 'deliberation',
   '2027-01-30 10:00 Europe/Copenhagen', '2027-01-30 15:00 Europe/Copenhagen', true, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Mødelokale 1', '', ''),
  ('5e000000-0000-4000-8000-000000000009', 'a55e0b1e-0000-4000-8000-000000000001', 'Anbefalingerne skrives', 'deliberation',
   '2027-02-03 17:00 Europe/Copenhagen', '2027-02-03 21:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', ''),
  ('5e000000-0000-4000-8000-000000000010', 'a55e0b1e-0000-4000-8000-000000000001', 'Anbefalingerne vedtages', 'voting',
   '2027-02-27 10:00 Europe/Copenhagen', '2027-02-27 15:00 Europe/Copenhagen', false, 'Hedensted Rådhus', 'Niels Espes Vej 8, 8722 Hedensted', 'Byrådssalen',
   'Niveaufri adgang fra parkeringspladsen, teleslynge i salen.', '');
insert into app.agenda_items (session_id, position, title, planned_minutes, led_by) values
  ('5e000000-0000-4000-8000-000000000004', 1, 'Velkommen og dagens program', 15, 'Facilitator'),
  ('5e000000-0000-4000-8000-000000000004', 2, 'Oplæg: konsekvenser af mere og mindre til hvert område', 40, 'Økonomiafdelingen'),
  ('5e000000-0000-4000-8000-000000000004', 3, 'Drøftelse ved bordene', 60, 'Bordværter'),
  ('5e000000-0000-4000-8000-000000000004', 4, 'Pause', 20, ''),
  ('5e000000-0000-4000-8000-000000000004', 5, 'Budgetfordeling, første runde', 45, 'Facilitator'),
  ('5e000000-0000-4000-8000-000000000004', 6, 'Opsamling og næste gang', 20, 'Facilitator'),
  ('5e000000-0000-4000-8000-000000000005', 1, 'Hvad viste første runde?', 30, 'Facilitator'),
  ('5e000000-0000-4000-8000-000000000005', 2, 'Afvejninger ved bordene', 120, 'Bordværter'),
  ('5e000000-0000-4000-8000-000000000005', 3, 'Fælles opsamling', 45, 'Facilitator');
-- The poll for the extra session: most members have answered.
insert into app.availability (session_id, person_id, answer)
select s.id, ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid,
  (case when s.id = '5e000000-0000-4000-8000-000000000007'
        then (array['yes', 'yes', 'no', 'maybe', 'yes'])[1 + i % 5]
        else (array['yes', 'no', 'yes', 'yes', 'yes', 'maybe', 'yes'])[1 + i % 7] end)::app.availability_answer
from generate_series(2, 33) as i
cross join app.sessions s where s.id in ('5e000000-0000-4000-8000-000000000007', '5e000000-0000-4000-8000-000000000008');

-- Information requests between sessions: one answered for everyone, one being worked on.
insert into app.information_requests (assembly_id, asked_by, kind, question, status, answer, answered_by, answered_at, created_at) values
  ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000012', 'fact',
   'Hvor mange borgere over 80 år forventer kommunen i 2030, og hvad koster en plejehjemsplads om året?',
   'answered', 'Kommunen forventer ca. 3.100 borgere over 80 år i 2030 (2.300 i dag). En plejeboligplads koster i gennemsnit 520.000 kr. om året i drift. Kilde: Befolkningsprognose 2026 og Budget 2027, Social omsorg.',
   (select id from app.people where email = 'facilitator@demo.samraad.dk'), '2026-10-28 10:00+01', '2026-10-22 20:15+02'),
  ('a55e0b1e-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000021', 'expert',
   'Kan vi få en fra jobcentret til at fortælle om, hvad reformen af beskæftigelsesindsatsen betyder for budgettet?',
   'in_progress', '', null, null, '2026-11-10 21:02+01');

-- The day-care assembly's planned sessions (asked at registration: who can come when).
insert into app.sessions (id, assembly_id, title, kind, starts_at, ends_at, place_name, address, room) values
  ('5e000000-0000-4000-8000-000000000021', 'a55e0b1e-0000-4000-8000-000000000002', 'Første møde: dagtilbud i dag', 'learning',
   '2027-03-04 17:00 Europe/Copenhagen', '2027-03-04 21:00 Europe/Copenhagen', 'Hedensted Bibliotek', 'Tofteskovvej 2, 8722 Hedensted', 'Salen'),
  ('5e000000-0000-4000-8000-000000000022', 'a55e0b1e-0000-4000-8000-000000000002', 'Besøg i to børnehaver', 'visit',
   '2027-03-20 10:00 Europe/Copenhagen', '2027-03-20 15:00 Europe/Copenhagen', 'Børnehuset Mælkebøtten', 'Skolevej 3, 7160 Tørring', ''),
  ('5e000000-0000-4000-8000-000000000023', 'a55e0b1e-0000-4000-8000-000000000002', 'Fremtidens dagtilbud i 2035', 'deliberation',
   '2027-04-15 17:00 Europe/Copenhagen', '2027-04-15 21:00 Europe/Copenhagen', 'Hedensted Bibliotek', 'Tofteskovvej 2, 8722 Hedensted', 'Salen'),
  ('5e000000-0000-4000-8000-000000000024', 'a55e0b1e-0000-4000-8000-000000000002', 'Anbefalingerne vedtages', 'voting',
   '2027-05-29 10:00 Europe/Copenhagen', '2027-05-29 15:00 Europe/Copenhagen', 'Hedensted Bibliotek', 'Tofteskovvej 2, 8722 Hedensted', 'Salen');

-- Attendance at the three sessions held so far (ticked on the facilitator's list), and two members
-- who have reported that they cannot come on 26 November.
insert into app.attendance (session_id, person_id, method, checked_in_at, recorded_by)
select s.id, ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid, 'list',
  s.starts_at + make_interval(mins => i % 20), 'b0000000-0000-4000-8000-000000000002'
from generate_series(1, 36) as i
cross join generate_series(1, 3) as k
join app.sessions s on s.id = ('5e000000-0000-4000-8000-00000000000' || k)::uuid
where (i + k) % 7 <> 0 and not (i % 12 = 0 and k = 3);
insert into app.absence_reports (session_id, person_id, reason, reported_at) values
  ('5e000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000012', 'Aftenvagt på arbejdet', '2026-11-20 08:15+01'),
  ('5e000000-0000-4000-8000-000000000004', 'c0000000-0000-4000-8000-000000000030', '', '2026-11-22 19:40+01');

-- === A handed-over assembly (recommendations core) ===
-- A finished public assembly whose recommendations were adopted, frozen and handed over on
-- 20 August 2026, so the council's 3-month round fell due on 20 November 2026. It shows the
-- accountability side of the platform; its people are its own, so the welfare assembly's demo
-- logins see only what they saw before.
insert into app.assemblies (
  id, title, charge, municipality, phase, is_public,
  preparation_starts_on, recruitment_opens_on, registration_closes_on,
  first_session_on, last_session_on, handover_on, evaluation_on
) values (
  'a55e0b1e-0000-4000-8000-000000000003',
  'Borgersamlingen om klima og natur 2025–26',
  'Byrådet bad borgersamlingen om anbefalinger til, hvordan kommunen når en CO₂-reduktion på 70 % i 2030 og samtidig skaber mere og bedre natur — og hvilke midler i budgettet der skal prioriteres til det. Byrådet redegør for, hvordan hver anbefaling følges, inden for 3 og 12 måneder efter overleveringen og ved evalueringen.',
  'Hedensted Kommune',
  'follow_up',
  true,
  '2025-09-01', '2025-11-03', '2025-12-05', '2026-02-07', '2026-06-13', '2026-08-20', '2027-09-01'
);

insert into app.welfare_areas (id, assembly_id, position, name, description, budget_mio) values
  ('a4ea0000-0000-4000-8000-000000000031', 'a55e0b1e-0000-4000-8000-000000000003', 1, 'Vækst, Teknik og Fællesskab',
   'Veje, kollektiv trafik, natur, affald og forsyning.', 312.6),
  ('a4ea0000-0000-4000-8000-000000000032', 'a55e0b1e-0000-4000-8000-000000000003', 2, 'Læring',
   'Skoler og dagtilbud, herunder bygninger og madordninger.', 1096.8),
  ('a4ea0000-0000-4000-8000-000000000033', 'a55e0b1e-0000-4000-8000-000000000003', 3, 'Økonomi, Personale og IT',
   'Kommunens egne bygninger, indkøb og bilpark.', 268.4);

insert into app.people (id, full_name, email) values
  ('b0000000-0000-4000-8000-000000000031', 'Karen Holm', 'klima-admin@demo.samraad.dk'),
  ('b0000000-0000-4000-8000-000000000032', 'Peter Dahl', 'klima-byraad@demo.samraad.dk'),
  ('b0000000-0000-4000-8000-000000000033', 'Ida Winther', 'klima-facilitator@demo.samraad.dk');
insert into app.people (id, full_name, email)
select ('c0000000-0000-4000-8000-0000000003' || lpad(i::text, 2, '0'))::uuid,
  (array['Birgit', 'Ole', 'Fatima', 'Mads', 'Lene', 'Ahmed', 'Trine', 'Søren', 'Yasmin', 'Erik', 'Hanne', 'Kasper'])[i] || ' ' ||
  (array['Nielsen', 'Jensen', 'Ali', 'Madsen', 'Kjær', 'Hussein', 'Berg', 'Poulsen', 'Larsen', 'Møller', 'Thomsen', 'Krog'])[i],
  'klima' || lpad(i::text, 2, '0') || '@demo.samraad.dk'
from generate_series(1, 12) as i;

insert into app.role_assignments (assembly_id, person_id, role) values
  ('a55e0b1e-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000031', 'admin'),
  ('a55e0b1e-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000032', 'council'),
  ('a55e0b1e-0000-4000-8000-000000000003', 'b0000000-0000-4000-8000-000000000033', 'facilitator');
insert into app.role_assignments (assembly_id, person_id, role)
select 'a55e0b1e-0000-4000-8000-000000000003', ('c0000000-0000-4000-8000-0000000003' || lpad(i::text, 2, '0'))::uuid, 'member'
from generate_series(1, 12) as i;

insert into app.working_groups (id, assembly_id, name, welfare_area_id) values
  ('96000000-0000-4000-8000-000000000031', 'a55e0b1e-0000-4000-8000-000000000003', 'Transport og energi', 'a4ea0000-0000-4000-8000-000000000031'),
  ('96000000-0000-4000-8000-000000000032', 'a55e0b1e-0000-4000-8000-000000000003', 'Natur og kommunens egne bygninger', 'a4ea0000-0000-4000-8000-000000000033');
insert into app.working_group_members (working_group_id, person_id)
select case when i <= 6 then '96000000-0000-4000-8000-000000000031'::uuid else '96000000-0000-4000-8000-000000000032'::uuid end,
  ('c0000000-0000-4000-8000-0000000003' || lpad(i::text, 2, '0'))::uuid
from generate_series(1, 12) as i;

insert into app.recommendations (id, assembly_id, working_group_id, number, kind, status) values
  ('7ec00000-0000-4000-8000-000000000031', 'a55e0b1e-0000-4000-8000-000000000003', '96000000-0000-4000-8000-000000000031', 1, 'recommendation', 'adopted'),
  ('7ec00000-0000-4000-8000-000000000032', 'a55e0b1e-0000-4000-8000-000000000003', '96000000-0000-4000-8000-000000000031', 2, 'recommendation', 'adopted'),
  ('7ec00000-0000-4000-8000-000000000033', 'a55e0b1e-0000-4000-8000-000000000003', '96000000-0000-4000-8000-000000000032', 3, 'recommendation', 'adopted'),
  ('7ec00000-0000-4000-8000-000000000034', 'a55e0b1e-0000-4000-8000-000000000003', '96000000-0000-4000-8000-000000000032', 4, 'method', 'adopted');

insert into app.recommendation_versions (recommendation_id, version, title, body_md, rationale_md, welfare_area_ids, amount_mio, criteria, author_person_id, created_at) values
  ('7ec00000-0000-4000-8000-000000000031', 1, 'Flere busser i landdistrikterne',
   'Kommunen bør oprette flextrafik og to nye buslinjer mellem landsbyerne og stationsbyerne.',
   'Mange i landdistrikterne har kun bilen.', '{a4ea0000-0000-4000-8000-000000000031}', 4.0, '[]',
   'c0000000-0000-4000-8000-000000000301', '2026-04-18 19:00+02'),
  ('7ec00000-0000-4000-8000-000000000031', 2, 'Bedre kollektiv trafik i landdistrikterne',
   E'Kommunen bør oprette flextrafik i hele kommunen og to nye buslinjer mellem landsbyerne og stationsbyerne, med afgang mindst hver time i dagtimerne.\n\nFinansieringen skal findes inden for **Vækst, Teknik og Fællesskab** ved at udskyde asfaltprojekter.',
   'Mange i landdistrikterne har kun bilen, og transport står for en tredjedel af kommunens udledning.', '{a4ea0000-0000-4000-8000-000000000031}', 4.5, '[]',
   'c0000000-0000-4000-8000-000000000302', '2026-05-09 20:30+02'),
  ('7ec00000-0000-4000-8000-000000000032', 1, 'Solceller på alle kommunale tage',
   'Alle egnede kommunale bygninger skal have solceller inden udgangen af 2028. Investeringen tjener sig hjem på under 10 år.',
   'Kommunen kan gå foran og spare på elregningen.', '{a4ea0000-0000-4000-8000-000000000033}', -1.2, '[]',
   'c0000000-0000-4000-8000-000000000303', '2026-05-09 20:40+02'),
  ('7ec00000-0000-4000-8000-000000000033', 1, 'Mere vild natur på kommunens arealer',
   'Kommunens grønne arealer skal drives med færre slåninger, og 10 % af arealerne skal udlægges til vild natur inden 2027.',
   'Det giver mere biodiversitet og sparer driftsudgifter.', '{a4ea0000-0000-4000-8000-000000000031}', -0.4, '[]',
   'c0000000-0000-4000-8000-000000000307', '2026-05-23 18:10+02'),
  ('7ec00000-0000-4000-8000-000000000034', 1, 'Sådan prioriterer kommunen klimatiltag',
   'Når kommunen vælger mellem klimatiltag, bør den vægte disse kriterier.',
   'Panelet ønsker en gennemsigtig metode, som byrådet kan bruge år efter år.', '{}', null,
   '[{"name": "CO₂-reduktion pr. krone", "weight": 40}, {"name": "Gavn for borgere i landdistrikterne", "weight": 25}, {"name": "Biodiversitet", "weight": 20}, {"name": "Hvor hurtigt det virker", "weight": 15}]',
   'c0000000-0000-4000-8000-000000000308', '2026-05-23 18:30+02');

-- Adopted on 13 June 2026, frozen with the hash of the adopted version; handed over on 20 August.
update app.recommendations r set
  frozen_version = v.version,
  frozen_at = '2026-06-13 15:00+02',
  frozen_sha256 = private.recommendation_sha256(v.title, v.body_md)
from (select distinct on (recommendation_id) recommendation_id, version, title, body_md
      from app.recommendation_versions order by recommendation_id, version desc) v
where v.recommendation_id = r.id and r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003';
update app.recommendations set handed_over_at = '2026-08-20 10:00+02'
where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003';

-- === Recommendations (drafting) ===
-- The welfare assembly's two working groups and a draft from each: one recommendation revised once,
-- and a prioritisation method with weighted criteria.
insert into app.working_groups (id, assembly_id, name, welfare_area_id) values
  ('96000000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000001', 'Ældre og sundhed',
   (select id from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg')),
  ('96000000-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000001', 'Børn, unge og læring',
   (select id from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Læring'));
insert into app.working_group_members (working_group_id, person_id)
select case when i <= 6 then '96000000-0000-4000-8000-000000000001'::uuid else '96000000-0000-4000-8000-000000000002'::uuid end,
  ('c0000000-0000-4000-8000-0000000000' || lpad(i::text, 2, '0'))::uuid
from generate_series(1, 12) as i;

insert into app.recommendations (id, assembly_id, working_group_id, number, kind) values
  ('7ec00000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000001', 1, 'recommendation'),
  ('7ec00000-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000001', '96000000-0000-4000-8000-000000000002', 2, 'method');
insert into app.recommendation_versions (recommendation_id, version, title, body_md, rationale_md, welfare_area_ids, amount_mio, criteria, evidence, author_person_id, created_at) values
  ('7ec00000-0000-4000-8000-000000000001', 1, 'Forebyggelse før pleje',
   'Kommunen bør flytte penge fra pleje til forebyggelse for ældre.',
   'Flere ældre over 80 år de kommende år.',
   array[(select id from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg')],
   2.0, '[]', '[]', 'c0000000-0000-4000-8000-000000000001', '2026-11-12 20:00+01'),
  ('7ec00000-0000-4000-8000-000000000001', 2, 'Forebyggelse før pleje',
   E'Kommunen bør hvert år flytte 2 mio. kr. fra pleje til forebyggelse for ældre, fx træning i hjemmet og besøg hos 75-årige.\n\nEffekten skal måles efter to år, før flere penge flyttes.',
   'Flere ældre over 80 år de kommende år; forebyggelse udskyder behovet for pleje.',
   array[(select id from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg')],
   2.0, '[]', '[{"label": "Befolkningsprognose 2026", "url": "https://www.hedensted.dk/befolkningsprognose"}]',
   'c0000000-0000-4000-8000-000000000002', '2026-11-26 21:10+01'),
  ('7ec00000-0000-4000-8000-000000000002', 1, 'Sådan prioriterer vi inden for læring',
   'Når kommunen skal vælge mellem tiltag på læringsområdet, bør den vægte disse kriterier.',
   'Panelet ønsker en metode, der kan bruges igen ved hvert budget.', '{}', null,
   '[{"name": "Gavn for flest børn", "weight": 40}, {"name": "Tidlig indsats", "weight": 35}, {"name": "Pris pr. barn", "weight": 25}]',
   '[]', 'c0000000-0000-4000-8000-000000000007', '2026-11-26 21:30+01');
-- The handed-over assembly's support votes (counts only) and a minority statement, as recorded
-- when they were adopted on 13 June 2026.
insert into app.recommendation_votes (recommendation_id, threshold_pct, base, opened_at, closed_at, support, accept, oppose, adopted) values
  ('7ec00000-0000-4000-8000-000000000031', 75, 'cast', '2026-06-13 10:30+02', '2026-06-13 11:00+02', 8, 3, 1, true),
  ('7ec00000-0000-4000-8000-000000000032', 75, 'cast', '2026-06-13 11:00+02', '2026-06-13 11:20+02', 11, 1, 0, true),
  ('7ec00000-0000-4000-8000-000000000033', 75, 'cast', '2026-06-13 11:20+02', '2026-06-13 11:40+02', 6, 3, 3, true),
  ('7ec00000-0000-4000-8000-000000000034', 75, 'cast', '2026-06-13 13:00+02', '2026-06-13 13:30+02', 7, 4, 1, true);
insert into app.minority_statements (id, recommendation_id, author_person_id, body, created_at) values
  ('a1000000-0000-4000-8000-000000000033', '7ec00000-0000-4000-8000-000000000033', 'c0000000-0000-4000-8000-000000000304',
   'Vi er enige i mere natur, men færre slåninger må ikke gå ud over legepladser og boldbaner.', '2026-06-13 12:00+02');
insert into app.minority_statement_signers (statement_id, person_id, signed_at) values
  ('a1000000-0000-4000-8000-000000000033', 'c0000000-0000-4000-8000-000000000304', '2026-06-13 12:00+02'),
  ('a1000000-0000-4000-8000-000000000033', 'c0000000-0000-4000-8000-000000000310', '2026-06-13 12:05+02');

-- === Council responses ===
-- The handover above created the climate assembly's response rounds (3 and 12 months after
-- 20 August 2026, the evaluation on 1 September 2027, the conclusion not yet dated). The council
-- published its 3-month round on 27 November 2026 — a week after the 20 November due date, which
-- the public page keeps showing — and corrected one response on 30 November. The 12-month round
-- (due 20 August 2027) has drafts for three of the four recommendations.
insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee,
  case_number, decision_committee, meeting_on, decision_text, progress_pct, milestones, written_by, created_at)
select r.id, x.recommendation_id, x.status::app.response_status, x.explanation, x.reason, x.committee,
  x.case_number, x.decision_committee, x.meeting_on::date, x.decision_text, x.progress_pct, x.milestones::jsonb,
  'b0000000-0000-4000-8000-000000000032', '2026-11-24 13:00+01'
from app.response_rounds r,
(values
  ('7ec00000-0000-4000-8000-000000000031'::uuid, 'partly_followed',
   'Byrådet opretter to nye buslinjer i landdistrikterne fra køreplanskiftet i august 2027 og udvider flextrafikken.',
   'En fuld udbygning koster 4,5 mio. kr. om året; byrådet har afsat 2,5 mio. kr. i budget 2027.',
   'Teknik- og Miljøudvalget', '26/1187', 'Byrådet', '2026-10-28',
   'Anbefalingen følges delvist; administrationen udarbejder forslag til to nye linjer.', 20,
   '[{"on": "2027-03-01", "text": "Forslag til nye linjer i høring"}, {"on": "2027-08-08", "text": "Nye linjer kører"}]'),
  ('7ec00000-0000-4000-8000-000000000032'::uuid, 'followed',
   'Solceller sættes op på alle egnede kommunale tage i 2027–2028, finansieret af energibesparelsen.',
   '', 'Økonomiudvalget', '26/1190', 'Økonomiudvalget', '2026-10-14',
   'Anbefalingen følges. Anlægsbevilling på 12 mio. kr. godkendt.', 10,
   '[{"on": "2027-02-01", "text": "Udbud af solcelleanlæg"}, {"on": "2027-12-31", "text": "Halvdelen af tagene er færdige"}]'),
  ('7ec00000-0000-4000-8000-000000000033'::uuid, 'not_followed',
   'Arealerne bevares som i dag; driften af grønne områder gennemgås i budget 2028.',
   'Flere arealer er udlejet til landbrug på kontrakter, der løber til 2029.',
   'Teknik- og Miljøudvalget', '26/1201', 'Teknik- og Miljøudvalget', '2026-11-04',
   'Taget til efterretning.', null, '[]'),
  ('7ec00000-0000-4000-8000-000000000034'::uuid, 'pending',
   'Metoden behandles sammen med kommunens klimaplan i foråret 2027.',
   'Klimaplanen er i høring til 15. februar 2027; udvalget vil se metoden i sammenhæng med den.',
   'Økonomiudvalget', null, null, null, null, null, '[]')
) as x (recommendation_id, status, explanation, reason, committee, case_number, decision_committee,
        meeting_on, decision_text, progress_pct, milestones)
where r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and r.kind = 'three_months';

update app.response_rounds set published_at = '2026-11-27 10:00+01', published_by = 'b0000000-0000-4000-8000-000000000032'
where assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and kind = 'three_months';

-- The correction: the decision's case number was wrong, and the budget figure is now final.
insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee,
  case_number, decision_committee, meeting_on, decision_text, progress_pct, milestones, correction_note, written_by, created_at)
select x.round_id, x.recommendation_id, x.status, x.explanation,
  'En fuld udbygning koster 4,5 mio. kr. om året; byrådet har afsat 2,8 mio. kr. i budget 2027.',
  x.committee, '26/1178', x.decision_committee, x.meeting_on, x.decision_text, x.progress_pct, x.milestones,
  'Sagsnummeret var forkert, og beløbet i budget 2027 er rettet til det vedtagne.',
  x.written_by, '2026-11-30 09:00+01'
from app.responses x join app.response_rounds r on r.id = x.round_id
where r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and r.kind = 'three_months'
  and x.recommendation_id = '7ec00000-0000-4000-8000-000000000031';
update app.responses x set published_at = '2026-11-30 09:30+01'
from app.response_rounds r
where r.id = x.round_id and r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and r.kind = 'three_months'
  and x.published_at is null;

insert into app.responses (round_id, recommendation_id, status, explanation, reason, committee,
  case_number, decision_committee, meeting_on, decision_text, progress_pct, milestones, written_by, created_at)
select r.id, x.recommendation_id, x.status::app.response_status, x.explanation, x.reason, x.committee,
  x.case_number, x.decision_committee, x.meeting_on::date, x.decision_text, x.progress_pct, x.milestones::jsonb,
  'b0000000-0000-4000-8000-000000000032', '2026-12-01 11:00+01'
from app.response_rounds r,
(values
  ('7ec00000-0000-4000-8000-000000000031'::uuid, 'partly_followed',
   'To nye buslinjer er vedtaget og kører fra august 2027; flextrafikken er udvidet til aftentimerne.',
   'Den tredje linje, panelet foreslog, er ikke finansieret.',
   'Teknik- og Miljøudvalget', '26/1178', 'Byrådet', '2026-10-28',
   'Anbefalingen følges delvist; to nye linjer.', 60,
   '[{"on": "2027-03-01", "text": "Forslag til nye linjer i høring"}, {"on": "2027-08-08", "text": "Nye linjer kører"}]'),
  ('7ec00000-0000-4000-8000-000000000032'::uuid, 'followed',
   'Udbuddet er afsluttet, og de første 14 tage har solceller.',
   '', 'Økonomiudvalget', '26/1190', 'Økonomiudvalget', '2026-10-14',
   'Anbefalingen følges. Anlægsbevilling på 12 mio. kr. godkendt.', 45, '[]'),
  ('7ec00000-0000-4000-8000-000000000033'::uuid, 'not_followed',
   'Arealerne bevares som i dag indtil forpagtningerne udløber i 2029.',
   'Forpagtningskontrakterne kan ikke opsiges før 2029.',
   'Teknik- og Miljøudvalget', '26/1201', 'Teknik- og Miljøudvalget', '2026-11-04',
   'Taget til efterretning.', null, '[]')
) as x (recommendation_id, status, explanation, reason, committee, case_number, decision_committee,
        meeting_on, decision_text, progress_pct, milestones)
where r.assembly_id = 'a55e0b1e-0000-4000-8000-000000000003' and r.kind = 'twelve_months';
-- Those mails went out when the round was published.
update app.mail_outbox set sent_at = (payload ->> 'published_at')::timestamptz, attempts = 1
where kind = 'response_round_published' and sent_at is null;

-- === Deliberation, hearing and budget calendar ===
-- Two threads between sessions in the welfare assembly (members only until handover), and one
-- published thread in the handed-over climate assembly (public). Posts are dated in November 2026.
insert into app.deliberation_threads (id, assembly_id, welfare_area_id, title, question, created_by, created_at) values
  ('de110000-0000-4000-8000-000000000001', 'a55e0b1e-0000-4000-8000-000000000001',
   (select id from app.welfare_areas where assembly_id = 'a55e0b1e-0000-4000-8000-000000000001' and name = 'Social omsorg'),
   'Skal ældreplejen have en større del af budgettet?',
   'Flere over 80 år betyder flere udgifter. Hvor skal pengene komme fra?',
   'b0000000-0000-4000-8000-000000000002', '2026-11-20 09:00+01'),
  ('de110000-0000-4000-8000-000000000002', 'a55e0b1e-0000-4000-8000-000000000001', null,
   'Hvad er vigtigst for jer før næste møde?', '', 'b0000000-0000-4000-8000-000000000002', '2026-11-21 09:00+01'),
  ('de110000-0000-4000-8000-000000000003', 'a55e0b1e-0000-4000-8000-000000000003', null,
   'Busser eller cykelstier i landdistrikterne?', 'Hvad hjælper flest mennesker væk fra bilen?',
   'b0000000-0000-4000-8000-000000000033', '2026-05-02 09:00+02');

insert into app.deliberation_posts (id, thread_id, parent_id, author_person_id, stance, body, created_at) values
  ('de120000-0000-4000-8000-000000000001', 'de110000-0000-4000-8000-000000000001', null,
   (select id from app.people where email = 'medlem03@demo.samraad.dk'), 'for',
   'Ja. Vi bliver flere ældre, og hjemmeplejen mangler allerede hænder. Det er **kernevelfærd**.', '2026-11-22 19:10+01'),
  ('de120000-0000-4000-8000-000000000002', 'de110000-0000-4000-8000-000000000001', null,
   (select id from app.people where email = 'medlem08@demo.samraad.dk'), 'against',
   'Nej, ikke hvis det går ud over skolerne. Forebyggelse hos børn sparer penge senere.', '2026-11-23 20:05+01'),
  ('de120000-0000-4000-8000-000000000003', 'de110000-0000-4000-8000-000000000001', 'de120000-0000-4000-8000-000000000002',
   (select id from app.people where email = 'medlem03@demo.samraad.dk'), 'question',
   'Har vi tal på, hvor meget forebyggelsen sparer?', '2026-11-24 08:30+01'),
  ('de120000-0000-4000-8000-000000000004', 'de110000-0000-4000-8000-000000000003', null,
   (select id from app.people where email = 'klima02@demo.samraad.dk'), 'for',
   'Busser: dem kan alle bruge, også dem der ikke kan cykle.', '2026-05-03 18:00+02'),
  ('de120000-0000-4000-8000-000000000005', 'de110000-0000-4000-8000-000000000003', null,
   (select id from app.people where email = 'klima05@demo.samraad.dk'), 'against',
   'Cykelstier er billigere at drive, og børnene kan selv komme i skole.', '2026-05-04 18:00+02');
insert into app.deliberation_mind_changes (post_id, person_id)
select 'de120000-0000-4000-8000-000000000002', id from app.people where email in ('medlem10@demo.samraad.dk', 'medlem11@demo.samraad.dk');
update app.deliberation_threads set is_published = true, closed_at = '2026-06-13 15:00+02'
where id = 'de110000-0000-4000-8000-000000000003';
