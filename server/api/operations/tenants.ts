import { z } from "zod";
import { findSnapshotSummary, listSnapshotTenantsFrom, tenantHistory } from "@/db/queries/snapshots";
import { decodeCursor, encodeCursor, queryFingerprint } from "@/lib/api/cursor";
import { TenantExplanation, TenantId, TenantListQuery, TenantPage } from "@/lib/api/schemas";
import { findRuleSet, getRuleSet } from "@/lib/scoring";
import { azureSentence, m365Sentence, statusSentence } from "@/lib/tenant-explanation";
import { ActionFailure } from "../../org-action";
import { defineApiOperation } from "../operation";
import { monthPath, tenantJson } from "./shared";

export const listTenantsOperation = defineApiOperation({
  operationId: "tenants.list",
  method: "GET",
  path: "/orgs/{slug}/snapshots/{month}/tenants",
  summary: "List a snapshot's tenants",
  description:
    "The snapshot's customer tenants, searched, filtered and sorted as on the snapshot page, one page at a " +
    "time. The `Link` header (rel=next) and `nextCursor` give the next page.",
  tag: "Snapshots",
  permission: "org.view",
  params: monthPath,
  query: TenantListQuery,
  response: TenantPage,
  handler: async (tx, { org, input }) => {
    const snapshot = await findSnapshotSummary(tx, org.id, input.month);
    if (!snapshot) throw new ActionFailure("not_found", "There is no snapshot for this month.");
    const filters = { q: input.q, column: input.column, status: input.status, sort: input.sort, dir: input.dir };
    const fingerprint = queryFingerprint({ ...filters, month: input.month });
    const cursor = input.cursor === undefined ? { offset: 0 } : decodeCursor(input.cursor, fingerprint);
    if (!cursor)
      throw new ActionFailure("invalid_input", "The cursor is not valid for this list: start again without it.");
    const page = await listSnapshotTenantsFrom(tx, snapshot, filters, cursor.offset, input.limit);
    const nextCursor = page.more
      ? encodeCursor({ offset: cursor.offset + page.rows.length, query: fingerprint })
      : null;
    return { body: { data: page.rows.map(tenantJson), totalCount: page.total, nextCursor }, nextCursor };
  },
});

export const getTenantOperation = defineApiOperation({
  operationId: "tenants.get",
  method: "GET",
  path: "/orgs/{slug}/snapshots/{month}/tenants/{tenantId}",
  summary: "Explain one tenant",
  description: "Why one customer tenant has its status in this snapshot: the tenant page's sentences and figures.",
  tag: "Snapshots",
  permission: "org.view",
  params: monthPath.extend({ tenantId: TenantId }),
  response: TenantExplanation,
  handler: async (tx, { org, input }) => {
    const history = await tenantHistory(tx, org.id, input.tenantId);
    const row = history.find((h) => h.month === input.month);
    if (!row) throw new ActionFailure("not_found", "This tenant is not in this month's snapshot.");
    const rules = (findRuleSet(row.ruleSet) ?? getRuleSet()).data;
    const { details, month, ruleSet, m365Basis } = row;
    return {
      body: {
        month,
        ruleSet,
        m365Basis,
        tenant: tenantJson(row),
        sentences: {
          azure: azureSentence(details, rules),
          m365: m365Sentence(details, rules),
          statuses: [
            statusSentence("Azure", row.azureStatus),
            statusSentence("M365 Enterprise", row.m365EnterpriseStatus),
            statusSentence("M365 SMB", row.m365SmbStatus),
          ],
        },
        detail: details,
      },
    };
  },
});

export type TenantListInput = z.input<typeof TenantListQuery>;
