/** The cookie that holds a hearing party's link token after the link is opened (path /hoering). */
export const HEARING_COOKIE = 'samraad_hearing';
/** The shape of a hearing link's token: 32 random bytes in hex. */
export const HEARING_TOKEN = /^[0-9a-f]{64}$/;
