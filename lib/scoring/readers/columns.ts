/**
 * The columns of the two exports (SPEC §3): each field's canonical header first, then the aliases accepted.
 * Both readers know both lists, so a file of the other kind is named as such.
 */
import type { ColumnSpec } from "./headers";

type AzureField = "tenantId" | "customerName" | "month" | "service" | "offer" | "associationType" | "acr" | "duplicate";

export const AZURE_COLUMNS: readonly ColumnSpec<AzureField>[] = [
  { key: "tenantId", names: ["CustomerTenantId", "TenantId"], required: true },
  { key: "customerName", names: ["CustomerName", "TenantDomainName"], required: false },
  { key: "month", names: ["Month", "UsageMonth", "Date"], required: true },
  { key: "service", names: ["ServiceName", "ServiceLevel3", "MeterCategory", "Service"], required: true },
  { key: "offer", names: ["OfferType", "Offer", "OfferName"], required: false },
  {
    key: "associationType",
    names: ["AssociationType", "PartnerAssociationType", "PartnerAttributionType"],
    required: true,
  },
  { key: "acr", names: ["ACR_USD", "ACR", "AzureConsumedRevenueUSD"], required: true },
  { key: "duplicate", names: ["IsACRDuplicateAtPGALevel"], required: false },
];

type M365Field =
  "tenantId" | "customerName" | "month" | "workload" | "associationType" | "paidUnits" | "monthlyActiveUsers";

export const M365_COLUMNS: readonly ColumnSpec<M365Field>[] = [
  { key: "tenantId", names: ["CustomerTenantId", "TenantId"], required: true },
  { key: "customerName", names: ["CustomerName", "TenantDomainName"], required: false },
  { key: "month", names: ["Month", "Date"], required: true },
  { key: "workload", names: ["WorkloadName", "Workload", "Product"], required: true },
  {
    key: "associationType",
    names: ["AssociationType", "PartnerAssociationType", "PartnerAttributionType"],
    required: true,
  },
  { key: "paidUnits", names: ["PaidAvailableUnits", "PaidLicenses", "PaidSeats"], required: true },
  { key: "monthlyActiveUsers", names: ["MonthlyActiveUsers", "MAU"], required: false },
];

/** What each reader says when it is given the other export. */
export const WRONG_SOURCE = {
  azure: {
    message:
      'this looks like a Microsoft 365 licence export, not Azure usage: choose "Microsoft 365 licences" as the data when uploading it',
    columns: M365_COLUMNS,
  },
  m365: {
    message:
      'this looks like an Azure usage file, not a Microsoft 365 licence export: choose "Azure usage" as the data when uploading it',
    columns: AZURE_COLUMNS,
  },
} as const;
