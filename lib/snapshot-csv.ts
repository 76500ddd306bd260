/**
 * CSV for the exports: a snapshot's tenant table and the trend data. Numbers stay numbers (a net of -2 is
 * written as -2); text cells go through the audit export's formula-safe quoting.
 */
import { csvCell } from "@/lib/audit/csv";
import { formatMicros, TRACKS } from "@/lib/scoring";
import type { CustomerDetail, ScoreResult, TenantStatus } from "./snapshot-view";

const NUMBER = /^-?\d+(\.\d+)?$/;
function cell(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string" && NUMBER.test(value)) return value;
  return csvCell(value);
}
export const csvRow = (cells: unknown[]) => `${cells.map(cell).join(",")}\r\n`;

export const TENANT_CSV_HEADER = [
  "tenant_id",
  "customer_name",
  "azure_status",
  "m365_enterprise_status",
  "m365_smb_status",
  "net_enterprise",
  "net_smb",
  "eligible_acr_current_usd",
  "eligible_acr_previous_usd",
  "acr_shortfall_current_usd",
  "peak_paid_units_current",
  "peak_workload_current",
  "excluded_service_usd",
  "excluded_offer_usd",
  "excluded_association_type_usd",
  "excluded_duplicate_usd",
];

export type TenantCsvSource = {
  tenantId: string;
  customerName: string;
  azureStatus: TenantStatus | string;
  m365EnterpriseStatus: TenantStatus | string;
  m365SmbStatus: TenantStatus | string;
  acrCurrentMicros: bigint;
  acrPreviousMicros: bigint;
  peakUnitsCurrent: number;
  details: CustomerDetail;
};

export function tenantCsvLine(t: TenantCsvSource): string {
  const d = t.details;
  const peak = d.m365?.current.peakUnits[0];
  return csvRow([
    t.tenantId,
    t.customerName,
    t.azureStatus,
    t.m365EnterpriseStatus,
    t.m365SmbStatus,
    d.tracks.enterprise.net,
    d.tracks.smb.net,
    formatMicros(t.acrCurrentMicros),
    formatMicros(t.acrPreviousMicros),
    d.azure.current.shortfall,
    t.peakUnitsCurrent,
    peak?.workload ?? "",
    d.azure.excluded.service,
    d.azure.excluded.offer,
    d.azure.excluded.associationType,
    d.azure.excluded.duplicate,
  ]);
}

export const TREND_CSV_HEADER = [
  "month",
  "track",
  "azure_current",
  "azure_previous",
  "azure_net",
  "m365_current",
  "m365_previous",
  "m365_net",
  "net_customer_adds",
  "points",
  "rule_set",
  "m365_basis",
];

/** One line per data month and track, oldest month first, straight from the stored results. */
export function trendCsv(results: ScoreResult[]): string {
  let csv = csvRow(TREND_CSV_HEADER);
  for (const r of [...results].sort((a, b) => a.month.localeCompare(b.month))) {
    for (const track of TRACKS) {
      const t = r.tracks[track];
      csv += csvRow([
        r.month,
        track,
        t.azure.current,
        t.azure.previous,
        t.azure.net,
        t.m365.current,
        t.m365.previous,
        t.m365.net,
        t.netCustomerAdds,
        t.points,
        r.ruleSet,
        r.m365Basis,
      ]);
    }
  }
  return csv;
}
