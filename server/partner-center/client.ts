import type { z } from "zod";
import type { ConnectorEnv } from "@/lib/env";
import {
  executionsResponseSchema,
  insightsErrorSchema,
  reportQueriesResponseSchema,
  reportsResponseSchema,
  tokenErrorSchema,
  tokenResponseSchema,
  type Execution,
  type ReportQuery,
} from "@/lib/partner-center/insights-schemas";
import { isRetryableStatus, MAX_HTTP_ATTEMPTS, retryAfterMs, retryDelayMs } from "@/lib/partner-center/retry";
import { describeTokenFailure } from "@/lib/partner-center/token-errors";
import { ConnectorError, LinkExpiredError, RetryLaterError } from "./errors";

/** The resource (audience) of Partner Center tokens; the same whichever API base URL is configured. */
export const PARTNER_CENTER_RESOURCE = "https://api.partnercenter.microsoft.com";
const INSIGHTS = "/insights/v1/mpn";
/** Waits up to this long are made inside the job's step; longer ones re-queue the step (the worker stays free). */
const INLINE_WAIT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 60_000;

export type Credentials = { tenantId: string; clientId: string; clientSecret: string };
export type ClientOptions = {
  fetch?: typeof fetch;
  /** First backoff step for 429/5xx without Retry-After (1 s in production; tests make it short). */
  retryBaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
};

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A Partner Center insights client for one connection: a token from Entra ID (client credentials, resource
 * api.partnercenter.microsoft.com), renewed when the API says it has expired; 429 and 5xx retried with backoff
 * honouring Retry-After; every JSON answer validated. Never logs or returns the secret, the token or a link.
 */
export class PartnerCenterClient {
  private token: { value: string; expiresAt: number } | null = null;
  private readonly fetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly retryBaseMs: number;
  /** How many tokens this client obtained (tests check that an expired token was renewed). */
  tokensIssued = 0;

  constructor(
    private readonly creds: Credentials,
    private readonly env: Pick<ConnectorEnv, "PARTNER_CENTER_API_URL" | "PARTNER_CENTER_AUTHORITY_URL">,
    options: ClientOptions = {},
  ) {
    this.fetch = options.fetch ?? fetch;
    this.sleep = options.sleep ?? defaultSleep;
    this.retryBaseMs = options.retryBaseMs ?? 1_000;
  }

