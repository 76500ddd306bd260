/**
 * Audit entries as people read them: "Avery Admin changed Bo Viewer's role from viewer to analyst." The stored
 * entry keeps its codes and JSON (the CSV export gives them unchanged); these are words for the page. Pure.
 */
import { monthName } from "@/lib/data-cycle";
import { count } from "@/lib/format";
import { METRIC_LABELS, TRACK_LABELS, type ManualMetric } from "@/lib/pcs-total";
import { isMonth } from "@/lib/scoring/months";

export type AuditEntryView = {
  action: string;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
};

/** The names an entry mentions, resolved from the user table when the people still exist. */
export type AuditNames = { actor: string; object?: string | null };

/** What each action is called in the filter and the details. */
export const ACTION_LABELS: Record<string, string> = {
  "org.create": "Created the organisation",
  "org.rename": "Renamed the organisation",
  "org.changeRules": "Changed the rules",
  "members.changeRole": "Changed a member's role",
  "members.remove": "Removed a member",
  "membership.leave": "Left the organisation",
  "invitations.create": "Invited someone",
  "invitations.resend": "Resent an invitation",
  "invitations.revoke": "Revoked an invitation",
  "invitations.accept": "Accepted an invitation",
  "imports.authorize": "Started an upload",
  "imports.create": "Uploaded a file",
  "imports.decide": "Decided on an import",
  "imports.errors": "Downloaded an import's errors",
  "imports.rollback": "Rolled back an import",
  "data.import": "Imported data",
  "data.rollback": "Rolled back a month",
  "data.recompute": "Asked for a recompute",
  "scores.enterManual": "Entered points by hand",
  "snapshots.export": "Exported a snapshot",
  "trends.export": "Exported the trends",
  "audit.export": "Exported the audit log",
  "sampleData.load": "Loaded sample data",
  "sampleData.clear": "Cleared sample data",
  "user.signUp": "Signed up",
  "user.changePassword": "Changed their password",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

const SOURCES: Record<string, string> = { azure: "Azure usage", m365: "Microsoft 365 licence" };
const BASIS: Record<string, string> = { "any-month": "any month", "last-month": "last month" };

type Fields = Record<string, unknown>;
const fields = (v: unknown): Fields => (v && typeof v === "object" && !Array.isArray(v) ? (v as Fields) : {});
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

/** "2026-08, 2026-09 and 2026-10" → "August 2026 to October 2026" when consecutive; each month otherwise. */
export function monthsPhrase(months: unknown): string {
  const list = Array.isArray(months) ? months.filter((m): m is string => isMonth(String(m))) : [];
  if (list.length === 0) return "";
  const sorted = [...list].sort();
  if (sorted.length === 1) return monthName(sorted[0]!);
  return `${monthName(sorted[0]!)} to ${monthName(sorted.at(-1)!)}`;
}

function bytes(n: unknown): string {
  const v = Number(n);
  if (!Number.isFinite(v) || v <= 0) return "";
  if (v < 1024) return count(v, "byte");
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KB`;
  return `${(v / 1024 / 1024).toFixed(1)} MB`;
}

/** One sentence for one entry, without a final full stop. */
export function auditSentence(entry: AuditEntryView, names: AuditNames): string {
  const who = names.actor;
  const b = fields(entry.before);
  const a = fields(entry.after);
  const person = names.object || text(b.email) || text(a.email) || "a member";
  const source = SOURCES[text(a.source) || text(b.source)] ?? "";
  switch (entry.action) {
    case "org.create":
      return `${who} created the organisation ${text(a.name)}`;
    case "org.rename":
      return `${who} renamed the organisation from ${text(b.name)} to ${text(a.name)}`;
    case "org.changeRules": {
      const rules = (f: Fields) => `${text(f.ruleSet)} (M365 basis: ${BASIS[text(f.m365Basis)] ?? text(f.m365Basis)})`;
      return `${who} changed the rules from ${rules(b)} to ${rules(a)}`;
    }
    case "members.changeRole":
      return `${who} changed ${person}'s role from ${text(b.role)} to ${text(a.role)}`;
    case "members.remove":
      return `${who} removed ${person} (${text(b.role)}) from the organisation`;
    case "membership.leave":
      return `${who} left the organisation`;
    case "invitations.create":
      return `${who} invited ${text(a.email)} as ${text(a.role)}`;
    case "invitations.resend":
      return `${who} resent an invitation${text(a.email) ? ` to ${text(a.email)}` : ""}`;
    case "invitations.revoke":
      return `${who} revoked the invitation to ${text(b.email)}`;
    case "invitations.accept":
      return `${who} accepted an invitation and joined as ${text(a.role)}`;
    case "imports.authorize":
      return `${who} started uploading ${text(a.fileName)}${source ? ` as ${source} data` : ""}`;
    case "imports.create": {
      const size = bytes(a.bytes);
      return `${who} uploaded ${text(a.fileName)}${source ? ` (${source} data${size ? `, ${size}` : ""})` : ""}`;
    }
    case "data.import": {
      const months = monthsPhrase(a.months);
      const rows = typeof a.rows === "number" ? `, ${count(a.rows, "row")}` : "";
      return `${who} imported ${source ? `${source} data` : "data"}${months ? ` for ${months}` : ""}${rows}`;
    }
    case "imports.decide": {
      const months = monthsPhrase(a.months);
      return a.status === "cancelled"
        ? `${who} cancelled an import${months ? ` instead of replacing ${months}` : ""}`
        : `${who} replaced the data of ${months || "some months"} with a new import`;
    }
    case "imports.rollback":
      return `${who} rolled back an import (${text(a.fileName) || "a file"}) for ${monthsPhrase(a.months) || "its months"}`;
    case "data.rollback":
      return `${who} put revision ${text(a.revision)} of ${source ? `the ${source} data` : "the data"} for ${
        isMonth(text(a.month)) ? monthName(text(a.month)) : "a month"
      } back in use${text(b.revision) ? ` (was revision ${text(b.revision)})` : ""}`;
    case "data.recompute":
      return `${who} asked for the snapshots to be recomputed`;
    case "scores.enterManual": {
      const [month = "", track = "", metric = ""] = (entry.objectId ?? "").split("/");
      const label = METRIC_LABELS[metric as ManualMetric] ?? metric;
      const trackLabel = TRACK_LABELS[track as keyof typeof TRACK_LABELS] ?? track;
      const when = isMonth(month) ? monthName(month) : month;
      const was = b.points === null || b.points === undefined ? "" : ` (was ${text(b.points)})`;
      return `${who} set ${label} points for ${trackLabel}, ${when}, to ${text(a.points)}${was}`;
    }
    case "snapshots.export":
      return `${who} exported the tenants of ${isMonth(text(a.month)) ? monthName(text(a.month)) : "a snapshot"} as CSV${
        typeof a.rows === "number" ? ` (${count(a.rows, "tenant")})` : ""
      }`;
    case "trends.export":
      return `${who} exported the trends as CSV`;
    case "audit.export":
      return `${who} exported the audit log as CSV${typeof a.rows === "number" ? ` (${count(a.rows, "entry", "entries")})` : ""}`;
    case "imports.errors":
      return `${who} downloaded the errors of a rejected file`;
    case "sampleData.load":
      return `${who} filled the organisation with sample data${
        typeof a.tenants === "number" ? ` (${count(a.tenants, "tenant")}, ${count(Number(a.months), "month")})` : ""
      }`;
    case "sampleData.clear":
      return `${who} cleared the sample data`;
    case "user.signUp":
      return `${who} signed up`;
    case "user.changePassword":
      return `${who} changed their password`;
    default:
      return `${who}: ${actionLabel(entry.action)}`;
  }
}

/** Field names in the details view: "fileName" → "File name". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value in the details view: lists joined, objects as "key: value" pairs, nothing as an em dash. */
export function fieldValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.map(fieldValue).join(", ");
  if (typeof value === "object") {
    return Object.entries(value as Fields)
      .map(([k, v]) => `${fieldLabel(k)}: ${fieldValue(v)}`)
      .join("; ");
  }
  return String(value);
}

/** Where a request came from, for people: the loopback address is this machine, not a mystery `::1`. */
export function originLabel(ip: string | null): string {
  if (!ip) return "Unknown";
  if (ip === "::1" || ip === "127.0.0.1" || ip === "::ffff:127.0.0.1") return "This server (local)";
  return ip;
}
