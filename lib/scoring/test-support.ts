/**
 * Builders for tests: small CSV texts with sensible defaults, and scoring them through the real readers.
 * Not used by the engine itself.
 */
import { loadAggregates, type LoadResult } from "./load";
import { getRuleSet } from "./rules";
import { scoreAggregates, type ScoreResult } from "./score";
import type { M365Basis } from "./types";

export function textInput(text: string | Uint8Array): AsyncIterable<Uint8Array | string> {
  return (async function* () {
    yield text;
  })();
}

export function tenant(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

export interface AzureLine {
  tenant?: string;
  name?: string;
  month?: string;
  service?: string;
  offer?: string;
  association?: string;
  acr?: string;
  duplicate?: string;
}

export interface M365Line {
  tenant?: string;
  name?: string;
  month?: string;
  workload?: string;
  association?: string;
  units?: string;
}

const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function azureCsv(lines: AzureLine[]): string {
  const rows = lines.map((l) =>
    [
      l.tenant ?? tenant(1),
      l.name ?? "Customer",
      l.month ?? "2026-05",
      l.service ?? "Azure Firewall",
      l.offer ?? "Azure Plan",
      l.association ?? "PAL",
      l.acr ?? "600.00",
      l.duplicate ?? "0",
    ]
      .map(q)
      .join(","),
  );
  return (
    [
      "CustomerTenantId,CustomerName,Month,ServiceName,OfferType,AssociationType,ACR_USD,IsACRDuplicateAtPGALevel",
      ...rows,
    ].join("\n") + "\n"
  );
}

export function m365Csv(lines: M365Line[]): string {
  const rows = lines.map((l) =>
    [
      l.tenant ?? tenant(1),
      l.name ?? "Customer",
      l.month ?? "2026-05",
      l.workload ?? "Microsoft Intune",
      l.association ?? "CPOR",
      l.units ?? "100",
    ]
      .map(q)
      .join(","),
  );
  return (
    ["CustomerTenantId,CustomerName,Month,WorkloadName,AssociationType,PaidAvailableUnits", ...rows].join("\n") + "\n"
  );
}

export async function loadTexts(options: { azure?: string; m365?: string; rules?: string }): Promise<LoadResult> {
  return loadAggregates(getRuleSet(options.rules ?? "security-2025"), {
    azure: options.azure === undefined ? undefined : { file: "azure.csv", input: textInput(options.azure) },
    m365: options.m365 === undefined ? undefined : { file: "m365.csv", input: textInput(options.m365) },
  });
}

/** Scores CSV texts for data month 2026-10 unless told otherwise; throws if the input is rejected. */
export async function scoreTexts(options: {
  azure?: string;
  m365?: string;
  rules?: string;
  month?: string;
  basis?: M365Basis;
  details?: boolean;
}): Promise<ScoreResult> {
  const loaded = await loadTexts(options);
  if (!loaded.ok) throw new Error(`rejected: ${JSON.stringify(loaded.errors)}`);
  return scoreAggregates(loaded.aggregates, {
    month: options.month ?? "2026-10",
    m365Basis: options.basis,
    details: options.details,
  });
}
