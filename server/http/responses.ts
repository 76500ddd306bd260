/** A short plain-text answer that no cache keeps (refusals decided before any page or data is involved). */
export function pageText(status: number, message: string): Response {
  return new Response(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
