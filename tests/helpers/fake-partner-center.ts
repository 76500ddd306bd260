import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateDataset } from "@/lib/generator";

/**
 * A local stand-in for Microsoft Entra ID's token endpoint and the Partner Center insights API, with the request
 * and response shapes of Microsoft's documentation (token: `POST /{tenant}/oauth2/token`, client credentials;
 * insights: `/insights/v1/mpn/ScheduledQueries`, `/ScheduledReport`, `/ScheduledReport/execution/{reportId}`,
 * camelCase JSON inside a `value` array) and report files behind a "secure link". Each failure mode a
 * connector must survive can be switched on: wrong tenant, application or secret, no Partner Center access, no
 * insights role, a token that expires mid-run, 429 with Retry-After, 5xx, an execution that stays pending, an
 * expired download link, a malformed file, a file over 10 MB.
 */
export type FakeFiles = { azure: Buffer; m365: Buffer };

export type FakeModes = {
  /** API calls a token stays valid for; then the API answers 401 until a new token is used. */
  tokenValidFor: number | null;
  /** The next N API calls answer 429 with this Retry-After (seconds). */
  throttle: { count: number; retryAfter: string };
  /** The next N API calls answer 503. */
  serverErrors: number;
  /** Reads of an execution that still say Pending (then Completed). */
  pendingReads: number;
  /** Download attempts that answer 403 (the link's signature has expired). */
  expiredLinks: number;
  noPartnerCenterAccess: boolean;
  noInsightsRole: boolean;
  /** The execution ends Failed with this reason. */
  executionFails: string | null;
};

export type FakeRequest = { method: string; path: string; authorization: string | null; body: string; at: number };

export class FakePartnerCenter {
  readonly requests: FakeRequest[] = [];
  readonly queries = new Map<string, { queryId: string; name: string; query: string }>();
  readonly reports = new Map<string, { reportId: string; queryId: string; reads: number; links: number }>();
  tokensIssued = 0;
  modes: FakeModes = FakePartnerCenter.defaultModes();
  private server: http.Server | null = null;
  private tokens = new Map<string, number>();
  url = "";

  constructor(
    readonly credentials: { tenantId: string; clientId: string; clientSecret: string },
    public files: FakeFiles,
  ) {}

  static defaultModes(): FakeModes {
    return {
      tokenValidFor: null,
      throttle: { count: 0, retryAfter: "1" },
      serverErrors: 0,
      pendingReads: 0,
      expiredLinks: 0,
      noPartnerCenterAccess: false,
      noInsightsRole: false,
      executionFails: null,
    };
  }

  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  reset(files?: FakeFiles): void {
    this.modes = FakePartnerCenter.defaultModes();
    this.requests.length = 0;
    this.queries.clear();
    this.reports.clear();
    this.tokens.clear();
    this.tokensIssued = 0;
    if (files) this.files = files;
  }

  private handle(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://fake");
    this.requests.push({
      method: req.method ?? "GET",
      path: url.pathname + url.search,
      authorization: req.headers.authorization ?? null,
      body,
      at: Date.now(),
    });
    const tokenPath = url.pathname.match(/^\/([^/]+)\/oauth2\/token$/);
    if (tokenPath && req.method === "POST") return this.token(decodeURIComponent(tokenPath[1]!), body, res);
    const download = url.pathname.match(/^\/download\/([^/]+)\/(azure|m365)$/);
    if (download && req.method === "GET") return this.download(download[1]!, download[2] as "azure" | "m365", res);
    if (url.pathname.startsWith("/insights/v1/mpn/")) return this.insights(req, url, body, res);
    json(res, 404, { message: "not found" });
  }

