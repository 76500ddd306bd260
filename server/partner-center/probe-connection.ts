import type { Db } from "@/db/client";
import { findConnection, updateConnection } from "@/db/queries/partner-center";
import { connectorEnv, type ConnectorEnv } from "@/lib/env";
import { PartnerCenterClient, type ClientOptions } from "./client";
import { ConnectorError, RetryLaterError } from "./errors";
import { openClientSecret } from "./secrets";

export type ConnectionTestResult = { ok: boolean; kind: ConnectorError["kind"] | "ok"; message: string };

/**
 * "Test connection" (the probe itself; `testConnectionAction` authorises and audits it): a token from Entra ID (a failure names the AADSTS cause: wrong tenant, wrong application,
 * wrong or expired secret), then one read of the insights API (401: no Partner Center access; 403: the insights
 * role is missing). The outcome is kept on the connection for the page. Runs outside any transaction: it waits
 * on Microsoft.
 */
export async function probeConnection(
  db: Db,
  organizationId: string,
  deps: { env?: ConnectorEnv; client?: ClientOptions } = {},
): Promise<ConnectionTestResult> {
  const result = await attempt(db, organizationId, deps);
  if (result.kind !== "not_configured" || result.message !== NO_CONNECTION)
    await updateConnection(db, organizationId, {
      lastTestAt: new Date(),
      lastTestOk: result.ok,
      lastTestMessage: result.message,
    });
  return result;
}

const NO_CONNECTION = "No Partner Center connection is saved yet.";

async function attempt(
  db: Db,
  organizationId: string,
  deps: { env?: ConnectorEnv; client?: ClientOptions },
): Promise<ConnectionTestResult> {
  try {
    const env = deps.env ?? connectorEnv();
    const conn = await findConnection(db, organizationId);
    if (!conn) return { ok: false, kind: "not_configured", message: NO_CONNECTION };
    const client = new PartnerCenterClient(
      { tenantId: conn.tenantId, clientId: conn.clientId, clientSecret: openClientSecret(env, conn) },
      env,
      deps.client,
    );
    await client.getToken();
    const queries = await client.listQueries({});
    return {
      ok: true,
      kind: "ok",
      message: `Connected: Microsoft Entra ID issued a token and the insights API answered (${queries.length} report ${queries.length === 1 ? "query" : "queries"} of yours).`,
    };
  } catch (err) {
    if (err instanceof ConnectorError) return { ok: false, kind: err.kind, message: err.message };
    if (err instanceof RetryLaterError)
      return { ok: false, kind: "api", message: `Partner Center is busy (${err.reason}). Try again in a minute.` };
    return { ok: false, kind: "api", message: `The test stopped (${err instanceof Error ? err.name : "error"}).` };
  }
}
