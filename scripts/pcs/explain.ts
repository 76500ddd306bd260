/** `pcs explain --tenant GUID`: one tenant's explanation as readable text. */
import {
  explainTenant,
  monthIndex,
  windowRange,
  windowsFor,
  type CustomerDetail,
  type PeakUnits,
  type TenantStatus,
} from "../../lib/scoring";
import { UsageError, parseOptions } from "./args";
import { SCORE_VALUES, loadInputs, scoreInputs, type ScoreInputs } from "./inputs";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS_TEXT: Record<TenantStatus, string> = {
  gained: "gained (+1: qualifies now, did not in the previous window)",
  lost: "lost (-1: qualified in the previous window, not now)",
  retained: "retained (0: qualifies in both windows)",
  "not-qualifying": "not qualifying (0: in neither window)",
};

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

function peaks(list: PeakUnits[]): string {
  return list.length === 0 ? "none" : list.map((p) => `${p.workload} ${p.units} (${p.month})`).join("; ");
}

export function renderExplanation(detail: CustomerDetail | null, tenantId: string, inputs: ScoreInputs): string {
  const w = windowsFor(inputs.month, inputs.ruleSet.data.windowMonths);
  const current = windowRange(w.current);
  const previous = windowRange(w.previous);
  const threshold = inputs.ruleSet.data.azure.minimumEligibleAcr;
  const lines = [
    `Tenant ${tenantId}${detail?.name ? ` (${detail.name})` : ""}`,
    `Data month ${inputs.month}, rule set ${inputs.ruleSet.id}, M365 basis ${inputs.basis}`,
    `Current window ${current.from} to ${current.to}; previous window ${previous.from} to ${previous.to}`,
    "",
  ];
  if (detail === null) {
    lines.push("No rows for this tenant in the files given: it counts on no track.");
    return `${lines.join("\n")}\n`;
  }
  const { azure, m365, tracks } = detail;
  const acrLine = (label: string, x: CustomerDetail["azure"]["current"]) =>
    `  ${label} eligible ACR ${x.eligibleAcr}: ${x.qualifies ? `qualifies (at least ${threshold})` : `${x.shortfall} short of ${threshold}`}`;
  lines.push(
    `Azure: ${STATUS_TEXT[tracks.enterprise.azure]} (same on both tracks)`,
    acrLine("current window ", azure.current),
    acrLine("previous window", azure.previous),
    `  not counted: service ${azure.excluded.service}, offer ${azure.excluded.offer}, association type ${azure.excluded.associationType}, duplicate flag ${azure.excluded.duplicate}; after the data month ${azure.excluded.afterDataMonth}`,
    "",
    "Microsoft 365:",
    `  Enterprise: ${STATUS_TEXT[tracks.enterprise.m365]}`,
    `  SMB:        ${STATUS_TEXT[tracks.smb.m365]}${m365.current.smbByStickiness ? " (SMB in the previous window, kept by SMB stickiness)" : ""}`,
    `  current window peak paid units:  ${peaks(m365.current.peakUnits)}`,
    `  previous window peak paid units: ${peaks(m365.previous.peakUnits)}`,
    `  units not counted: workload ${m365.excludedUnits.workload}, association type ${m365.excludedUnits.associationType}; after the data month ${m365.excludedUnits.afterDataMonth}`,
    "",
    `Net customer adds from this tenant: Enterprise ${signed(tracks.enterprise.net)}, SMB ${signed(tracks.smb.net)}`,
  );
  return `${lines.join("\n")}\n`;
}

export async function explainCommand(args: readonly string[]): Promise<string> {
  const options = parseOptions(args, { values: [...SCORE_VALUES, "tenant"], flags: [] });
  const tenant = options.values.get("tenant");
  if (tenant === undefined) throw new UsageError("--tenant is required");
  if (!GUID.test(tenant)) throw new UsageError(`--tenant must be a GUID, got ${JSON.stringify(tenant)}`);
  const inputs = scoreInputs(options);
  const aggregates = await loadInputs(inputs);
  const windows = windowsFor(inputs.month, inputs.ruleSet.data.windowMonths);
  const tenantId = tenant.toLowerCase();
  const detail = explainTenant(
    aggregates.tenants.get(tenantId),
    inputs.ruleSet,
    windows,
    inputs.basis,
    monthIndex(inputs.month),
  );
  return renderExplanation(detail, tenantId, inputs);
}
