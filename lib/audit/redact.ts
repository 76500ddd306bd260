/**
 * Removes anything secret from a value before it is written to the audit log: any key that looks
 * like a password, hash, token, secret or key is dropped at every depth.
 */
const SECRET_KEY = /pass(word)?|hash|token|secret|api[-_]?key|credential|cookie/i;

export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (depth > 8) return "[truncated]";
  if (Array.isArray(value)) return value.map((v) => redactForAudit(v, depth + 1));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY.test(k)) continue;
      out[k] = redactForAudit(v, depth + 1);
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}
