/** `security-2025`, the default: the lists of the seed training module (SPEC §2). */
import type { RuleSetData } from "./rule-set";

const DEFENDER_FOR_ENDPOINT = "Microsoft Defender for Endpoint";

export const security2025: RuleSetData = {
  id: "security-2025",
  title: "Solutions Partner for Security (2025)",
  source: "Seed training module",
  windowMonths: 12,
  excludedOffers: ["Support", "Internal", "Benefit Program", "Trial"],
  azure: {
    services: [
      "Advanced Data Security",
      "Advanced Threat Protection",
      "Application Gateway",
      "Microsoft Entra ID B2C",
      "Microsoft Entra Domain Services",
      "Microsoft Entra ID for External Identities",
      "Azure Bastion",
      "Azure DDoS Protection",
      "Azure Defender",
      "Azure Firewall",
      "Azure Firewall Manager",
      "Azure Front Door Service",
      "Azure IoT Security",
      "Key Vault",
      "Network Watcher",
      "Security Center",
      "Microsoft Sentinel",
    ],
    associationTypes: ["PAL", "CSP Tier 1", "CSP Tier 2"],
    minimumEligibleAcr: "600.00",
  },
  m365: {
    workloads: {
      "Microsoft Entra ID P1": "Microsoft Entra ID P1",
      "Microsoft Defender for Office 365": "Microsoft Defender for Office 365",
      // Every Defender for Endpoint plan is one workload: units on rows of different plans add up.
      [DEFENDER_FOR_ENDPOINT]: DEFENDER_FOR_ENDPOINT,
      [`${DEFENDER_FOR_ENDPOINT} P1`]: DEFENDER_FOR_ENDPOINT,
      [`${DEFENDER_FOR_ENDPOINT} P2`]: DEFENDER_FOR_ENDPOINT,
      "Microsoft Defender for Identity": "Microsoft Defender for Identity",
      "Microsoft Purview Information Protection": "Microsoft Purview Information Protection",
      "Microsoft Intune": "Microsoft Intune",
    },
    associationTypes: ["CPOR", "CSP Tier 1", "CSP Tier 2"],
    smbMinUnits: 5,
    smbMaxUnits: 300,
  },
  points: { enterprise: 2, smb: 4, maximum: 20 },
};
