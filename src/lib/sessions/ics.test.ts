import { describe, expect, it } from 'vitest';
import { sessionsToIcs, type CalendarSession } from './ics';

const session = (overrides: Partial<CalendarSession> = {}): CalendarSession => ({
	id: '5e000000-0000-4000-8000-000000000004',
	assembly_id: 'a55e0b1e-0000-4000-8000-000000000001',
	title: 'Prioritering, første runde',
	starts_at: '2026-11-26T16:00:00Z',
	ends_at: '2026-11-26T20:00:00Z',
	place_name: 'Hedensted Rådhus',
	address: 'Niels Espes Vej 8, 8722 Hedensted',
	room: 'Byrådssalen',
	online_url: null,
	description: 'Første runde.',
	cancelled_at: null,
	cancellation_reason: '',
	sequence: 0,
	updated_at: '2026-11-20T10:00:00Z',
	agenda: [{ title: 'Velkommen', planned_minutes: 15 }],
	...overrides
});
const options = {
	name: 'Samråd',
	sessionUrl: (s: CalendarSession) => `https://samraad.example/m/${s.id}`,
	labels: { agenda: 'Dagsorden', cancelled: 'Aflyst', minutes: 'min.' }
};
/** Unfolds RFC 5545 line folding so assertions read whole properties. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('sessionsToIcs', () => {
	it('writes one event per session with a stable UID, UTC times, place and agenda', () => {
		const ics = unfold(sessionsToIcs([session()], options));
		expect(ics).toContain('BEGIN:VCALENDAR');
		expect(ics).toContain('UID:5e000000-0000-4000-8000-000000000004@samraad');
		expect(ics).toContain('DTSTART:20261126T160000Z');
		expect(ics).toContain('DTEND:20261126T200000Z');
		expect(ics).toContain(
			'LOCATION:Hedensted Rådhus\\, Byrådssalen\\, Niels Espes Vej 8\\, 8722 Hedensted'
		);
		expect(ics).toContain('Dagsorden:\\n• Velkommen (15 min.)');
		expect(ics).toContain('STATUS:CONFIRMED');
		expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
	});

	it('marks a moved session with its new SEQUENCE and a cancelled one as CANCELLED', () => {
		const ics = unfold(
			sessionsToIcs(
				[
					session({
						sequence: 2,
						starts_at: '2026-11-27T16:00:00Z',
						ends_at: '2026-11-27T20:00:00Z'
					}),
					session({
						id: '5e000000-0000-4000-8000-000000000006',
						sequence: 1,
						cancelled_at: '2026-11-25T09:00:00Z',
						cancellation_reason: 'Rådhuset er lukket'
					})
				],
				options
			)
		);
		expect(ics).toContain('SEQUENCE:2');
		expect(ics).toContain('DTSTART:20261127T160000Z');
		expect(ics).toContain('STATUS:CANCELLED');
		expect(ics).toContain('SUMMARY:Aflyst: Prioritering\\, første runde');
		expect(ics).toContain('Aflyst: Rådhuset er lukket');
	});

	it('uses the online link as the location of an online session', () => {
		const ics = unfold(
			sessionsToIcs(
				[
					session({ place_name: '', address: '', room: '', online_url: 'https://meet.example/abc' })
				],
				options
			)
		);
		expect(ics).toContain('LOCATION:https://meet.example/abc');
	});
});
