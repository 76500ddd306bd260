/**
 * The qualification window (issue 16): Microsoft grants the designation when the score reaches 70 with every
 * metric above zero on at least one day of the current and the previous five months. The portal knows the score
 * per data month (the snapshot's Performance points plus the Skilling and Customer Success points entered for
 * that month), so a month of the window qualifies when a track qualifies with that month's points
 * (lib/pcs-total.ts trackTotal), and the window qualifies when some month does. The renewal date is the next
 * anniversary of the enrolment date (docs/decisions.md). Pure.
 */
import type { Track } from "@/lib/scoring";
import { addMonths } from "@/lib/scoring";
import { trackPointsFrom, trackTotal, type TrackTotal } from "./pcs-total";

export const WINDOW_MONTHS = 6;

export interface WindowMonthInput {
  month: string;
  /** The snapshot's Performance points per track; null when the month has no snapshot. */
  performance: Record<Track, number> | null;
  manual: { track: string; metric: string; points: number }[];
}

export interface WindowMonth {
  month: string;
  hasSnapshot: boolean;
  tracks: Record<Track, TrackTotal>;
  qualified: boolean;
}

export interface QualificationWindow {
  months: WindowMonth[];
  qualified: boolean;
  /** The latest month of the window in which a track qualified. */
  lastQualifyingMonth: string | null;
}

/** The months of the window ending with `current` (oldest first). */
export function windowMonths(current: string): string[] {
  return Array.from({ length: WINDOW_MONTHS }, (_, i) => addMonths(current, i - (WINDOW_MONTHS - 1)));
}

export function qualificationWindow(current: string, inputs: readonly WindowMonthInput[]): QualificationWindow {
  const byMonth = new Map(inputs.map((i) => [i.month, i]));
  const months = windowMonths(current).map((month): WindowMonth => {
    const input = byMonth.get(month);
    const points = trackPointsFrom(input?.performance ?? { enterprise: 0, smb: 0 }, input?.manual ?? []);
    const tracks = {
      enterprise: trackTotal("enterprise", points.enterprise),
      smb: trackTotal("smb", points.smb),
    };
    // A month without a snapshot has no known Performance points: it cannot show a qualification.
    const hasSnapshot = input?.performance != null;
    return {
      month,
      hasSnapshot,
      tracks,
      qualified: hasSnapshot && (tracks.enterprise.qualified || tracks.smb.qualified),
    };
  });
  const qualifying = months.filter((m) => m.qualified);
  return {
    months,
    qualified: qualifying.length > 0,
    lastQualifyingMonth: qualifying.length > 0 ? qualifying[qualifying.length - 1]!.month : null,
  };
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date `YYYY-MM-DD`. */
export function isDate(text: string): boolean {
  const m = DAY.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The next renewal: the first anniversary of the enrolment date on or after `today` (both `YYYY-MM-DD`). An
 * enrolment on 29 February renews on 28 February in other years. Before the first anniversary, that is the date.
 */
export function renewalDate(enrolledOn: string, today: string): string {
  const [y, m, d] = enrolledOn.split("-").map(Number) as [number, number, number];
  const anniversary = (year: number) => {
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  };
  let year = y + 1;
  while (anniversary(year) < today) year++;
  return anniversary(year);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
