import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signatureHeader, verifySignature } from "./signature";
import { refusedAddress, refusedUrl } from "./address";

const SECRET = "whsec_test-secret";
const BODY = '{"id":"e1","type":"test"}';

describe("webhook signatures", () => {
  it("signs the timestamp and the body with HMAC-SHA256, as t=…,v1=…", () => {
    const expected = createHmac("sha256", SECRET).update(`1767225600.${BODY}`).digest("hex");
    expect(signatureHeader(SECRET, 1767225600, BODY)).toBe(`t=1767225600,v1=${expected}`);
  });

  it("a receiver accepts the header for the same body and secret within five minutes", () => {
    const header = signatureHeader(SECRET, 1767225600, BODY);
    expect(verifySignature(header, SECRET, BODY, { now: 1767225600 + 299 })).toBe(true);
  });

  it("refuses another body, another secret, an old timestamp or a missing header", () => {
    const header = signatureHeader(SECRET, 1767225600, BODY);
    const now = 1767225600;
    expect(verifySignature(header, SECRET, BODY.replace("test", "tost"), { now })).toBe(false);
    expect(verifySignature(header, "whsec_other", BODY, { now })).toBe(false);
    expect(verifySignature(header, SECRET, BODY, { now: now + 301 })).toBe(false);
    expect(verifySignature(null, SECRET, BODY, { now })).toBe(false);
    expect(verifySignature(header.replace(/t=\d+/, "t=1767225601"), SECRET, BODY, { now })).toBe(false);
  });
});

describe("webhook addresses", () => {
  const strict = { allowLoopback: false };
  it("refuses the metadata service, link-local, loopback and unspecified addresses", () => {
    for (const a of [
      "169.254.169.254",
      "169.254.1.1",
      "127.0.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "::ffff:169.254.169.254",
    ])
      expect(refusedAddress(a, strict), a).not.toBeNull();
  });
  it("allows public and private network addresses, and loopback only when the setting allows it", () => {
    for (const a of ["20.190.160.1", "10.1.2.3", "192.168.1.10", "2603:1030::1"])
      expect(refusedAddress(a, strict), a).toBeNull();
    expect(refusedAddress("127.0.0.1", { allowLoopback: true })).toBeNull();
    expect(refusedAddress("169.254.169.254", { allowLoopback: true })).not.toBeNull();
  });
  it("takes http and https URLs without credentials only", () => {
    expect(refusedUrl("https://hooks.example.com/x")).toBeNull();
    expect(refusedUrl("ftp://hooks.example.com/x")).toMatch(/https:\/\//);
    expect(refusedUrl("https://user:pw@hooks.example.com/x")).toMatch(/user name or password/);
    expect(refusedUrl("not a url")).toMatch(/full URL/);
  });
});
