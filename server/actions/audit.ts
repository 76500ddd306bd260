import { listAudit } from "@/db/queries/audit-log";
import { csvLine } from "@/lib/audit/csv";
import { auditFilterSchema, toAuditFilter } from "@/lib/audit/filter";
import { defineOrgAction } from "../org-action";

/** Upper bound on one export; a larger log is exported in date ranges. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;

export const AUDIT_CSV_HEADER = [
  "when",
  "actor_email",
  "actor_id",
  "action",
  "object_type",
  "object_id",
  "before",
  "after",
  "ip",
  "user_agent",
];

/** The audit log as CSV. Reading the log is itself recorded: who exported what, and when. */
export const exportAuditLogAction = defineOrgAction({
  name: "audit.export",
  permission: "audit.view",
  input: auditFilterSchema,
  handler: async (tx, { org, input }) => {
    const rows = await listAudit(tx, org.id, toAuditFilter(input), { limit: AUDIT_EXPORT_MAX_ROWS });
    let csv = csvLine(AUDIT_CSV_HEADER);
    for (const r of rows) {
      csv += csvLine([
        r.createdAt.toISOString(),
        r.actorEmail,
        r.actorUserId,
        r.action,
        r.objectType,
        r.objectId,
        r.before,
        r.after,
        r.ip,
        r.userAgent,
      ]);
    }
    return {
      result: { csv, rows: rows.length },
      audit: { objectType: "audit_log", objectId: null, after: { filter: input, rows: rows.length }, oncePerDay: true },
    };
  },
});
