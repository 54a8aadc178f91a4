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
