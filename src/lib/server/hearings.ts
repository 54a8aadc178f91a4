import type { SupabaseClient } from '@supabase/supabase-js';
import { m } from '$lib/paraglide/messages.js';
import { formatDateTime } from '$lib/format';
import { api, ApiError, unwrap } from './api';
import type { Mail } from './mail/mailer';
import { runtime } from './runtime';
import { redact } from './web-security';

export interface Hearing {
	id: string;
	title: string;
	description: string;
	deadline_at: string;
	closed_at: string | null;
	is_closed: boolean;
	created_at: string;
	party_count: number;
	/** Before the close: for the secretariat only (others see 0). */
	response_count: number;
}

export interface HearingParty {
	id: string;
	name: string;
	submitted_at: string | null;
}

/** A published response; its id is stable, for the council's responses to cite. */
export interface HearingResponse {
	id: string;
	party_name: string;
	overall_text: string;
	file_name: string | null;
	byte_size: number | null;
	submitted_at: string;
	items: { recommendation_id: string; number: number; body: string }[];
}

/** What the holder of a party's link sees. */
export interface HearingInvitation {
	party_id: string;
	party_name: string;
	hearing: {
		id: string;
		title: string;
		description: string;
		deadline_at: string;
		closed_at: string | null;
		is_closed: boolean;
		assembly_id: string;
		assembly_title: string;
	};
	recommendations: { id: string; number: number; kind: string; title: string; body_md: string }[];
	response: {
		id: string;
		overall_text: string;
		file_name: string | null;
		submitted_at: string;
		items: { recommendation_id: string; body: string }[];
	} | null;
}

export async function hearings(supabase: SupabaseClient, assemblyId: string): Promise<Hearing[]> {
	return unwrap(await api(supabase).rpc('hearings', { assembly_id: assemblyId }, { get: true }));
}

export async function hearingParties(
	supabase: SupabaseClient,
	hearingId: string
): Promise<HearingParty[]> {
	return unwrap(
		await api(supabase).rpc('hearing_parties', { hearing_id: hearingId }, { get: true })
	);
}

export async function hearingResponses(
	supabase: SupabaseClient,
	hearingId: string
): Promise<HearingResponse[]> {
	return unwrap(
		await api(supabase).rpc('hearing_responses', { hearing_id: hearingId }, { get: true })
	);
}

export async function hearingResponseFile(
	supabase: SupabaseClient,
	responseId: string
): Promise<{ sha256: string; file_name: string; content_type: string; byte_size: number } | null> {
	const rows: { sha256: string; file_name: string; content_type: string; byte_size: number }[] =
		unwrap(
			await api(supabase).rpc('hearing_response_file', { response_id: responseId }, { get: true })
		);
	return rows[0] ?? null;
}

/**
 * Opens a hearing and returns each party's link token: the only moment it exists outside the
 * party's hands (the database keeps its hash).
 */
export async function openHearing(
	supabase: SupabaseClient,
	assemblyId: string,
	input: {
		title: string;
		description: string;
		deadline_at: string;
		parties: { name: string }[];
	}
): Promise<{ party_id: string; name: string; token: string }[]> {
	return unwrap(await api(supabase).rpc('open_hearing', { assembly_id: assemblyId, ...input }));
}

/** Invites one more party to an open hearing; its link token, returned this once. */
export async function addHearingParty(
	supabase: SupabaseClient,
	hearingId: string,
	name: string
): Promise<{ party_id: string; name: string; token: string }> {
	const rows: { party_id: string; name: string; token: string }[] = unwrap(
		await api(supabase).rpc('add_hearing_party', { hearing_id: hearingId, party_name: name })
	);
	return rows[0]!;
}

/** The mail that brings a party its personal link. Danish first, with the English beneath. */
export function hearingInvitationMail(
	to: string,
	party: string,
	hearing: { title: string; deadline_at: string; assembly_title: string },
	link: string
): Mail {
	const deadline = formatDateTime(hearing.deadline_at, 'da');
	return {
		to,
		subject: `Høring: ${hearing.title}`,
		text: [
			`Til ${party}`,
			'',
			`${hearing.assembly_title} har afleveret sine anbefalinger til byrådet, og I er høringsberettiget part.`,
			`Fristen for jeres høringssvar er ${deadline}.`,
			'',
			`Jeres personlige link (del det ikke uden for jeres organisation): ${link}`,
			'',
			'Hver part svarer én gang. Alle høringssvar bliver offentlige samtidig, når høringen lukker.',
			'',
			'—',
			`${party}: you are invited to respond to the hearing “${hearing.title}” by ${formatDateTime(hearing.deadline_at, 'en')}. Your personal link: ${link}`
		].join('\n')
	};
}

/**
 * Mails each party that has an address its link. The address is used for this mail only and never
 * stored; the links are sent straight away (not through the outbox, which would keep the token).
 * Returns, per party name, whether the mail went out (the screen shows the link regardless).
 */
export async function mailHearingLinks(
	links: { name: string; email: string | null; url: string }[],
	hearing: { title: string; deadline_at: string; assembly_title: string }
): Promise<Map<string, boolean>> {
	const sent = new Map<string, boolean>();
	for (const link of links) {
		if (!link.email) continue;
		try {
			await runtime().mailer.send(hearingInvitationMail(link.email, link.name, hearing, link.url));
			sent.set(link.name, true);
		} catch (error) {
			console.error(
				'Samråd: a hearing link could not be mailed:',
				redact((error as Error).message)
			);
			sent.set(link.name, false);
		}
	}
	return sent;
}

export async function closeHearing(supabase: SupabaseClient, hearingId: string) {
	unwrap(await api(supabase).rpc('close_hearing', { hearing_id: hearingId }));
}

export async function hearingInvitation(
	supabase: SupabaseClient,
	token: string
): Promise<HearingInvitation | null> {
	return unwrap(await api(supabase).rpc('hearing_invitation', { token }));
}

export async function submitHearingResponse(
	supabase: SupabaseClient,
	token: string,
	input: {
		overall_text: string;
		items: { recommendation_id: string; body: string }[];
		file: { name: string; type: string; size: number; sha256: string } | null;
	}
): Promise<string> {
	return unwrap(
		await api(supabase).rpc('submit_hearing_response', {
			token,
			overall_text: input.overall_text,
			items: input.items,
			file_name: input.file?.name ?? null,
			content_type: input.file?.type ?? null,
			byte_size: input.file?.size ?? null,
			file_sha256: input.file?.sha256 ?? null
		})
	);
}

/** The message for a refusal of the hearing, by the database's detail key. */
export function hearingRefusal(error: unknown): { field: string; message: string } | null {
	if (!(error instanceof ApiError)) return null;
	switch (error.details) {
		case 'hearing_closed':
			return { field: '_form', message: m.hearing_error_closed() };
		case 'hearing_already_answered':
			return { field: '_form', message: m.hearing_error_answered() };
		case 'hearing_response_empty':
			return { field: 'overall_text', message: m.hearing_error_empty() };
		case 'hearing_link_unknown':
			return { field: '_form', message: m.hearing_link_unknown() };
		case 'deadline_past':
			return { field: 'deadline_date', message: m.hearing_error_deadline_past() };
		case 'not_handed_over':
			return { field: '_form', message: m.hearing_error_not_handed_over() };
		case 'recommendation_unknown':
			return { field: '_form', message: m.field_choice() };
		default:
			return null;
	}
}
