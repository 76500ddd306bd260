import { findSnapshot, findSnapshotSummary, listSnapshots, type SnapshotSummary } from "@/db/queries/snapshots";
import { Insights, Snapshot, SnapshotList, Trends } from "@/lib/api/schemas";
import { ActionFailure } from "../../org-action";
import { defineApiOperation } from "../operation";
import { monthPath, orgPath } from "./shared";

const NO_SNAPSHOT = "There is no snapshot for this month.";

function snapshotJson(s: SnapshotSummary) {
  return {
    month: s.month,
    version: s.version,
    ruleSet: s.ruleSet,
    m365Basis: s.m365Basis,
    bestTrack: s.bestTrack as "enterprise" | "smb",
    points: s.points,
    computedAt: s.computedAt.toISOString(),
    result: s.result,
  };
}

export const listSnapshotsOperation = defineApiOperation({
  operationId: "snapshots.list",
  method: "GET",
  path: "/orgs/{slug}/snapshots",
  summary: "List snapshots",
  description: "The latest version of every data month's snapshot, newest month first (at most 36 months).",
  tag: "Snapshots",
  permission: "org.view",
  params: orgPath,
  response: SnapshotList,
  handler: async (tx, { org }) => ({ body: { data: (await listSnapshots(tx, org.id)).map(snapshotJson) } }),
});

export const getSnapshotOperation = defineApiOperation({
  operationId: "snapshots.get",
  method: "GET",
  path: "/orgs/{slug}/snapshots/{month}",
  summary: "Get one snapshot",
  description: "One data month's snapshot: windows, counts per source and track, and the points.",
  tag: "Snapshots",
  permission: "org.view",
  params: monthPath,
  response: Snapshot,
  handler: async (tx, { org, input }) => {
    const snapshot = await findSnapshotSummary(tx, org.id, input.month);
    if (!snapshot) throw new ActionFailure("not_found", NO_SNAPSHOT);
    return { body: snapshotJson(snapshot) };
  },
});

export const trendsOperation = defineApiOperation({
  operationId: "trends.get",
  method: "GET",
  path: "/orgs/{slug}/trends",
  summary: "Get trends",
  description: "Points and counts per track of every data month, oldest first (the Trends page and its CSV).",
  tag: "Snapshots",
  permission: "org.view",
  params: orgPath,
  response: Trends,
  handler: async (tx, { org }) => {
    const snapshots = (await listSnapshots(tx, org.id)).reverse();
    return {
      body: {
        data: snapshots.map((s) => ({
          month: s.month,
          points: s.points,
          bestTrack: s.bestTrack as "enterprise" | "smb",
          enterprise: s.result.tracks.enterprise,
          smb: s.result.tracks.smb,
        })),
      },
    };
  },
});

export const insightsOperation = defineApiOperation({
  operationId: "insights.get",
  method: "GET",
  path: "/orgs/{slug}/snapshots/{month}/insights",
  summary: "Get insights",
  description:
    "The dashboard's insights for one data month: the net adds still needed for the maximum, next month's " +
    "projection if no data arrives, every near miss and every tenant at risk.",
  tag: "Snapshots",
  permission: "org.view",
  params: monthPath,
  response: Insights,
  handler: async (tx, { org, input }) => {
    const snapshot = await findSnapshot(tx, org.id, input.month);
    if (!snapshot?.insights) throw new ActionFailure("not_found", NO_SNAPSHOT);
    const { gap, projection, nearMisses, atRisk } = snapshot.insights;
    return { body: { month: snapshot.month, gap, projection, nearMisses, atRisk } };
  },
});
