/**
 * The simulator's base data (issue 16): per tenant × month the Azure amounts, per tenant × month × workload the
 * M365 units, classified by the rule set's own lists in the database (as db/queries/snapshot-totals.ts does for the
 * recompute) but keeping what an association move needs (lib/simulator/tenant-data.ts): ACR passing the service
 * and offer tests without the duplicate flag, and a workload's units on rows of any association type.
 */
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { snapshots } from "@/db/schema";
import type { RuleSet } from "@/lib/scoring";

/** One array parameter (a plain JS array in a drizzle template would become a list of parameters). */
const texts = (values: Iterable<string>) => sql`${sql.param([...values])}::text[]`;

/**
 * Columns: t tenant, k 0 Azure / 1 M365, m month, n a customer name, w workload (M365; null: no eligible
 * workload), v1 eligible (ACR or units), v2 ACR passing service and offer, not duplicate / the workload's units on
 * any association type. Ordered by tenant, each tenant's Azure totals before its M365 totals.
 */
export function simulationTotalsQuery(rules: RuleSet, revisions: { azure: string[]; m365: string[] }): SQL {
  const parts: SQL[] = [];
  if (revisions.azure.length > 0)
    parts.push(sql`
    select tenant_id, 0 as k, month, max(customer_name) filter (where customer_name <> '') as n, null::text as w,
           sum(acr_micros) filter (where counts and eligible)::text as v1,
           sum(acr_micros) filter (where counts)::text as v2
      from (select tenant_id, month, customer_name, acr_micros,
                   service = any(${texts(rules.azureServices)})
                     and not (offer is not null and offer = any(${texts(rules.excludedOffers)}))
                     and not duplicate as counts,
                   association_type = any(${texts(rules.azureAssociationTypes)}) as eligible
              from azure_usage where revision_id = any(${sql.param(revisions.azure)}::uuid[])) r
     group by tenant_id, month`);
  if (revisions.m365.length > 0)
    parts.push(sql`
    select tenant_id, 1 as k, month, max(customer_name) filter (where customer_name <> '') as n, w,
           sum(paid_units) filter (where w is not null and e)::text as v1,
           sum(paid_units) filter (where w is not null)::text as v2
      from (select l.tenant_id, l.month, l.customer_name, l.paid_units, wl.w,
                   l.association_type = any(${texts(rules.m365AssociationTypes)}) as e
              from m365_licences l
              left join unnest(${texts(rules.m365Workloads.keys())}, ${texts(rules.m365Workloads.values())}) as wl(name, w)
                on wl.name = l.workload
             where l.revision_id = any(${sql.param(revisions.m365)}::uuid[])) r
     group by tenant_id, month, w`);
  if (parts.length === 0) return sql`select null::text as t where false`;
  return sql`
    select x.tenant_id::text as t, x.k::text as k, x.month as m, x.n, x.w, x.v1, x.v2
      from (${sql.join(parts, sql` union all `)}) x
     order by x.tenant_id, x.k`;
}

export type LatestSnapshotRef = {
  id: string;
  month: string;
  version: number;
  ruleSet: string;
  m365Basis: string;
  revisions: { id: string; source: string; month: string }[];
};

/** The latest version of the organisation's latest data month: what the simulator starts from. */
export async function latestSnapshotRef(db: Db, organizationId: string): Promise<LatestSnapshotRef | null> {
  const [row] = await db
    .select({
      id: snapshots.id,
      month: snapshots.month,
      version: snapshots.version,
      ruleSet: snapshots.ruleSet,
      m365Basis: snapshots.m365Basis,
      revisions: snapshots.revisions,
    })
    .from(snapshots)
    .where(and(eq(snapshots.organizationId, organizationId), eq(snapshots.latest, true)))
    .orderBy(desc(snapshots.month))
    .limit(1);
  return row ?? null;
}
