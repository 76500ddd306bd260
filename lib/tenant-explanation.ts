/**
 * Plain-language sentences for one tenant's standing in one snapshot, from the engine's stored explanation
 * (CustomerDetail) and the thresholds of the rule set that computed it. Pure; no figures are recomputed beyond
 * the wording.
 */
import type { RuleSetData } from "@/lib/scoring";
import { count } from "./format";
import { formatUsd, type CustomerDetail } from "./snapshot-view";

type Thresholds = Pick<RuleSetData, "azure" | "m365">;

export function azureSentence(detail: CustomerDetail, rules: Thresholds): string {
  const { current, previous } = detail.azure;
  const threshold = formatUsd(rules.azure.minimumEligibleAcr);
  const now = current.qualifies
    ? `${formatUsd(current.eligibleAcr)} of eligible Azure spend in the current window — at least ${threshold}, so it qualifies`
    : `${formatUsd(current.eligibleAcr)} of eligible Azure spend in the current window — ${formatUsd(current.shortfall, "up")} short of ${threshold}`;
  const before = `${formatUsd(previous.eligibleAcr)} in the previous window (${previous.qualifies ? "qualified" : "did not qualify"})`;
  return `${now}; ${before}.`;
}

export function m365Sentence(detail: CustomerDetail, rules: Thresholds): string {
  const { smbMinUnits, smbMaxUnits } = rules.m365;
  const peak = detail.m365.current.peakUnits[0];
  if (!peak) return "No paid licences of an eligible Microsoft 365 workload in the current window.";
  const tracks = [detail.m365.current.enterprise ? "Enterprise" : null, detail.m365.current.smb ? "SMB" : null].filter(
    Boolean,
  );
  const band =
    peak.units > smbMaxUnits
      ? `more than ${smbMaxUnits}: Enterprise`
      : peak.units >= smbMinUnits
        ? `${smbMinUnits}–${smbMaxUnits}: SMB`
        : `${smbMinUnits - peak.units} short of the ${smbMinUnits} SMB needs`;
  const sticky = detail.m365.current.smbByStickiness
    ? " It also counts as SMB because it was SMB in the previous window."
    : "";
  const counts = tracks.length > 0 ? `Qualifies for ${tracks.join(" and ")}.` : "Qualifies for no track.";
  return `Peak of ${count(peak.units, `paid ${peak.workload} licence`)} (${peak.month}) in the current window — ${band}. ${counts}${sticky}`;
}

const STATUS_WORDS = {
  gained: "gained: it counts now and did not in the previous window (+1)",
  lost: "lost: it counted in the previous window and no longer does (−1)",
  retained: "retained: it counts in both windows (0)",
  "not-qualifying": "not qualifying in either window (0)",
} as const;

export function statusSentence(
  source: "Azure" | "M365 Enterprise" | "M365 SMB",
  status: keyof typeof STATUS_WORDS,
): string {
  return `${source}: ${STATUS_WORDS[status]}.`;
}
