-- Registrations imported from a file (the Sortition Foundation's respondents.csv) are marked as
-- such, not passed off as paper forms. On its own: PostgreSQL 15 cannot use a new enum value in the
-- transaction that adds it, and api.import_respondents (next migration) uses it.

alter type app.registration_channel add value if not exists 'import';