  /** A token from Entra ID; a failure names the AADSTS cause (wrong tenant, wrong secret…). */
  async getToken(forceNew = false): Promise<string> {
    if (!forceNew && this.token && this.token.expiresAt > Date.now() + 60_000) return this.token.value;
    const url = `${trimSlash(this.env.PARTNER_CENTER_AUTHORITY_URL)}/${encodeURIComponent(this.creds.tenantId)}/oauth2/token`;
    const body = new URLSearchParams({
      grant_type: "client_credentials",
      client_id: this.creds.clientId,
      client_secret: this.creds.clientSecret,
      resource: PARTNER_CENTER_RESOURCE,
    });
    const res = await this.send(url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body,
    });
    const json = await readJson(res);
    if (!res.ok) {
      const parsed = tokenErrorSchema.safeParse(json);
      throw new ConnectorError(describeTokenFailure(res.status, parsed.success ? parsed.data : null).message, "token");
    }
    const token = parse(tokenResponseSchema, json, "the token endpoint");
    this.token = { value: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 };
    this.tokensIssued++;
    return token.access_token;
  }

  async listQueries(filter: { queryId?: string; queryName?: string }): Promise<ReportQuery[]> {
    const params = new URLSearchParams();
    if (filter.queryId) params.set("queryId", filter.queryId);
    if (filter.queryName) params.set("queryName", filter.queryName);
    params.set("includeSystemQueries", "false");
    const json = await this.api("GET", `/ScheduledQueries?${params}`);
    return parse(reportQueriesResponseSchema, json, "the report queries list").value;
  }

  async createQuery(query: { name: string; description: string; query: string }): Promise<ReportQuery> {
    const json = await this.api("POST", "/ScheduledQueries", {
      Name: query.name,
      Description: query.description,
      Query: query.query,
    });
    const first = parse(reportQueriesResponseSchema, json, "the created report query").value[0];
    if (!first) throw new ConnectorError("Partner Center created no report query.", "invalid_response");
    return first;
  }

  /** A report of the query executed once, now (ExecuteNow), as CSV. */
  async createReport(report: { name: string; description: string; queryId: string }): Promise<string> {
    const json = await this.api("POST", "/ScheduledReport", {
      ReportName: report.name,
      Description: report.description,
      QueryId: report.queryId,
      ExecuteNow: true,
      StartTime: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      Format: "csv",
    });
    const first = parse(reportsResponseSchema, json, "the created report").value[0];
    if (!first) throw new ConnectorError("Partner Center created no report.", "invalid_response");
    return first.reportId;
  }

  async latestExecution(reportId: string): Promise<Execution | null> {
    const json = await this.api(
      "GET",
      `/ScheduledReport/execution/${encodeURIComponent(reportId)}?getLatestExecution=true`,
    );
    const list = parse(executionsResponseSchema, json, "the report's executions").value;
    return list[list.length - 1] ?? null;
  }

  /**
   * The report file from its secure link (a pre-signed URL: no token is sent to it). An expired link (403, 404
   * or 410) throws LinkExpiredError, and the caller reads the execution again for a fresh one.
   */
  async download(link: string): Promise<Response> {
    const url = this.checkedLink(link);
    const res = await this.send(url, { method: "GET" });
    if (res.status === 403 || res.status === 404 || res.status === 410) {
      await res.body?.cancel();
      throw new LinkExpiredError(res.status);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      throw new ConnectorError(`The report file could not be downloaded (HTTP ${res.status}).`, "download");
    }
    return res;
  }

  /** Links must be https (a loopback http API, as in tests, may give loopback http links). */
  private checkedLink(link: string): string {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      throw new ConnectorError("Partner Center gave a download link that is not a URL.", "invalid_response");
    }
    const loopback = ["127.0.0.1", "localhost", "[::1]"];
    const apiIsLoopback = loopback.includes(new URL(this.env.PARTNER_CENTER_API_URL).hostname);
    if (url.protocol === "https:" || (apiIsLoopback && url.protocol === "http:" && loopback.includes(url.hostname)))
      return url.toString();
    throw new ConnectorError("Partner Center gave a download link that is not https.", "invalid_response");
  }

  /** An insights API call with the bearer token; a 401 renews the token once (it expired mid-run). */
  private async api(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const url = `${trimSlash(this.env.PARTNER_CENTER_API_URL)}${INSIGHTS}${path}`;
    for (let renewed = false; ; renewed = true) {
      const token = await this.getToken(renewed);
      const res = await this.send(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: "application/json",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 401 && !renewed) {
        await res.body?.cancel();
        continue;
      }
      const json = await readJson(res);
      if (res.ok) return json;
      const parsed = insightsErrorSchema.safeParse(json);
      const detail = parsed.success && parsed.data.message ? `: ${oneLine(parsed.data.message)}` : "";
      if (res.status === 401)
        throw new ConnectorError(
          `Partner Center refused the app's token (401${detail}). The app has no Partner Center access: add it in Partner Center under Account settings → Microsoft Entra applications.`,
          "no_access",
        );
      if (res.status === 403)
        throw new ConnectorError(
          `The insights API refused the app (403${detail}). Give the app an insights role in Partner Center (e.g. Executive report viewer or Report viewer).`,
          "insights_role",
        );
      throw new ConnectorError(`Partner Center answered ${res.status}${detail}.`, "api");
    }
  }

  /**
   * One HTTP request, tried again on 429 and 5xx (and on a network error) up to MAX_HTTP_ATTEMPTS. A wait
   * longer than INLINE_WAIT_MS is not slept here: RetryLaterError re-queues the job's step instead.
   */
  private async send(url: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      // The time limit is for the answer's headers: a large file's body may take longer to stream into storage.
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
      try {
        res = await this.fetch(url, { ...init, redirect: "follow", signal: controller.signal });
      } catch (err) {
        if (attempt >= MAX_HTTP_ATTEMPTS)
          throw new ConnectorError(
            `Could not reach ${new URL(url).host} (${err instanceof Error ? err.name : "network error"}).`,
            "unreachable",
          );
        await this.sleep(this.retryBaseMs * 2 ** (attempt - 1));
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (!isRetryableStatus(res.status)) return res;
      const after = retryAfterMs(res.headers.get("retry-after"));
      await res.body?.cancel();
      const wait = retryDelayMs(attempt, after) * (after === null ? this.retryBaseMs / 1_000 : 1);
      if (attempt >= MAX_HTTP_ATTEMPTS || wait > INLINE_WAIT_MS) {
        if (res.status === 429 || wait > INLINE_WAIT_MS)
          throw new RetryLaterError(Math.max(wait, 5_000), `Partner Center answered ${res.status}`);
        throw new ConnectorError(
          `Partner Center answered ${res.status} ${MAX_HTTP_ATTEMPTS} times in a row. It will be tried again at the next refresh.`,
          "api",
        );
      }
      await this.sleep(wait);
    }
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").slice(0, 300);
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function parse<T extends z.ZodType>(schema: T, json: unknown, what: string): z.output<T> {
  const result = schema.safeParse(json);
  if (!result.success)
    throw new ConnectorError(
      `Partner Center's answer for ${what} was not in the documented shape.`,
      "invalid_response",
    );
  return result.data;
}
