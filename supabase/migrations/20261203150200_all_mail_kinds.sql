-- The council's round mails and reminders and the members' deliberation digest were added to the
-- outbox side by side, each redefining the list of kinds; the list holds all of them.
alter table app.mail_outbox drop constraint mail_outbox_kind_check;
alter table app.mail_outbox add constraint mail_outbox_kind_check
  check (kind in ('material_digest', 'response_round_published', 'response_reminder', 'deliberation_digest'));
