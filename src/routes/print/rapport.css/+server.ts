import { REPORT_CSS } from '$lib/recommendations/report-css';
import { stylesheet } from '$lib/server/stylesheet';
import type { RequestHandler } from './$types';

/** The handover report's styles, for the printable page (the PDF inlines the same CSS). */
export const GET: RequestHandler = () => stylesheet(REPORT_CSS);
