/**
 * What the logs may say about an error: its class and its code (SQLSTATE, errno), never its message. Database
 * errors quote the values they failed on (drizzle's "Failed query" carries every parameter of the statement:
 * one failed batch logged ~210 KB of rows, customer names included), and a file-system error names paths.
 */
export function safeErrorSummary(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  // drizzle wraps the driver's error ("Failed query: …", the driver's error as its cause): both are named.
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e !== "object") {
      parts.push(typeof e);
      break;
    }
    const { name, code } = e as { name?: unknown; code?: unknown };
    // A bundled driver's class may be minified to one letter: its `name` says more then.
    let cls = (e as object).constructor?.name ?? "";
    if (cls.length < 3) cls = typeof name === "string" && name ? name : "Error";
    parts.push(typeof code === "string" && /^[A-Z0-9_]{2,40}$/.test(code) ? `${cls} ${code}` : cls);
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(" ← ") || "unknown error";
}
