/**
 * The shape of a rule set. Rule sets are data (one file each, diffable side by side); the only code a rule set
 * may carry is a small hook, used by `security-2026` for SMB stickiness.
 */
import type { M365Tracks } from "../types";

export interface RuleSetData {
  id: string;
  title: string;
  /** Where the lists come from, shown to admins next to the rule set. */
  source: string;
  /** Length of the current and of the previous window, in months. */
  windowMonths: number;
  /** Offers whose rows never count (every other offer, an empty one included, is eligible). */
  excludedOffers: readonly string[];
  azure: {
    services: readonly string[];
    associationTypes: readonly string[];
    /** A tenant qualifies in a window with at least this much eligible ACR (inclusive), as a decimal string. */
    minimumEligibleAcr: string;
  };
  m365: {
    /**
     * Workload name as read -> the workload whose units it adds to (paid units are summed per workload and month,
     * never across workloads). Several names may share a workload, e.g. the Defender for Endpoint plans in 2025.
     */
    workloads: Readonly<Record<string, string>>;
    associationTypes: readonly string[];
    /** SMB: some workload with smbMinUnits..smbMaxUnits paid units; Enterprise: with more than smbMaxUnits. */
    smbMinUnits: number;
    smbMaxUnits: number;
  };
  /** Points per net customer add, per track, and the cap of the metric. */
  points: { enterprise: number; smb: number; maximum: number };
  hooks?: {
    /**
     * Adjusts a tenant's M365 tracks in the current window, given its plain tracks in the previous window
     * (same basis). Must be pure.
     */
    adjustCurrentM365?: (current: M365Tracks, previous: M365Tracks) => M365Tracks;
  };
}