  private token(tenant: string, body: string, res: http.ServerResponse) {
    const form = new URLSearchParams(body);
    const aad = (status: number, error: string, code: number, text: string) =>
      json(res, status, {
        error,
        error_description: `AADSTS${code}: ${text}\r\nTrace ID: ${randomUUID()}`,
        error_codes: [code],
      });
    if (form.get("grant_type") !== "client_credentials") return aad(400, "unsupported_grant_type", 70003, "grant");
    if (form.get("resource") !== "https://api.partnercenter.microsoft.com")
      return aad(400, "invalid_resource", 500011, "The resource principal was not found.");
    if (tenant !== this.credentials.tenantId)
      return aad(400, "invalid_request", 90002, `Tenant '${tenant}' not found.`);
    if (form.get("client_id") !== this.credentials.clientId)
      return aad(400, "unauthorized_client", 700016, "Application was not found in the directory.");
    if (form.get("client_secret") !== this.credentials.clientSecret)
      return aad(401, "invalid_client", 7000215, "Invalid client secret provided.");
    const value = `fake-token-${randomUUID()}`;
    this.tokens.set(value, 0);
    this.tokensIssued++;
    json(res, 200, { token_type: "Bearer", expires_in: "3599", ext_expires_in: "3599", access_token: value });
  }

  private insights(req: http.IncomingMessage, url: URL, body: string, res: http.ServerResponse) {
    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const used = this.tokens.get(token);
    if (used === undefined) return json(res, 401, { message: "Authentication failed", statusCode: 401 });
    if (this.modes.tokenValidFor !== null && used >= this.modes.tokenValidFor) {
      this.tokens.delete(token);
      return json(res, 401, { message: "The token has expired.", statusCode: 401 });
    }
    this.tokens.set(token, used + 1);
    if (this.modes.noPartnerCenterAccess) return json(res, 401, { message: "Unauthorized", statusCode: 401 });
    if (this.modes.noInsightsRole)
      return json(res, 403, { message: "User does not have access to the insights", statusCode: 403 });
    if (this.modes.throttle.count > 0) {
      this.modes.throttle.count--;
      res.setHeader("retry-after", this.modes.throttle.retryAfter);
      return json(res, 429, { message: "Too many requests", statusCode: 429 });
    }
    if (this.modes.serverErrors > 0) {
      this.modes.serverErrors--;
      return json(res, 503, { message: "Service unavailable", statusCode: 503 });
    }
    const path = url.pathname.slice("/insights/v1/mpn".length);
    if (path === "/ScheduledQueries" && req.method === "GET") {
      const id = url.searchParams.get("queryId");
      const name = url.searchParams.get("queryName");
      const list = [...this.queries.values()].filter((q) => (!id || q.queryId === id) && (!name || q.name === name));
      return envelope(
        res,
        list.map((q) => ({ ...q, type: "userDefined", user: "app" })),
      );
    }
    if (path === "/ScheduledQueries" && req.method === "POST") {
      const input = JSON.parse(body) as { Name?: string; Query?: string };
      if (!input.Name || !input.Query || !/\bFROM\s+\w+/i.test(input.Query))
        return json(res, 400, { message: "Invalid query", statusCode: 400 });
      const query = { queryId: randomUUID(), name: input.Name, query: input.Query };
      this.queries.set(query.queryId, query);
      return envelope(res, [{ ...query, description: "", type: "userDefined" }]);
    }
    if (path === "/ScheduledReport" && req.method === "POST") {
      const input = JSON.parse(body) as { ReportName?: string; QueryId?: string; ExecuteNow?: boolean };
      if (!input.ReportName || !input.QueryId || !this.queries.has(input.QueryId))
        return json(res, 400, { message: "Invalid report", statusCode: 400 });
      const report = { reportId: randomUUID(), queryId: input.QueryId, reads: 0, links: 0 };
      this.reports.set(report.reportId, report);
      return envelope(res, [{ reportId: report.reportId, reportName: input.ReportName, queryId: input.QueryId }]);
    }
    const exec = path.match(/^\/ScheduledReport\/execution\/([^/]+)$/);
    if (exec && req.method === "GET") {
      const report = this.reports.get(exec[1]!);
      if (!report) return json(res, 404, { message: "No such report", statusCode: 404 });
      report.reads++;
      const pending = report.reads <= this.modes.pendingReads;
      const failed = !pending && this.modes.executionFails;
      const source = this.sourceOf(report.queryId);
      report.links++;
      return envelope(res, [
        {
          executionId: `${report.reportId}-1`,
          reportId: report.reportId,
          recurrenceInterval: -1,
          recurrenceCount: 1,
          format: "csv",
          executionStatus: pending ? "Pending" : failed ? "Failed" : "Completed",
          failureReason: failed ? this.modes.executionFails : null,
          reportAccessSecureLink:
            pending || failed ? null : `${this.url}/download/${report.reportId}/${source}?sig=${report.links}`,
          reportExpiryTime: pending ? null : new Date(Date.now() + 3600_000).toISOString(),
          reportGeneratedTime: pending ? null : new Date().toISOString(),
        },
      ]);
    }
    json(res, 404, { message: "No such API", statusCode: 404 });
  }

