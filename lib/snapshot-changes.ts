/**
 * Why net customer adds changed between two snapshots. Net adds per source are |qualifying in C| − |qualifying in
 * P|, so from snapshot A to snapshot B the change is
 *
 *   (started counting in C) − (stopped counting in C) − (entered P) + (left P)
 *
 * where "counting in C" is a status of gained or retained and "in P" is lost or retained. A tenant can be in two
 * of these lists at once (gained → lost: stopped counting in C and entered P). The four lists add up to the
 * change exactly, which the stored totals confirm (tests). Pure.
 */
import type { TenantStatus, Track } from "@/lib/scoring";
import { count, formatSigned, plural } from "./format";

export const WINDOW_CHANGES = ["startedCurrent", "stoppedCurrent", "enteredPrevious", "leftPrevious"] as const;
export type WindowChange = (typeof WINDOW_CHANGES)[number];

/** How each list moves net adds. */
export const CHANGE_SIGN: Record<WindowChange, 1 | -1> = {
  startedCurrent: 1,
  stoppedCurrent: -1,
  enteredPrevious: -1,
  leftPrevious: 1,
};

export const CHANGE_LABELS: Record<WindowChange, string> = {
  startedCurrent: "Started counting in the current window",
  stoppedCurrent: "Stopped counting in the current window",
  enteredPrevious: "Now count in the previous window",
  leftPrevious: "No longer count in the previous window",
};

/** The snapshot tenant columns, one per source and track. */
export const CHANGE_SOURCES = ["azure", "m365Enterprise", "m365Smb"] as const;
export type ChangeSource = (typeof CHANGE_SOURCES)[number];
export const CHANGE_SOURCE_LABELS: Record<ChangeSource, string> = {
  azure: "Azure",
  m365Enterprise: "M365 Enterprise",
  m365Smb: "M365 SMB",
};
/** Azure counts on both tracks; each track has its own M365 column. */
export const TRACK_SOURCES: Record<Track, readonly ChangeSource[]> = {
  enterprise: ["azure", "m365Enterprise"],
  smb: ["azure", "m365Smb"],
};

const inCurrent = (s: TenantStatus | null) => s === "gained" || s === "retained";
const inPrevious = (s: TenantStatus | null) => s === "lost" || s === "retained";

/** The lists a tenant belongs to for one source, from its status in A and in B (null: not in that snapshot). */
export function changesOf(a: TenantStatus | null, b: TenantStatus | null): WindowChange[] {
  const out: WindowChange[] = [];
  if (!inCurrent(a) && inCurrent(b)) out.push("startedCurrent");
  if (inCurrent(a) && !inCurrent(b)) out.push("stoppedCurrent");
  if (!inPrevious(a) && inPrevious(b)) out.push("enteredPrevious");
  if (inPrevious(a) && !inPrevious(b)) out.push("leftPrevious");
  return out;
}

export type ChangeCounts = Record<WindowChange, number>;
export const noChanges = (): ChangeCounts => ({
  startedCurrent: 0,
  stoppedCurrent: 0,
  enteredPrevious: 0,
  leftPrevious: 0,
});

/** The change in net adds the four lists make. */
export const netChange = (c: ChangeCounts) => WINDOW_CHANGES.reduce((sum, k) => sum + CHANGE_SIGN[k] * c[k], 0);

export function addCounts(a: ChangeCounts, b: ChangeCounts): ChangeCounts {
  return {
    startedCurrent: a.startedCurrent + b.startedCurrent,
    stoppedCurrent: a.stoppedCurrent + b.stoppedCurrent,
    enteredPrevious: a.enteredPrevious + b.enteredPrevious,
    leftPrevious: a.leftPrevious + b.leftPrevious,
  };
}

const PHRASES: Record<WindowChange, (n: number) => string> = {
  startedCurrent: (n) => `${count(n, "tenant")} started counting in the current window`,
  stoppedCurrent: (n) => `${count(n, "tenant")} stopped counting in the current window`,
  enteredPrevious: (n) => `${count(n, "tenant")} now ${plural(n, "counts", "count")} in the previous window`,
  leftPrevious: (n) => `${count(n, "tenant")} no longer ${plural(n, "counts", "count")} in the previous window`,
};

/**
 * The change said in one sentence: "−2 net adds: 2 tenants now count in the previous window." A tenant counted
 * through two sources (Azure and M365) is counted once in each, as net adds count it.
 */
export function changeSentence(c: ChangeCounts): string {
  const delta = netChange(c);
  const parts = WINDOW_CHANGES.filter((k) => c[k] > 0).map((k) => PHRASES[k](c[k]));
  const head = delta === 0 ? "No change in net adds" : `${formatSigned(delta)} net ${plural(Math.abs(delta), "add")}`;
  if (parts.length === 0) return `${head}: no tenant changed windows.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  return `${head}: ${list}.`;
}
