import { describe, expect, it } from "vitest";
import { ConfigError, connectorEnv, parseEnv } from "./env";

describe("server configuration", () => {
  it("uses the embedded database when DATABASE_URL is unset or empty", () => {
    expect(parseEnv({}).DATABASE_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: "" }).PGLITE_DIR).toBe(".data/pglite");
  });

  it("refuses to start in production without AUTH_SECRET, in one sentence naming the variable", () => {
    const err = (() => {
      try {
        parseEnv({ NODE_ENV: "production" });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/AUTH_SECRET is required in production/);
    expect((err as Error).message).not.toContain("\n");
  });

  it("rejects a DATABASE_URL that is not a PostgreSQL URL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgres/);
  });

  it("takes an owner role for migrations only beside DATABASE_URL", () => {
    const owner = "postgres://owner@db:5432/pcp";
    expect(
      parseEnv({ DATABASE_URL: "postgres://app@db:5432/pcp", MIGRATION_DATABASE_URL: owner }).MIGRATION_DATABASE_URL,
    ).toBe(owner);
    expect(() => parseEnv({ MIGRATION_DATABASE_URL: owner })).toThrow(
      /MIGRATION_DATABASE_URL is set without DATABASE_URL/,
    );
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });

  it("refuses a plain-HTTP Entra issuer unless it is a loopback test provider", () => {
    const entra = { AUTH_MICROSOFT_ENTRA_ID_ID: "id", AUTH_MICROSOFT_ENTRA_ID_SECRET: "secret" };
    expect(() =>
      parseEnv({ ...entra, AUTH_MICROSOFT_ENTRA_ID_ISSUER: "http://login.example.com/tenant/v2.0" }),
    ).toThrow(/must be an https:\/\/ URL/);
    expect(
      parseEnv({ ...entra, AUTH_MICROSOFT_ENTRA_ID_ISSUER: "http://127.0.0.1:3199" }).AUTH_MICROSOFT_ENTRA_ID_ISSUER,
    ).toBe("http://127.0.0.1:3199");
  });

  it("asks for all three Entra variables or none", () => {
    expect(() => parseEnv({ AUTH_MICROSOFT_ENTRA_ID_ID: "id" })).toThrow(/needs all three/);
  });

  it("refuses a malformed encryption key at start-up, naming the variable", () => {
    expect(() => parseEnv({ PCP_ENCRYPTION_KEY: "too-short" })).toThrow(ConfigError);
    expect(() => parseEnv({ PCP_ENCRYPTION_KEY_PREVIOUS: "dG9vIHNob3J0" })).toThrow(
      /PCP_ENCRYPTION_KEY_PREVIOUS must be 32 random bytes in base64/,
    );
  });

  it("points the Partner Center connector at Microsoft unless told otherwise, and has no key by default", () => {
    const env = connectorEnv({});
    expect(env.PARTNER_CENTER_API_URL).toBe("https://api.partnercenter.microsoft.com");
    expect(env.PARTNER_CENTER_AUTHORITY_URL).toBe("https://login.microsoftonline.com");
    expect(env.keys).toEqual([]);
    const key = Buffer.alloc(32, 1).toString("base64");
    expect(
      connectorEnv({ PCP_ENCRYPTION_KEY: key, PCP_ENCRYPTION_KEY_PREVIOUS: Buffer.alloc(32, 2).toString("base64") })
        .keys,
    ).toHaveLength(2);
  });
});
