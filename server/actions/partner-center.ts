import { z } from "zod";
import { deleteConnection, findConnection, saveConnection } from "@/db/queries/partner-center";
import { expectedDataMonth } from "@/lib/data-cycle";
import { connectorEnv } from "@/lib/env";
import { requestRefresh } from "../partner-center/refresh";
import { NO_KEY, sealClientSecret } from "../partner-center/secrets";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/i;
const query = z
  .string()
  .trim()
  .max(4000, "A query is at most 4,000 characters.")
  .refine((q) => q === "" || /^select\s/i.test(q), "A report query starts with SELECT.");

/**
 * The connection's settings. The client secret is write-only: left empty, the stored one is kept; it is never
 * echoed, returned or audited (the audit entry says only whether it was replaced).
 */
export const saveConnectionAction = defineOrgAction({
  name: "connector.save",
  permission: "connector.manage",
  input: z.object({
    tenantId: z
      .string()
      .trim()
      .refine(
        (v) => GUID.test(v) || DOMAIN.test(v),
        "Enter the directory (tenant) id: a GUID, or the tenant's domain.",
      ),
    clientId: z.string().trim().regex(GUID, "Enter the application (client) id: a GUID."),
    clientSecret: z.string().max(1024, "A client secret is at most 1,024 characters.").default(""),
    replaceMode: z.enum(["ask", "replace"], { error: "Choose what happens when months already have data." }),
    azureQuery: query.default(""),
    m365Query: query.default(""),
  }),
  handler: async (tx, { org, input, ...who }) => {
    const user = personOf(who);
    const env = connectorEnv();
    if (env.keys.length === 0) throw new ActionFailure("conflict", NO_KEY);
    const existing = await findConnection(tx, org.id);
    const secret = input.clientSecret.trim();
    if (!secret && !existing) throw new ActionFailure("invalid_input", "Enter the client secret.");
    const sealed = secret ? sealClientSecret(env, org.id, secret) : null;
    await saveConnection(tx, {
      organizationId: org.id,
      tenantId: input.tenantId,
      clientId: input.clientId,
      secretCiphertext: sealed?.ciphertext ?? existing!.secretCiphertext,
      secretKeyId: sealed?.keyId ?? existing!.secretKeyId,
      replaceMode: input.replaceMode,
      azureQuery: input.azureQuery || null,
      m365Query: input.m365Query || null,
      updatedBy: user.id,
      // New credentials: the last test's outcome no longer describes them.
      ...(sealed || existing?.tenantId !== input.tenantId || existing?.clientId !== input.clientId
        ? { lastTestAt: null, lastTestOk: null, lastTestMessage: null }
        : {}),
    });
    return {
      result: { saved: true },
      audit: {
        objectType: "partnerCenterConnection",
        objectId: org.id,
        before: existing
          ? { tenantId: existing.tenantId, clientId: existing.clientId, replaceMode: existing.replaceMode }
          : null,
        after: {
          tenantId: input.tenantId,
          clientId: input.clientId,
          replaceMode: input.replaceMode,
          clientAuthReplaced: Boolean(sealed),
          customAzureQuery: Boolean(input.azureQuery),
          customM365Query: Boolean(input.m365Query),
        },
      },
    };
  },
});

export const removeConnectionAction = defineOrgAction({
  name: "connector.remove",
  permission: "connector.manage",
  input: z.object({}),
  handler: async (tx, { org }) => {
    const existing = await findConnection(tx, org.id);
    if (!existing || !(await deleteConnection(tx, org.id)))
      throw new ActionFailure("not_found", "There is no Partner Center connection to remove.");
    return {
      result: { removed: true },
      audit: {
        objectType: "partnerCenterConnection",
        objectId: org.id,
        before: { tenantId: existing.tenantId, clientId: existing.clientId },
        after: null,
      },
    };
  },
});

/**
 * Authorises and records a connection test. The test itself (requests to Microsoft, which may take seconds) runs
 * after this transaction: server/partner-center/probe-connection.ts.
 */
export const testConnectionAction = defineOrgAction({
  name: "connector.test",
  permission: "connector.manage",
  input: z.object({}),
  handler: async (tx, { org }) => {
    if (!(await findConnection(tx, org.id)))
      throw new ActionFailure("not_found", "Save the connection before testing it.");
    return { result: { organizationId: org.id }, audit: { objectType: "partnerCenterConnection", objectId: org.id } };
  },
});

/** "Refresh now": a run from Partner Center, as on the monthly check; a run still going is joined. */
export const refreshNowAction = defineOrgAction({
  name: "connector.refresh",
  permission: "data.import",
  input: z.object({}),
  handler: async (tx, { org, ...who }) => {
    const user = personOf(who);
    if (connectorEnv().keys.length === 0) throw new ActionFailure("conflict", NO_KEY);
    if (!(await findConnection(tx, org.id)))
      throw new ActionFailure("not_found", "This organisation has no Partner Center connection.");
    const { run, joined } = await requestRefresh(tx, {
      organizationId: org.id,
      trigger: "manual",
      requestedBy: user.id,
      dataMonth: expectedDataMonth(new Date()),
    });
    return {
      result: { runId: run.id, joined },
      audit: { objectType: "connectorRun", objectId: run.id, after: { dataMonth: run.dataMonth, joined } },
    };
  },
});
