/** `security-2026`: the lists published on Microsoft Learn in May 2026 (SPEC §2). */
import type { RuleSetData } from "./rule-set";

const DEFENDER_FOR_ENDPOINT_P2 = "Microsoft Defender for Endpoint P2";

export const security2026: RuleSetData = {
  id: "security-2026",
  title: "Solutions Partner for Security (2026)",
  source: "Microsoft Learn, May 2026",
  windowMonths: 12,
  excludedOffers: ["Support", "Internal", "Benefit Program", "Trial"],
  azure: {
    services: [
      "Application Gateway",
      "Azure AD B2C",
      "Azure AD for External Identities",
      "Azure Bastion",
      "Azure DDoS Protection",
      "Azure Firewall",
      "Azure Firewall Manager",
      "Azure Front Door Service",
      "Azure IoT Security",
      "Key Vault",
      "Microsoft Defender for Cloud",
      "Microsoft Entra",
      "Microsoft Entra Domain Services",
      "Microsoft Entra Verified ID",
      "Microsoft Purview",
      "Microsoft Security Copilot",
      "Microsoft Sentinel",
    ],
    associationTypes: ["PAL", "CSP Tier 1", "CSP Tier 2"],
    minimumEligibleAcr: "600.00",
  },
  m365: {
    workloads: {
      "Microsoft Entra ID P1": "Microsoft Entra ID P1",
      "Microsoft Defender for Office 365": "Microsoft Defender for Office 365",
      // Only Plan 2 counts: a Defender for Endpoint name without a plan, or with Plan 1, does not.
      [DEFENDER_FOR_ENDPOINT_P2]: DEFENDER_FOR_ENDPOINT_P2,
      "Microsoft Defender for Identity": "Microsoft Defender for Identity",
      "Microsoft Purview Information Protection": "Microsoft Purview Information Protection",
      "Microsoft Intune": "Microsoft Intune",
    },
    associationTypes: ["CPOR", "CSP Tier 1", "CSP Tier 2"],
    smbMinUnits: 5,
    smbMaxUnits: 300,
  },
  points: { enterprise: 2, smb: 4, maximum: 20 },
  hooks: {
    // SMB stickiness: a tenant that was M365-SMB in the previous window and is M365-Enterprise now also counts
    // as M365-SMB now, so growing past 300 seats does not cost the SMB track a customer.
    adjustCurrentM365: (current, previous) =>
      current.enterprise && !current.smb && previous.smb ? { enterprise: true, smb: true } : current,
  },
};
