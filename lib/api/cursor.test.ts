import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, queryFingerprint } from "./cursor";

describe("paging cursors", () => {
  const query = queryFingerprint({ q: "contoso", status: "gained", sort: "name", dir: "asc", month: "2026-10" });

  it("round-trip the position for the query they were made for", () => {
    const text = encodeCursor({ offset: 500, query });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, query)).toEqual({ offset: 500, query });
  });

  it("are refused for another query (other filters, another month)", () => {
    const other = queryFingerprint({ q: "contoso", status: "lost", sort: "name", dir: "asc", month: "2026-10" });
    expect(other).not.toBe(query);
    expect(decodeCursor(encodeCursor({ offset: 500, query }), other)).toBeNull();
  });

  it("do not depend on the order of the query's keys", () => {
    expect(queryFingerprint({ a: 1, b: 2 })).toBe(queryFingerprint({ b: 2, a: 1 }));
  });

  it("that are malformed or tampered with are refused", () => {
    expect(decodeCursor("not base64!", query)).toBeNull();
    expect(decodeCursor(Buffer.from("{").toString("base64url"), query)).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ o: -1, q: query })).toString("base64url"), query)).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ o: 1.5, q: query })).toString("base64url"), query)).toBeNull();
    expect(decodeCursor("", query)).toBeNull();
  });
});
