-- A party can be invited to a hearing after it opened (a local council that was forgotten, a new
-- board), until the hearing closes; never after. The link's token is returned once, as at opening.

create function private.hearing_party_guard() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if private.hearing_is_closed(new.hearing_id) then
    raise exception 'The hearing has closed: no party can be invited' using errcode = 'P0001', detail = 'hearing_closed';
  end if;
  return new;
end
$$;
revoke execute on function private.hearing_party_guard() from public;
create trigger hearing_party_guard before insert on app.hearing_parties
  for each row execute function private.hearing_party_guard();

create function api.add_hearing_party(hearing_id uuid, party_name text)
returns table (party_id uuid, name text, token text)
language plpgsql security invoker set search_path = ''
as $$
declare
  secret text := encode(sha256(convert_to(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'UTF8')), 'hex');
begin
  if not exists (
    select 1 from app.hearings h
    where h.id = add_hearing_party.hearing_id
      and h.assembly_id in (select private.assemblies_where_i_am('{council,admin}'))) then
    raise exception 'Only the council''s secretariat or an administrator invites a party' using errcode = '42501';
  end if;
  party_id := gen_random_uuid();
  name := btrim(add_hearing_party.party_name);
  token := secret;
  insert into app.hearing_parties (id, hearing_id, name, token_sha256)
  values (party_id, add_hearing_party.hearing_id, name, encode(sha256(convert_to(secret, 'UTF8')), 'hex'));
  return next;
end
$$;
revoke execute on function api.add_hearing_party(uuid, text) from public;
grant execute on function api.add_hearing_party(uuid, text) to authenticated, service_role;
