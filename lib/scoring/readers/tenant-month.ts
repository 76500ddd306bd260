/**
 * The two columns every import row starts from: the tenant GUID and the month. Shared by both readers.
 * Exports list a tenant's rows together, so the last tenant's parse is reused while the cell repeats.
 */
import type { Month } from "../months";
import type { ErrorList } from "./errors";
import { MESSAGES, parseGuid, parseMonthValue, shown } from "./values";

export type TenantMonthColumns = { index: { tenantId: number; month: number }; written: string[] };

export function tenantMonthParser(errors: ErrorList) {
  let lastTenantRaw = "";
  let lastTenant: string | null = null;
  return (
    fields: string[],
    line: number,
    { index, written }: TenantMonthColumns,
  ): { tenantId: string | null; month: Month | null } => {
    const tenantRaw = fields[index.tenantId]!.trim();
    if (tenantRaw !== lastTenantRaw) {
      lastTenantRaw = tenantRaw;
      lastTenant = parseGuid(tenantRaw);
    }
    const tenantId = lastTenant;
    if (tenantId === null)
      errors.add(
        line,
        written[index.tenantId]!,
        tenantRaw === "" ? MESSAGES.emptyGuid : MESSAGES.guid(shown(tenantRaw)),
      );
    const monthRaw = fields[index.month]!.trim();
    const month = parseMonthValue(monthRaw);
    if (month === null) errors.add(line, written[index.month]!, MESSAGES.month(shown(monthRaw)));
    return { tenantId, month };
  };
}
