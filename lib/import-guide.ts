/**
 * The "Where do I get these files?" guide's facts: the columns each import reads (from the readers' own column
 * lists, so the guide cannot drift from the code), what the portal does with each, and the blank templates. Pure.
 */
import { AZURE_COLUMNS } from "@/lib/scoring/readers/azure-reader";
import { M365_COLUMNS } from "@/lib/scoring/readers/m365-reader";

export type GuideSource = "azure" | "m365";

const AZURE_USE: Record<(typeof AZURE_COLUMNS)[number]["key"], string> = {
  tenantId: "The customer tenant's GUID: the unit that is counted.",
  customerName: "Shown next to the tenant; optional.",
  month: "The usage month (YYYY-MM, YYYY-MM-DD or M/D/YYYY; any day means its month).",
  service: "Only the rule set's security services count.",
  offer: "Support, Internal, Benefit Program and Trial do not count; any other offer does. Optional.",
  associationType: "PAL, CSP Tier 1 or CSP Tier 2 count.",
  acr: "Azure consumed revenue in US dollars, up to 6 decimals; credits (negative) count too.",
  duplicate: "1 or true: the row is a duplicate and is skipped. Optional.",
};

const M365_USE: Record<(typeof M365_COLUMNS)[number]["key"], string> = {
  tenantId: "The customer tenant's GUID: the unit that is counted.",
  customerName: "Shown next to the tenant; optional.",
  month: "The licence month (YYYY-MM, YYYY-MM-DD or M/D/YYYY).",
  workload: "Only the rule set's security workloads count, each on its own (never added across workloads).",
  associationType: "CPOR, CSP Tier 1 or CSP Tier 2 count.",
  paidUnits: "Paid licences, a whole number: 5–300 is SMB, more than 300 is Enterprise.",
  monthlyActiveUsers: "Kept for Customer Success; not scored. Optional.",
};

export type GuideColumn = { name: string; aliases: readonly string[]; required: boolean; use: string };

export const GUIDE_COLUMNS: Record<GuideSource, GuideColumn[]> = {
  azure: AZURE_COLUMNS.map((c) => ({
    name: c.names[0]!,
    aliases: c.names.slice(1),
    required: c.required,
    use: AZURE_USE[c.key],
  })),
  m365: M365_COLUMNS.map((c) => ({
    name: c.names[0]!,
    aliases: c.names.slice(1),
    required: c.required,
    use: M365_USE[c.key],
  })),
};

/** Downloadable files: generated samples (12 tenants, 24 months) and blank templates with the header only. */
export const GUIDE_FILES = {
  "azure-usage-sample.csv": { source: "azure", kind: "sample" },
  "m365-licences-sample.csv": { source: "m365", kind: "sample" },
  "azure-usage-template.csv": { source: "azure", kind: "template" },
  "m365-licences-template.csv": { source: "m365", kind: "template" },
} as const satisfies Record<string, { source: GuideSource; kind: "sample" | "template" }>;

export type GuideFileName = keyof typeof GUIDE_FILES;
export const isGuideFile = (name: string): name is GuideFileName => Object.hasOwn(GUIDE_FILES, name);

/** A blank template: the header row with every column the portal reads, canonical names. */
export function templateCsv(source: GuideSource): string {
  return `${GUIDE_COLUMNS[source].map((c) => c.name).join(",")}\r\n`;
}

export const SAMPLE_FILE_SIZE = { tenants: 12, months: 24, seed: 2026 } as const;
