/**
 * Typed views of what a snapshot stores (the engine's own types; the recompute wrote them), and small pure
 * helpers the pages share. Nothing here recomputes a score: every number comes from the stored snapshot.
 */
import type { AtRisk, CustomerDetail, NearMiss, ScoreResult, TenantStatus, Track, TrackGap } from "@/lib/scoring";

export type SnapshotInsights = {
  gap: Record<Track, TrackGap>;
  nearMisses: NearMiss[];
  atRisk: AtRisk[];
  projection: ScoreResult;
};

/** The insights as pages show them: the first few of each list, and how many there are. */
export type InsightsPreview = Omit<SnapshotInsights, "nearMisses" | "atRisk"> & {
  nearMisses: NearMiss[];
  atRisk: AtRisk[];
  totals: { nearMisses: number; atRisk: number };
};

export type { CustomerDetail, ScoreResult, TenantStatus };

export const STATUS_LABELS: Record<TenantStatus, string> = {
  gained: "Gained",
  lost: "Lost",
  retained: "Retained",
  "not-qualifying": "Not qualifying",
};
export const TENANT_STATUSES = [
  "gained",
  "lost",
  "retained",
  "not-qualifying",
] as const satisfies readonly TenantStatus[];

/** The status columns of the tenant table: Azure counts for both tracks, M365 per track. */
export const STATUS_COLUMNS = ["azure", "m365-enterprise", "m365-smb"] as const;
export type StatusColumn = (typeof STATUS_COLUMNS)[number];
export const STATUS_COLUMN_LABELS: Record<StatusColumn, string> = {
  azure: "Azure",
  "m365-enterprise": "M365 Enterprise",
  "m365-smb": "M365 SMB",
};

/** Whether a tenant counts in the current window with this status. */
export const countsNow = (status: TenantStatus | null | undefined) => status === "gained" || status === "retained";

/** Dollars with cents for people (see lib/format.ts): "1234.5" → "$1,234.50". */
export { formatUsd } from "./format";

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export { isMonthParam } from "./month-schema";

/** A timestamp for people, the same on the server and in tests: "2026-11-03 14:05 UTC". */
export function formatTimestamp(date: Date | null | undefined): string {
  if (!date) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "2026-11-20" → "20 November 2026". */
export function formatDay(isoDay: string): string {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  const name = new Date(Date.UTC(y, m - 1, d)).toLocaleString("en-GB", { month: "long", timeZone: "UTC" });
  return `${d} ${name} ${y}`;
}
