import { z } from "zod";
import type { TenantRow } from "@/db/queries/snapshots";
import { formatMicros } from "@/lib/scoring";
import { Month, Slug, type Tenant } from "@/lib/api/schemas";

/** Path parameters most operations share. */
export const orgPath = z.object({ slug: Slug });
export const monthPath = orgPath.extend({ month: Month });

export function tenantJson(row: TenantRow): z.input<typeof Tenant> {
  return {
    tenantId: row.tenantId,
    customerName: row.customerName,
    azureStatus: row.azureStatus,
    m365EnterpriseStatus: row.m365EnterpriseStatus,
    m365SmbStatus: row.m365SmbStatus,
    eligibleAcrCurrent: formatMicros(BigInt(row.acrCurrentMicros)),
    eligibleAcrPrevious: formatMicros(BigInt(row.acrPreviousMicros)),
    peakUnitsCurrent: row.peakUnitsCurrent,
  };
}
