/**
 * Public API of the scoring engine (pure TypeScript: no Next.js, no database).
 *
 *   readers   -> validated, normalised rows (streaming) + an import summary
 *   Aggregates -> per tenant × month totals under one rule set
 *   scoreAggregates -> the SPEC §4 result, optionally with per-tenant details
 *   insights  -> gap to maximum, near misses, at risk next month, next month's projection
 */
export { formatMicros, parseMicros, dollars, type Micros } from "./money";
export {
  addMonths,
  compareMonths,
  isMonth,
  monthIndex,
  monthFromIndex,
  monthOfDate,
  parseMonthCell,
  type Month,
} from "./months";
export { normalizeName, NameTable, ALIASES, type NameKind } from "./names";
export {
  DEFAULT_RULE_SET_ID,
  NAMES,
  compileRuleSet,
  findRuleSet,
  getRuleSet,
  listRuleSets,
  registerRuleSet,
  ruleSetIds,
  type RuleSet,
  type RuleSetData,
} from "./rules";
export {
  AZURE_REASONS,
  M365_REASONS,
  firstFailure,
  type AzureReason,
  type M365Reason,
  type RowTest,
} from "./rules/row-tests";
export { recomputeTotalsSql, addTotalsRow, type SqlText } from "./rules/totals-sql";
export * from "./types";
export { firstMonthRead, windowsFor, windowRange, type Windows, type WindowIndexes } from "./windows";
export { readAzureUsage, AZURE_COLUMNS, type ReadOptions } from "./readers/azure-reader";
export { readM365Licenses, M365_COLUMNS } from "./readers/m365-reader";
export { MAX_RECORD_CHARS, type CsvInput } from "./readers/csv-records";
export { matchHeader, normalizeHeader, type ColumnSpec, type HeaderMapping, type HeaderMatch } from "./readers/headers";
export { MAX_REPORTED_ERRORS } from "./readers/errors";
export type { ReadResult } from "./readers/read-result";
export {
  describeImport,
  type ImportSummary,
  type ImportGroup,
  type ImportReport,
  type NotCountedReason,
} from "./readers/import-summary";
export {
  Aggregates,
  type AzureAmountRow,
  type M365UnitsRow,
  type TenantAggregate,
  type AzureMonthTotals,
  type M365MonthTotals,
  type ExcludedAmounts,
  type ExcludedUnits,
} from "./aggregate";
export { classifyTenant, eligibleAcr, m365Tracks, statusOf, unitsTrack, type TenantClassification } from "./classify";
export {
  scoreAggregates,
  pointsFor,
  type ScoreOptions,
  type ScoreResult,
  type TrackScore,
  type SourceCounts,
} from "./score";
export { explainTenant, describeTenant, netOf, type CustomerDetail, type PeakUnits } from "./explain";
export {
  gapToMaximum,
  nearMisses,
  atRiskNextMonth,
  projectNextMonth,
  snapshotInsights,
  type InsightOptions,
  type TrackGap,
  type NearMiss,
  type AtRisk,
} from "./insights";
export { loadAggregates, type LoadResult, type NamedInput } from "./load";
export { MonthTally, SnapshotSeries, type MonthInsights } from "./series";
export { detailFromFigures, encodeExtra, decodeExtra, type TenantFigures, type FigureExtra } from "./figures";
