-- Retention meets the council's responses (written side by side): contact details now last until
-- the council's last dated response round or the evaluation, whichever is later (before any round
-- exists: the evaluation date, or else the 12-month round's date), and the public's e-mail
-- subscriptions to the responses get their own rule.
create or replace function private.contact_retention_ends_on(p_assembly app.assemblies) returns date
language sql stable set search_path = ''
as $$
  select coalesce(
    greatest(p_assembly.evaluation_on,
      (select max(r.due_on) from app.response_rounds r where r.assembly_id = p_assembly.id)),
    (p_assembly.handover_on + interval '12 months')::date)
$$;

insert into private.retention_rules (key, position, table_name, personal_data, action, condition, expires, keeps) values
('response_subscribers', 55, 'app.response_subscribers',
 'the e-mail address of a member of the public following the council''s responses',
 'delete',
 $c$(t.confirmed_at is null and t.confirm_sent_at + interval '7 days' < $1)
    or exists (select 1 from app.assemblies a where a.id = t.assembly_id
      and private.contact_retention_ends_on(a) < ($1 at time zone 'Europe/Copenhagen')::date)$c$,
 'unconfirmed: 7 days after the confirmation mail; confirmed: with the contact details (the last response round or the evaluation); at once on unsubscribe',
 'nothing: the number of subscribers is not kept');
