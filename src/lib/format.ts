/**
 * Formatting for da-DK first (en second): amounts in mio. kr., calendar dates and times in
 * Europe/Copenhagen. Pure: no SvelteKit imports, so it runs anywhere and is unit-tested directly.
 */
export type Locale = 'da' | 'en';

const TIME_ZONE = 'Europe/Copenhagen';
const intlLocale = (locale: Locale) => (locale === 'da' ? 'da-DK' : 'en-GB');

/** 1184.5 → "1.184,5 mio. kr." (da) / "DKK 1,184.5 million" (en). */
export function formatMio(value: number | string, locale: Locale = 'da'): string {
	const number = new Intl.NumberFormat(intlLocale(locale), {
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(Number(value));
	return locale === 'da' ? `${number} mio. kr.` : `DKK ${number} million`;
}

/** A calendar date ('2027-03-15') as "15. marts 2027" / "15 March 2027", never shifted by time zones. */
export function formatDate(isoDate: string, locale: Locale = 'da'): string {
	const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
	return new Intl.DateTimeFormat(intlLocale(locale), {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(Date.UTC(year!, month! - 1, day!)));
}

/** An instant as date and time in Copenhagen: "25. nov. 2026 kl. 14.07". */
export function formatDateTime(instant: Date | string, locale: Locale = 'da'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: TIME_ZONE
	}).format(new Date(instant));
}

/** Today's calendar date in Copenhagen as 'YYYY-MM-DD'. */
export function todayInCopenhagen(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(now);
}

/**
 * A session's date and clock times in Copenhagen:
 * "torsdag den 26. november 2026 kl. 17.00–21.00" / "Thursday, 26 November 2026, 17:00–21:00".
 */
export function formatSessionTime(
	startsAt: Date | string,
	endsAt: Date | string,
	locale: Locale = 'da'
): string {
	const day = new Intl.DateTimeFormat(intlLocale(locale), {
		weekday: 'long',
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: TIME_ZONE
	}).format(new Date(startsAt));
	const clock = new Intl.DateTimeFormat(intlLocale(locale), {
		hour: '2-digit',
		minute: '2-digit',
		timeZone: TIME_ZONE
	});
	const times = `${clock.format(new Date(startsAt))}–${clock.format(new Date(endsAt))}`;
	return locale === 'da' ? `${day} kl. ${times}` : `${day}, ${times}`;
}

/** The calendar date and clock time of an instant in Copenhagen, as form fields want them. */
export function copenhagenParts(instant: Date | string): { date: string; time: string } {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).formatToParts(new Date(instant));
	const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
	return {
		date: `${get('year')}-${get('month')}-${get('day')}`,
		time: `${get('hour')}:${get('minute')}`
	};
}
