/**
 * The cookie that remembers the organisation a person last opened, so `/`, the logo and sign-in take them back to
 * it (as Linear and Vercel do). It holds only a slug: the server checks the membership before following it.
 */
export const LAST_ORG_COOKIE = "pcp-last-org";
/** A year: the choice should outlive a session, and a stale slug is simply ignored. */
export const LAST_ORG_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;
