/** Types shared by the readers, the aggregator, the scorer and the insights. */
import type { Micros } from "./money";
import type { Month } from "./months";

export type Source = "azure" | "m365";
export type Track = "enterprise" | "smb";
export type M365Basis = "any-month" | "last-month";
export const M365_BASES: readonly M365Basis[] = ["any-month", "last-month"];
export const TRACKS: readonly Track[] = ["enterprise", "smb"];

/** One validated Azure usage row. Names are canonical, or the trimmed raw value when unknown. */
export interface AzureRow {
  /** Lower-cased GUID. */
  tenantId: string;
  customerName: string;
  month: Month;
  service: string;
  /** null when the file has no offer column (every row's offer is then eligible). */
  offer: string | null;
  associationType: string;
  acr: Micros;
  duplicate: boolean;
  /** Physical line where the record starts (the header is line 1). */
  line: number;
}

/** One validated Microsoft 365 licence row. */
export interface M365Row {
  tenantId: string;
  customerName: string;
  month: Month;
  workload: string;
  associationType: string;
  paidUnits: number;
  /** null when the column is absent or the cell empty. */
  monthlyActiveUsers: number | null;
  line: number;
}

/** A tenant's M365 qualification in one window, per track. */
export interface M365Tracks {
  enterprise: boolean;
  smb: boolean;
}

/** gained: in C, not in P (+1); lost: in P, not in C (-1); retained: both (0); not-qualifying: neither. */
export type TenantStatus = "gained" | "lost" | "retained" | "not-qualifying";

export interface ImportError {
  file: string;
  /** Physical line where the record starts (header = 1); null when the error is about the whole file. */
  line: number | null;
  /** The column as written in the file's header; null when the error is not about one column. */
  column: string | null;
  message: string;
}

export interface WindowRange {
  from: Month;
  to: Month;
}
