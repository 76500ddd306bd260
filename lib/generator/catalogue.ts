/**
 * What real exports contain: eligible and ineligible services, offers and association types, spelled the ways
 * the exports spell them (aliases included), with rough frequencies.
 */
export const AZURE_SERVICES_SECURITY = [
  "Azure Firewall",
  "Key Vault",
  "Microsoft Sentinel",
  "Azure Sentinel",
  "Application Gateway",
  "Azure Bastion",
  "Azure DDoS Protection",
  "Azure Front Door Service",
  "Network Watcher",
  "Security Center",
  "Azure Defender",
  "Microsoft Defender for Cloud",
  "Azure Key Vault",
  "Microsoft Entra Domain Services",
] as const;

export const AZURE_SERVICES_OTHER = [
  "Virtual Machines",
  "Storage",
  "SQL Database",
  "Azure App Service",
  "Bandwidth",
  "Azure Monitor",
  "Log Analytics",
  "Azure Kubernetes Service",
] as const;

export const AZURE_OFFERS: readonly (readonly [string, number])[] = [
  ["Azure Plan", 80],
  ["Pay-As-You-Go", 8],
  ["Enterprise Agreement", 5],
  ["Free Trial", 3],
  ["Support", 1],
  ["Benefit Programs", 2],
  ["Internal", 1],
];

export const AZURE_ASSOCIATIONS: readonly (readonly [string, number])[] = [
  ["CSP Tier 1", 35],
  ["CSP Tier 2", 30],
  ["PAL", 15],
  ["Partner Admin Link", 8],
  ["CSP Indirect", 5],
  ["CPOR", 4],
  ["Reseller", 3],
];

export const M365_WORKLOADS_ELIGIBLE = [
  "Microsoft Intune",
  "Microsoft Defender for Office 365",
  "Microsoft Defender for Endpoint P2",
  "Microsoft Defender for Endpoint P1",
  "Defender for Endpoint",
  "Microsoft Entra ID P1",
  "Microsoft Purview Information Protection",
  "Microsoft Defender for Identity",
  "Intune",
] as const;

export const M365_WORKLOADS_OTHER = [
  "Exchange Online",
  "Microsoft Teams",
  "SharePoint Online",
  "Office 365 Apps",
] as const;

export const M365_ASSOCIATIONS: readonly (readonly [string, number])[] = [
  ["CPOR", 40],
  ["CSP Tier 1", 25],
  ["CSP Tier 2", 20],
  ["Claiming Partner of Record", 8],
  ["PAL", 4],
  ["", 3],
];

const FIRST = [
  "Contoso",
  "Fabrikam",
  "Northwind",
  "Tailspin",
  "Woodgrove",
  "Adatum",
  "Litware",
  "Proseware",
  "Lucerne",
  "Wingtip",
  "Alpine",
  "Coho",
  "Humongous",
  "Margie's",
  "Trey",
  "Wide World",
  "Blue Yonder",
  "Fourth Coffee",
  "Graphic Design",
  "Relecloud",
];
const SECOND = [
  "Traders",
  "Bank",
  "Toys",
  "Airlines",
  "Winery",
  "Publishing",
  "Health",
  "Logistics",
  "Energy",
  "Insurance",
  "Foods",
  "Systems",
  "Consulting",
  "Retail",
];
const SUFFIX = ["", " Ltd", ", Inc.", " GmbH", ", LLC", " & Sons, Ltd.", " S.A.", ' "Group"', " (Europe)", " plc"];

export function customerName(random: () => number): string {
  const f = FIRST[Math.floor(random() * FIRST.length)];
  const s = SECOND[Math.floor(random() * SECOND.length)];
  const x = SUFFIX[Math.floor(random() * SUFFIX.length)];
  return `${f} ${s}${x}`;
}
