/**
 * Session lifetimes (docs/auth.md). NIST SP 800-63B AAL2, which ASVS 4.0 level 2 follows: re-authentication
 * after 30 minutes without activity, and at least every 12 hours whatever the activity; the portal keeps its
 * working day of 8 hours. Neither is extended by re-issuing the cookie.
 */
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60_000;
/** Between a right password and the authenticator code. */
export const SECOND_FACTOR_WINDOW_MS = 10 * 60_000;
/** last_seen_at is written at most this often per session (not on every request). */
export const SESSION_TOUCH_MS = 60_000;

export type SessionRecord = {
  userId: string;
  awaitingSecondFactor: boolean;
  sessionVersion: number;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
};

export type SessionState = "active" | "awaiting_second_factor" | "ended";

/** What a session row allows now, for a user whose current session version is `userSessionVersion`. */
export function sessionState(s: SessionRecord, userSessionVersion: number, now: Date): SessionState {
  const t = now.getTime();
  if (s.endedAt !== null || s.sessionVersion !== userSessionVersion || s.expiresAt.getTime() <= t) return "ended";
  if (s.awaitingSecondFactor)
    return s.createdAt.getTime() + SECOND_FACTOR_WINDOW_MS > t ? "awaiting_second_factor" : "ended";
  return s.lastSeenAt.getTime() + SESSION_IDLE_MS > t ? "active" : "ended";
}

/** A short, human description of a browser from its User-Agent, for the list of sessions. */
export function describeUserAgent(ua: string | null): string {
  if (!ua) return "Unknown device";
  const browser = /Edg\//.test(ua)
    ? "Edge"
    : /Firefox\//.test(ua)
      ? "Firefox"
      : /Chrome\/|Chromium\//.test(ua)
        ? "Chrome"
        : /Safari\//.test(ua)
          ? "Safari"
          : null;
  const os = /Windows/.test(ua)
    ? "Windows"
    : /iPhone|iPad/.test(ua)
      ? "iOS"
      : /Mac OS X/.test(ua)
        ? "macOS"
        : /Android/.test(ua)
          ? "Android"
          : /Linux/.test(ua)
            ? "Linux"
            : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? ua.slice(0, 60);
}
