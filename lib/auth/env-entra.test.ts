import { describe, expect, it } from "vitest";
import { ConfigError, entraEnabled, parseEnv } from "@/lib/env";

const entra = {
  AUTH_MICROSOFT_ENTRA_ID_ID: "client-id",
  AUTH_MICROSOFT_ENTRA_ID_SECRET: "client-secret",
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
};

describe("Microsoft Entra ID configuration", () => {
  it("is off when none of its variables is set", () => {
    expect(entraEnabled(parseEnv({}))).toBe(false);
  });

  it("is on when all three are set", () => {
    expect(entraEnabled(parseEnv(entra))).toBe(true);
  });

  it("refuses a partial configuration, naming all three variables", () => {
    const partial: Record<string, string> = { ...entra };
    delete partial.AUTH_MICROSOFT_ENTRA_ID_SECRET;
    expect(() => parseEnv(partial)).toThrow(ConfigError);
    expect(() => parseEnv(partial)).toThrow(
      /AUTH_MICROSOFT_ENTRA_ID_ID, AUTH_MICROSOFT_ENTRA_ID_SECRET and AUTH_MICROSOFT_ENTRA_ID_ISSUER/,
    );
  });

  it("refuses an issuer that is not a URL", () => {
    expect(() => parseEnv({ ...entra, AUTH_MICROSOFT_ENTRA_ID_ISSUER: "contoso" })).toThrow(
      /AUTH_MICROSOFT_ENTRA_ID_ISSUER/,
    );
  });
});