  private sourceOf(queryId: string): "azure" | "m365" {
    return /FROM\s+OfficeUsage/i.test(this.queries.get(queryId)?.query ?? "") ? "m365" : "azure";
  }

  private download(reportId: string, source: "azure" | "m365", res: http.ServerResponse) {
    if (!this.reports.has(reportId)) return json(res, 404, { message: "BlobNotFound" });
    if (this.modes.expiredLinks > 0) {
      this.modes.expiredLinks--;
      res.writeHead(403, { "content-type": "application/xml" });
      return res.end(
        '<?xml version="1.0"?><Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>',
      );
    }
    const file = this.files[source];
    res.writeHead(200, { "content-type": "text/csv", "content-length": String(file.length) });
    // In pieces, as a large blob arrives.
    for (let at = 0; at < file.length; at += 1 << 20) res.write(file.subarray(at, at + (1 << 20)));
    res.end();
  }
}

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function envelope(res: http.ServerResponse, value: unknown[]) {
  json(res, 200, { value, nextLink: null, totalCount: value.length, message: "", statusCode: 200 });
}

/**
 * Generated exports (lib/generator) with Partner Center's column names, as the default queries select them:
 * ServiceLevel3 and PartnerAttributionType, which SPEC §3 accepts as aliases.
 */
export async function generatedFiles(options: {
  tenants: number;
  months: number;
  seed: number;
  toMonth: string;
}): Promise<FakeFiles> {
  let azure = "";
  let m365 = "";
  await generateDataset(options, { azure: (c) => void (azure += c), m365: (c) => void (m365 += c) });
  const rename = (csv: string, from: string[], to: string[]) => {
    const end = csv.indexOf("\n");
    let header = csv.slice(0, end);
    from.forEach((name, i) => (header = header.replace(name, to[i]!)));
    return Buffer.from(header + csv.slice(end));
  };
  return {
    azure: rename(azure, ["ServiceName", "AssociationType"], ["ServiceLevel3", "PartnerAttributionType"]),
    m365: rename(m365, ["AssociationType"], ["PartnerAttributionType"]),
  };
}

/** The file with a malformed third line: its first row again, with a tenant id that is not a GUID. */
export function malformed(file: Buffer): Buffer {
  const lines = file.toString("utf8").split("\n");
  lines.splice(2, 0, lines[1]!.replace(/^[^,]+,/, "not-a-tenant-id,"));
  return Buffer.from(lines.join("\n"));
}

/**
 * The file grown past `bytes` with an extra column the import ignores (SPEC §3: extra columns are ignored), so
 * a file over 10 MB stays quick to import: its size is in a comment column, not in rows.
 */
export function padded(file: Buffer, bytes: number): Buffer {
  const lines = file
    .toString("utf8")
    .replace(/\r?\n$/, "")
    .split(/\r?\n/);
  const per = Math.ceil(bytes / Math.max(1, lines.length - 1)) + 1;
  const filler = "x".repeat(Math.min(per, 60_000));
  return Buffer.from(lines.map((line, i) => (i === 0 ? `${line},Comment` : `${line},${filler}`)).join("\n") + "\n");
}
