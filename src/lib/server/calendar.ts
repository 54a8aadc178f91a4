import { m } from '$lib/paraglide/messages.js';
import { sessionsToIcs, type CalendarSession } from '$lib/sessions/ics';

/** An .ics response: never cached by shared caches (a feed can hold online links), always fresh. */
export function icsResponse(
	sessions: CalendarSession[],
	name: string,
	origin: string,
	filename: string
): Response {
	const body = sessionsToIcs(sessions, {
		name,
		sessionUrl: (session) => `${origin}/borgersamling/${session.assembly_id}/moeder#${session.id}`,
		labels: {
			agenda: m.agenda_title(),
			cancelled: m.session_cancelled(),
			minutes: m.minutes_short()
		}
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${filename}"`,
			'cache-control': 'private, no-cache'
		}
	});
}
