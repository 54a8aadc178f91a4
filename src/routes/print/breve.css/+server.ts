import { LETTER_CSS } from '$lib/recruitment/letters';
import { stylesheet } from '$lib/server/stylesheet';
import type { RequestHandler } from './$types';

/** The invitation letters' styles, for the printable page (the PDF inlines the same CSS). */
export const GET: RequestHandler = () => stylesheet(LETTER_CSS);
