import { describe, expect, it } from "vitest";
import { NAMES, getRuleSet } from "./rules";

describe("name matching", () => {
  it("ignores case and every character other than a-z and 0-9", () => {
    for (const raw of ["Key-Vault", "key vault", "KeyVault", "  KEY_VAULT "])
      expect(NAMES.canonical("service", raw)).toBe("Key Vault");
  });

  it.each([
    ["Azure AD B2C", "Microsoft Entra ID B2C"],
    ["Azure Active Directory B2C", "Microsoft Entra ID B2C"],
    ["Azure AD Domain Services", "Microsoft Entra Domain Services"],
    ["Azure AD External Identities", "Microsoft Entra ID for External Identities"],
    ["Azure AD for External Identities", "Microsoft Entra ID for External Identities"],
    ["Azure Sentinel", "Microsoft Sentinel"],
    ["Security Centre", "Security Center"],
    ["Azure Security Center", "Security Center"],
    ["Azure Key Vault", "Key Vault"],
    ["Azure Front Door", "Azure Front Door Service"],
    ["Azure DDOS Protection", "Azure DDoS Protection"],
  ])("service alias %j is %j", (alias, canonical) => {
    expect(NAMES.canonical("service", alias)).toBe(canonical);
  });

  it.each([
    ["Intune", "Microsoft Intune"],
    ["Defender for Office 365", "Microsoft Defender for Office 365"],
    ["MDO", "Microsoft Defender for Office 365"],
    ["Azure Information Protection", "Microsoft Purview Information Protection"],
    ["Purview Information Protection", "Microsoft Purview Information Protection"],
    ["Azure AD Premium P1", "Microsoft Entra ID P1"],
    ["Entra ID P1", "Microsoft Entra ID P1"],
    ["Microsoft Defender for Endpoint", "Microsoft Defender for Endpoint"],
    ["Defender for Endpoints", "Microsoft Defender for Endpoint"],
    ["MDE", "Microsoft Defender for Endpoint"],
    ["MDE P1", "Microsoft Defender for Endpoint P1"],
    ["Defender for Endpoint Plan 1", "Microsoft Defender for Endpoint P1"],
    ["Microsoft Defender for Endpoints P2", "Microsoft Defender for Endpoint P2"],
    ["MDE Plan 2", "Microsoft Defender for Endpoint P2"],
  ])("workload alias %j is %j", (alias, canonical) => {
    expect(NAMES.canonical("workload", alias)).toBe(canonical);
  });

  it.each([
    ["Partner Admin Link", "PAL"],
    ["CSP Tier1", "CSP Tier 1"],
    ["CSP 1-Tier", "CSP Tier 1"],
    ["CSP Direct", "CSP Tier 1"],
    ["CSP Tier2", "CSP Tier 2"],
    ["CSP 2-Tier", "CSP Tier 2"],
    ["CSP Indirect", "CSP Tier 2"],
    ["Indirect Reseller", "CSP Tier 2"],
    ["Claiming Partner of Record", "CPOR"],
  ])("association type alias %j is %j", (alias, canonical) => {
    expect(NAMES.canonical("associationType", alias)).toBe(canonical);
  });

  it.each([
    ["Free Trial", "Trial"],
    ["Benefit", "Benefit Program"],
    ["Benefit Programs", "Benefit Program"],
  ])("offer alias %j is %j", (alias, canonical) => {
    expect(NAMES.canonical("offer", alias)).toBe(canonical);
  });

  it("knows no other aliases: a name is only itself", () => {
    expect(NAMES.canonical("service", "Microsoft Entra")).toBe("Microsoft Entra");
    expect(NAMES.canonical("service", "Microsoft Defender for Cloud")).toBe("Microsoft Defender for Cloud");
    expect(getRuleSet("security-2025").azureServices.has("Microsoft Defender for Cloud")).toBe(false);
    expect(NAMES.canonical("workload", "Defender for Endpoint P3")).toBe("Defender for Endpoint P3");
    expect(NAMES.canonical("service", "Virtual  Machines ")).toBe("Virtual  Machines");
  });

  it("maps the 2026 list's older spellings through the same tables", () => {
    const rules = getRuleSet("security-2026");
    expect(rules.azureServices.has("Microsoft Entra ID B2C")).toBe(true);
    expect(rules.azureServices.has("Microsoft Entra ID for External Identities")).toBe(true);
    expect(rules.azureServices.has("Network Watcher")).toBe(false);
  });
});
