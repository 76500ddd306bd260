import { z } from "zod";

/**
 * What the portal reads from Microsoft (Entra's token endpoint and the Partner Center insights API), validated
 * before use. Microsoft documents the insights payloads in PascalCase ("Value", "QueryId") while the service
 * answers in camelCase ("value", "queryId"); both are accepted by lower-casing each key's first letter.
 * Only the fields the portal uses are required; the rest pass through unread.
 */

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k.trim().charAt(0).toLowerCase() + k.trim().slice(1),
        camelKeys(v),
      ]),
    );
  }
  return value;
}

const insights = <T extends z.ZodType>(schema: T) => z.preprocess(camelKeys, schema);

/** Entra ID token response (client credentials; the v1 endpoint sends `expires_in` as a string). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().int().positive(),
});

/** Entra ID error response: `error_codes` carries the AADSTS numbers. */
export const tokenErrorSchema = z.object({
  error: z.string(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
});

const envelope = <T extends z.ZodType>(item: T) =>
  insights(
    z.object({
      value: z.array(item),
      totalCount: z.number().optional(),
      message: z.string().nullish(),
      statusCode: z.number().optional(),
    }),
  );

export const reportQuerySchema = z.object({
  queryId: z.string().min(1),
  name: z.string(),
  query: z.string(),
});
export const reportQueriesResponseSchema = envelope(reportQuerySchema);

export const reportSchema = z.object({
  reportId: z.string().min(1),
  reportName: z.string().optional(),
  queryId: z.string().optional(),
});
export const reportsResponseSchema = envelope(reportSchema);

export const executionSchema = z.object({
  executionId: z.string().min(1),
  reportId: z.string().min(1),
  /** Documented values: Pending, Running, Paused, Completed (a failed execution says Failed). */
  executionStatus: z.string().min(1),
  reportAccessSecureLink: z.string().nullish(),
  reportExpiryTime: z.string().nullish(),
  reportGeneratedTime: z.string().nullish(),
  failureReason: z.string().nullish(),
  totalRowCount: z.number().nullish(),
});
export const executionsResponseSchema = envelope(executionSchema);

/** Error payloads of the insights API, when it sends one; only for the message. */
export const insightsErrorSchema = insights(
  z.object({ message: z.string().nullish(), statusCode: z.number().optional() }).loose(),
);

export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type Execution = z.infer<typeof executionSchema>;

/** An execution's status as the portal acts on it. */
export function executionState(status: string): "done" | "waiting" | "failed" {
  const s = status.toLowerCase();
  if (s === "completed") return "done";
  if (s === "pending" || s === "running" || s === "queued" || s === "inprogress") return "waiting";
  return "failed";
}
