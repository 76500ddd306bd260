/**
 * The snapshot tenant table's URL search params (search, filter, sort, page), validated at the boundary: an
 * unknown value falls back to its default instead of failing the page. Shared by the page and the CSV export.
 */
import { z } from "zod";
import { queryParams } from "./query-params";
import { STATUS_COLUMNS, TENANT_STATUSES } from "./snapshot-view";

export const TENANT_SORTS = ["name", "acr", "units", "tenant"] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

/** The fields, for schemas that add their own (the export adds the month); wrap them in `queryParams`. */
export const tenantQueryFields = z.object({
  q: z.string().trim().max(100).catch("").default(""),
  column: z
    .enum(["any", ...STATUS_COLUMNS])
    .catch("any")
    .default("any"),
  status: z
    .enum(["any", ...TENANT_STATUSES])
    .catch("any")
    .default("any"),
  sort: z.enum(TENANT_SORTS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1),
  size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50)
    .default(50),
});

/** Unknown values fall back to defaults, but a control character anywhere is refused (lib/query-params.ts). */
export const tenantQuerySchema = queryParams(tenantQueryFields);

export type TenantQueryParams = z.output<typeof tenantQueryFields>;

/** From Next's `searchParams` (a repeated param keeps its first value). */
export function parseTenantQuery(params: Record<string, string | string[] | undefined>): TenantQueryParams {
  const flat = Object.fromEntries(
    Object.entries(params)
      .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = tenantQuerySchema.safeParse(flat);
  // proxy.ts answers such an address with 400 before any page renders; a page reached otherwise shows the defaults.
  return parsed.success ? parsed.data : tenantQueryFields.parse({});
}

/** The query string for these params, leaving out defaults; `change` overrides some of them. */
export function tenantQueryString(params: TenantQueryParams, change: Partial<TenantQueryParams> = {}): string {
  const merged = { ...params, ...change };
  const defaults = tenantQueryFields.parse({});
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) {
    if (value !== defaults[key as keyof TenantQueryParams] && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
