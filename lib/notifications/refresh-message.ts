/**
 * The e-mail sent after a data refresh (issue 15), as plain text and HTML with the same content. Links are
 * absolute, from the portal's public address (AUTH_URL), never from a request. Pure.
 */
import { formatSigned, formatUsd } from "@/lib/format";
import type { AtRisk, NearMiss, Track } from "@/lib/scoring";
import type { RefreshSummary, TrackChange } from "./refresh-summary";

export type RefreshMessageContext = { organizationName: string; slug: string; baseUrl: string };
export type ComposedMessage = { subject: string; text: string; html: string };

const TRACK_LABEL: Record<Track, string> = { enterprise: "Enterprise", smb: "SMB" };
const SOURCE_LABEL = { azure: "Azure", m365: "Microsoft 365" } as const;

const change = (n: number | null) => (n === null ? "new" : formatSigned(n));

function trackLine(t: Track, c: TrackChange): string {
  return (
    `${TRACK_LABEL[t]}: ${c.points} of 20 points (${change(c.pointsChange)}), ` +
    `${formatSigned(c.netAdds)} net adds (${change(c.netAddsChange)}); ${c.gained} gained, ${c.lost} lost`
  );
}

function atRiskLine(r: AtRisk): string {
  const tracks = r.tracks.map((t) => TRACK_LABEL[t]).join(" and ");
  const acr = r.eligibleAcrNextMonth !== undefined ? `, ${formatUsd(r.eligibleAcrNextMonth)} eligible next month` : "";
  return `${r.name || r.tenantId} (${SOURCE_LABEL[r.source]}, ${tracks}${acr})`;
}

function nearMissLine(m: NearMiss): string {
  if (m.source === "azure") return `${m.name || m.tenantId}: Azure, ${formatUsd(m.shortfall, "up")} short of $600`;
  return `${m.name || m.tenantId}: ${m.workload}, ${m.unitsNeeded} more paid ${m.unitsNeeded === 1 ? "licence" : "licences"} needed`;
}

export function refreshLinks(ctx: RefreshMessageContext, month: string) {
  const base = ctx.baseUrl.replace(/\/+$/, "");
  const org = `${base}/o/${encodeURIComponent(ctx.slug)}`;
  return {
    dashboard: org,
    snapshot: `${org}/snapshots/${month}`,
    tenant: (tenantId: string) => `${org}/tenants/${encodeURIComponent(tenantId)}?month=${month}`,
    preferences: `${base}/account/notifications`,
  };
}

export function composeRefreshMessage(summary: RefreshSummary, ctx: RefreshMessageContext): ComposedMessage {
  const links = refreshLinks(ctx, summary.month);
  const tracks: Track[] = ["enterprise", "smb"];
  const subject = `${ctx.organizationName}: ${summary.month} data refreshed, ${summary.points} Performance points`;
  const since = summary.previousMonth ? `Changes are against ${summary.previousMonth}.` : "This is the first snapshot.";
  const more = (shown: number, total: number) => (total > shown ? [`… and ${total - shown} more`] : []);

  const text = [
    `The ${summary.month} data of ${ctx.organizationName} was refreshed and the snapshot recomputed.`,
    since,
    "",
    `Performance points: ${summary.points} (best track: ${TRACK_LABEL[summary.bestTrack]})`,
    ...tracks.map((t) => `- ${trackLine(t, summary.tracks[t])}`),
    "",
    `Tenants newly at risk next month: ${summary.newlyAtRiskTotal}`,
    ...summary.newlyAtRisk.map((r) => `- ${atRiskLine(r)} ${links.tenant(r.tenantId)}`),
    ...more(summary.newlyAtRisk.length, summary.newlyAtRiskTotal),
    "",
    `Nearest misses: ${summary.nearMissTotal}`,
    ...summary.nearestMisses.map((m) => `- ${nearMissLine(m)} ${links.tenant(m.tenantId)}`),
    ...more(summary.nearestMisses.length, summary.nearMissTotal),
    "",
    `The snapshot: ${links.snapshot}`,
    `The dashboard: ${links.dashboard}`,
    "",
    `You receive this because you asked for e-mails after each data refresh. Change it: ${links.preferences}`,
  ].join("\n");

  const li = (body: string) => `<li>${body}</li>`;
  const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const list = (items: string[], shown: number, total: number) =>
    items.length === 0 ? "<p>None.</p>" : `<ul>${items.join("")}${more(shown, total).map(li).join("")}</ul>`;
  const html = [
    `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">`,
    `<p>The ${escapeHtml(summary.month)} data of <strong>${escapeHtml(ctx.organizationName)}</strong> was refreshed and the snapshot recomputed. ${escapeHtml(since)}</p>`,
    `<h2 style="font-size:1.1em">Performance points: ${summary.points} (best track: ${TRACK_LABEL[summary.bestTrack]})</h2>`,
    `<ul>${tracks.map((t) => li(escapeHtml(trackLine(t, summary.tracks[t])))).join("")}</ul>`,
    `<h2 style="font-size:1.1em">Tenants newly at risk next month: ${summary.newlyAtRiskTotal}</h2>`,
    list(
      summary.newlyAtRisk.map((r) => li(a(links.tenant(r.tenantId), atRiskLine(r)))),
      summary.newlyAtRisk.length,
      summary.newlyAtRiskTotal,
    ),
    `<h2 style="font-size:1.1em">Nearest misses: ${summary.nearMissTotal}</h2>`,
    list(
      summary.nearestMisses.map((m) => li(a(links.tenant(m.tenantId), nearMissLine(m)))),
      summary.nearestMisses.length,
      summary.nearMissTotal,
    ),
    `<p>${a(links.snapshot, `Open the ${summary.month} snapshot`)} · ${a(links.dashboard, "Open the dashboard")}</p>`,
    `<p style="color:#666;font-size:0.9em">You receive this because you asked for e-mails after each data refresh. ${a(links.preferences, "Change your e-mail preferences")}.</p>`,
    `</body></html>`,
  ].join("\n");
  return { subject, text, html };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
