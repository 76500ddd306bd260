import { z } from "zod";
import { queryParams } from "../query-params";

/** The audit page's and export's filters, as they arrive in the query string. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2025-01-31.")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "Use a real date.");

export const auditFilterSchema = queryParams(
  z.object({
    actor: z.union([z.literal(""), z.uuid()]).optional(),
    action: z.string().trim().max(100).optional(),
    from: z.union([z.literal(""), day]).optional(),
    to: z.union([z.literal(""), day]).optional(),
  }),
);

export type AuditFilterInput = z.output<typeof auditFilterSchema>;

/** Dates are whole UTC days; "to" includes the whole of its day. */
export function toAuditFilter(input: AuditFilterInput) {
  return {
    actorUserId: input.actor || undefined,
    action: input.action || undefined,
    from: input.from ? new Date(`${input.from}T00:00:00Z`) : undefined,
    to: input.to ? new Date(Date.parse(`${input.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}
