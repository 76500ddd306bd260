/**
 * The report queries the portal creates in Partner Center when an organisation has not set its own (docs/
 * decisions.md, "Partner Center connector"). The column names are those of Partner Center's partner insights
 * datasets that the portal's import formats (SPEC §3) accept directly or through their aliases:
 * ServiceLevel3 → ServiceName, PartnerAttributionType → AssociationType. The dataset names (AzureUsage,
 * OfficeUsage) are the ones the insights datasets list shows; a partner whose tenant names them otherwise sets
 * the query text on the connection page.
 */
export const DEFAULT_QUERIES = {
  azure:
    "SELECT CustomerTenantId, CustomerName, Month, ServiceLevel3, OfferType, PartnerAttributionType, ACR_USD, IsACRDuplicateAtPGALevel FROM AzureUsage TIMESPAN LIFETIME",
  m365: "SELECT CustomerTenantId, CustomerName, Month, WorkloadName, PartnerAttributionType, PaidAvailableUnits, MonthlyActiveUsers FROM OfficeUsage TIMESPAN LIFETIME",
} as const;

export type ConnectorSource = keyof typeof DEFAULT_QUERIES;
export const CONNECTOR_SOURCES: readonly ConnectorSource[] = ["azure", "m365"];

/**
 * The name the portal gives its query in Partner Center: one per source and query text (a short hash), so a
 * changed query text makes a new query instead of silently reusing the old one.
 */
export function portalQueryName(source: ConnectorSource, queryHash: string): string {
  return `pcp-${source}-${queryHash.slice(0, 12)}`;
}

/** The query's text for a source: the organisation's own when set, else the default. */
export function queryTextFor(source: ConnectorSource, custom: string | null | undefined): string {
  const text = custom?.trim();
  return text ? text : DEFAULT_QUERIES[source];
}
