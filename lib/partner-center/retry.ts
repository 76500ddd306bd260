/**
 * When to try a Microsoft request again: 429 (throttled) and 5xx are retried with exponential backoff, honouring
 * a `Retry-After` header (seconds or an HTTP date) when the server sends one, within a ceiling.
 */
export const MAX_HTTP_ATTEMPTS = 5;
const BASE_MS = 1_000;
const CEILING_MS = 60_000;

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Milliseconds a Retry-After header asks for, or null when it is absent or not understood. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** Longest Retry-After honoured as given; a longer one (or a date far ahead) is taken as an hour. */
const RETRY_AFTER_CEILING_MS = 60 * 60_000;

/**
 * The wait before attempt `attempt + 1` (attempt counts from 1): Retry-After when given (the server knows
 * best), else 1 s, 2 s, 4 s … up to a minute.
 */
export function retryDelayMs(attempt: number, retryAfter: number | null): number {
  if (retryAfter !== null) return Math.min(RETRY_AFTER_CEILING_MS, retryAfter);
  return Math.min(CEILING_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/** Poll interval for a report execution that is still running: 30 s, 1 min, 2 min … at most 15 min. */
export function pollDelayMs(polls: number, baseMs = 30_000): number {
  return Math.min(15 * 60_000, baseMs * 2 ** Math.max(0, polls));
}
