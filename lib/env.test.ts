import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "./env";

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
});
