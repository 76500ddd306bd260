import { z } from "zod";
import { findSnapshotSummary, listSnapshots, streamSnapshotTenants } from "@/db/queries/snapshots";
import { TENANT_CSV_HEADER, csvRow, tenantCsvLine, trendCsv } from "@/lib/snapshot-csv";
import { queryParams } from "@/lib/query-params";
import { tenantQueryFields } from "@/lib/tenant-query";
import { ActionFailure, defineOrgAction } from "../org-action";
import { monthSchema as month } from "@/lib/month-schema";

/** A snapshot's tenant table as CSV, with the same search and filters as the page (every page, not just one). */
export const exportSnapshotTenantsAction = defineOrgAction({
  name: "snapshots.export",
  permission: "export.csv",
  input: queryParams(tenantQueryFields.extend({ month })),
  handler: async (tx, { org, input }) => {
    const snapshot = await findSnapshotSummary(tx, org.id, input.month);
    if (!snapshot) throw new ActionFailure("not_found", "There is no snapshot for this month.");
    let csv = csvRow(TENANT_CSV_HEADER);
    let rows = 0;
    for await (const tenant of streamSnapshotTenants(tx, snapshot, input)) {
      csv += tenantCsvLine(tenant);
      rows++;
    }
    const filter = { q: input.q, column: input.column, status: input.status };
    return {
      result: { csv, rows },
      audit: {
        objectType: "snapshot",
        objectId: snapshot.id,
        after: { month: input.month, version: snapshot.version, filter, rows },
        oncePerDay: true,
      },
    };
  },
});

/** Net adds, qualifying tenants and points of every data month, per track and source, as CSV. */
export const exportTrendsAction = defineOrgAction({
  name: "trends.export",
  permission: "export.csv",
  input: z.object({}),
  handler: async (tx, { org }) => {
    const snapshots = await listSnapshots(tx, org.id);
    return {
      result: { csv: trendCsv(snapshots.map((s) => s.result)), months: snapshots.length },
      audit: { objectType: "trends", objectId: org.id, after: { months: snapshots.length }, oncePerDay: true },
    };
  },
});
