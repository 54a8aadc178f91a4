import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

/** What a calendar event needs of a session (the plan's Session rows carry all of it). */
export interface CalendarSession {
	id: string;
	assembly_id: string;
	title: string;
	starts_at: string;
	ends_at: string;
	place_name: string;
	address: string;
	room: string;
	online_url: string | null;
	description: string;
	cancelled_at: string | null;
	cancellation_reason: string;
	sequence: number;
	updated_at: string;
	agenda: { title: string; planned_minutes: number }[];
	assembly_title?: string;
}

export interface CalendarOptions {
	/** The calendar's name, e.g. "Samråd: Velfærdsborgersamlingen 2026–27". */
	name: string;
	/** The page of each session, for the event's URL. */
	sessionUrl: (session: CalendarSession) => string;
	/** Words used in the description ("Dagsorden", "Aflyst"). */
	labels: { agenda: string; cancelled: string; minutes: string };
}

/** The session's place as one line: "Hedensted Rådhus, Byrådssalen, Niels Espes Vej 8, 8722 Hedensted". */
export function placeLine(session: Pick<CalendarSession, 'place_name' | 'room' | 'address'>) {
	return [session.place_name, session.room, session.address].filter(Boolean).join(', ');
}

/**
 * An iCalendar (RFC 5545) document of sessions. Each event keeps its UID across changes and carries
 * the session's SEQUENCE, so a calendar that subscribed updates a moved session in place and shows a
 * cancelled one as cancelled (STATUS:CANCELLED) instead of silently dropping it. Times are written in
 * UTC, which every calendar application shows in its own zone.
 */
export function sessionsToIcs(sessions: CalendarSession[], options: CalendarOptions): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'Samraad', product: 'Samraad', language: 'DA' },
		method: ICalCalendarMethod.PUBLISH,
		ttl: 60 * 60
	});
	for (const session of sessions) {
		const agenda = session.agenda
			.map((item) => `• ${item.title} (${item.planned_minutes} ${options.labels.minutes})`)
			.join('\n');
		const description = [
			session.cancelled_at
				? `${options.labels.cancelled}: ${session.cancellation_reason}`.trim()
				: '',
			session.description,
			agenda ? `${options.labels.agenda}:\n${agenda}` : '',
			session.online_url ?? ''
		]
			.filter(Boolean)
			.join('\n\n');
		const title = session.assembly_title
			? `${session.title} (${session.assembly_title})`
			: session.title;
		calendar.createEvent({
			id: `${session.id}@samraad`,
			sequence: session.sequence,
			stamp: new Date(session.updated_at),
			lastModified: new Date(session.updated_at),
			start: new Date(session.starts_at),
			end: new Date(session.ends_at),
			summary: session.cancelled_at ? `${options.labels.cancelled}: ${title}` : title,
			location: placeLine(session) || session.online_url || null,
			description,
			url: options.sessionUrl(session),
			status: session.cancelled_at ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED
		});
	}
	return calendar.toString();
}
