/**
 * The zod schemas of the REST API v1 (issue 16): they validate requests, shape answers and, through the same
 * objects, write the OpenAPI document (./openapi.ts). Every schema with an `id` becomes a named component.
 * Field names are camelCase, as the portal's stored documents are (docs/api.md). Money is a decimal string of
 * US dollars (never a float), months are YYYY-MM.
 */
import { z } from "zod";
import { STATUS_COLUMNS, TENANT_STATUSES } from "@/lib/snapshot-view";
import { TENANT_SORTS } from "@/lib/tenant-query";

/** Named components of the document: schemas registered here appear under #/components/schemas. */
export const apiRegistry = z.registry<{ id: string; description?: string }>();
/**
 * Named components that are request bodies: the document shows what a client sends (defaults optional, values
 * before their transforms), while every other component shows what the API answers.
 */
export const REQUEST_BODIES = new Set<string>();
const named = <T extends z.ZodType>(schema: T, id: string, description?: string): T => {
  apiRegistry.add(schema, { id, description });
  return schema;
};

export const Month = named(
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use the form YYYY-MM, e.g. 2026-10."),
  "Month",
  "A calendar month, YYYY-MM.",
);
export const Money = named(
  z.string().regex(/^-?\d+\.\d{2,6}$/),
  "Money",
  "US dollars as a decimal string with 2 to 6 decimals (exact; never a binary float).",
);
export const Slug = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "Not an organisation slug.");
export const TenantId = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "Not a tenant id (a GUID).")
  .transform((s) => s.toLowerCase());
export const Track = z.enum(["enterprise", "smb"]);
export const TenantStatus = named(z.enum(TENANT_STATUSES), "TenantStatus");

const SourceCounts = z.object({ current: z.int(), previous: z.int(), net: z.int() });
const TrackScore = z.object({ azure: SourceCounts, m365: SourceCounts, netCustomerAdds: z.int(), points: z.int() });
const Window = z.object({ from: Month, to: Month });

export const ScoreResult = named(
  z.object({
    ruleSet: z.string(),
    month: Month,
    m365Basis: z.enum(["any-month", "last-month"]),
    windows: z.object({ current: Window, previous: Window }),
    tracks: z.object({ enterprise: TrackScore, smb: TrackScore }),
    bestTrack: Track,
    points: z.int(),
  }),
  "ScoreResult",
  "The Performance score of one data month (SPEC §4): counts per source, track and window, and the points.",
);

export const Snapshot = named(
  z.object({
    month: Month,
    version: z.int(),
    ruleSet: z.string(),
    m365Basis: z.string(),
    bestTrack: Track,
    points: z.int(),
    computedAt: z.iso.datetime(),
    result: ScoreResult,
  }),
  "Snapshot",
  "The latest version of one data month's snapshot.",
);

export const SnapshotList = named(z.object({ data: z.array(Snapshot) }), "SnapshotList");

const AzureWindowDetail = z.object({ eligibleAcr: Money, shortfall: Money, qualifies: z.boolean() });
const PeakUnits = z.object({ workload: z.string(), units: z.int(), month: Month });
const M365WindowDetail = z.object({ enterprise: z.boolean(), smb: z.boolean(), peakUnits: z.array(PeakUnits) });
const TrackStatus = z.object({ azure: TenantStatus, m365: TenantStatus, net: z.int() });

export const TenantDetail = named(
  z.object({
    tenantId: z.string(),
    name: z.string(),
    tracks: z.object({ enterprise: TrackStatus, smb: TrackStatus }),
    azure: z.object({
      current: AzureWindowDetail,
      previous: AzureWindowDetail,
      excluded: z.object({
        service: Money,
        offer: Money,
        associationType: Money,
        duplicate: Money,
        afterDataMonth: Money,
      }),
    }),
    m365: z.object({
      current: M365WindowDetail.extend({ smbByStickiness: z.boolean() }),
      previous: M365WindowDetail,
      excludedUnits: z.object({ workload: z.int(), associationType: z.int(), afterDataMonth: z.int() }),
    }),
  }),
  "TenantDetail",
  "The engine's explanation of one tenant in one snapshot: the figures behind each status.",
);

