import { describe, expect, it } from "vitest";
import { externalClaimsFrom } from "./external-claims";

const ISSUER = "https://login.microsoftonline.com/tenant/v2.0";

describe("external claims", () => {
  it("keys the identity by issuer and subject and lower-cases the address", () => {
    expect(
      externalClaimsFrom(
        { iss: ISSUER, sub: "abc", email: "Ada@Partner.Test", email_verified: true, name: "Ada" },
        "x",
      ),
    ).toEqual({ issuer: ISSUER, subject: "abc", email: "ada@partner.test", emailVerified: true, name: "Ada" });
  });

  it("counts an address as verified only with email_verified or Entra's xms_edov", () => {
    const base = { iss: ISSUER, sub: "abc", email: "ada@partner.test" };
    expect(externalClaimsFrom(base, ISSUER)?.emailVerified).toBe(false);
    expect(externalClaimsFrom({ ...base, email_verified: false }, ISSUER)?.emailVerified).toBe(false);
    expect(externalClaimsFrom({ ...base, email_verified: "false" }, ISSUER)?.emailVerified).toBe(false);
    expect(externalClaimsFrom({ ...base, xms_edov: true }, ISSUER)?.emailVerified).toBe(true);
    expect(externalClaimsFrom({ ...base, xms_edov: "1" }, ISSUER)?.emailVerified).toBe(true);
  });

  it("never takes preferred_username as an address, verified or not", () => {
    const c = externalClaimsFrom(
      { iss: ISSUER, sub: "abc", preferred_username: "ada@partner.test", xms_edov: true },
      ISSUER,
    );
    expect(c).toMatchObject({ email: null, emailVerified: false });
  });

  it("refuses a token without a subject, and falls back to the configured issuer", () => {
    expect(externalClaimsFrom({ iss: ISSUER, email: "a@b.test" }, ISSUER)).toBeNull();
    expect(externalClaimsFrom({ sub: "abc" }, ISSUER)?.issuer).toBe(ISSUER);
  });
});