export const Tenant = named(
  z.object({
    tenantId: z.string(),
    customerName: z.string(),
    azureStatus: TenantStatus,
    m365EnterpriseStatus: TenantStatus,
    m365SmbStatus: TenantStatus,
    eligibleAcrCurrent: Money,
    eligibleAcrPrevious: Money,
    peakUnitsCurrent: z.int(),
  }),
  "Tenant",
  "One customer tenant's row of a snapshot, as the snapshot page's table shows it.",
);

export const TenantPage = named(
  z.object({
    data: z.array(Tenant),
    totalCount: z.int().describe("How many tenants match the filters."),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page."),
  }),
  "TenantPage",
);

export const TenantExplanation = named(
  z.object({
    month: Month,
    ruleSet: z.string(),
    m365Basis: z.string(),
    tenant: Tenant,
    sentences: z.object({ azure: z.string(), m365: z.string(), statuses: z.array(z.string()) }),
    detail: TenantDetail,
  }),
  "TenantExplanation",
  "Why one tenant has its status in one snapshot: the sentences the tenant page shows, and the figures.",
);

export const TrendPoint = named(
  z.object({
    month: Month,
    points: z.int(),
    bestTrack: Track,
    enterprise: TrackScore,
    smb: TrackScore,
  }),
  "TrendPoint",
);
export const Trends = named(z.object({ data: z.array(TrendPoint) }), "Trends", "Every data month, oldest first.");

const NearMiss = z.union([
  z.object({
    tenantId: z.string(),
    name: z.string(),
    source: z.literal("azure"),
    eligibleAcr: Money,
    shortfall: Money,
  }),
  z.object({
    tenantId: z.string(),
    name: z.string(),
    source: z.literal("m365"),
    workload: z.string(),
    units: z.int(),
    month: Month,
    unitsNeeded: z.int(),
  }),
]);
const AtRisk = z.object({
  tenantId: z.string(),
  name: z.string(),
  source: z.enum(["azure", "m365"]),
  tracks: z.array(Track),
  eligibleAcrNextMonth: Money.optional(),
});
const TrackGap = z.object({ netCustomerAdds: z.int(), points: z.int(), netAddsNeeded: z.int() });

export const Insights = named(
  z.object({
    month: Month,
    gap: z.object({ enterprise: TrackGap, smb: TrackGap }),
    projection: ScoreResult.describe("Next month's score if no new data arrives."),
    nearMisses: z.array(NearMiss),
    atRisk: z.array(AtRisk),
  }),
  "Insights",
  "The dashboard's insights of one data month: gap to the maximum, next month's projection, near misses, tenants at risk.",
);

export const ImportError = z.object({
  file: z.string(),
  line: z.int().nullable(),
  column: z.string().nullable(),
  message: z.string(),
});

export const Import = named(
  z.object({
    id: z.uuid(),
    source: z.enum(["azure", "m365"]),
    fileName: z.string(),
    byteSize: z.int(),
    status: z.enum(["uploaded", "validating", "invalid", "awaiting_confirmation", "succeeded", "failed", "cancelled"]),
    dataMonth: Month.nullable(),
    months: z.array(Month),
    rowsProcessed: z.int(),
    errorTotal: z.int(),
    errors: z.array(ImportError).describe("The first 100 errors (line and column), when the file was refused."),
    failureReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
  }),
  "Import",
  "An import of an uploaded file: its status, and its errors when the file was refused.",
);

/** The tenant list's query: the snapshot page's filters and sorts (lib/tenant-query.ts), with a cursor. */
export const TenantListQuery = z.object({
  q: z.string().trim().max(100).default("").describe("Part of the customer name, or the start of the tenant id."),
  column: z
    .enum(["any", ...STATUS_COLUMNS])
    .default("any")
    .describe("Which status column `status` looks at."),
  status: z.enum(["any", ...TENANT_STATUSES]).default("any"),
  sort: z.enum(TENANT_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional().describe("The `nextCursor` of the previous page."),
});
