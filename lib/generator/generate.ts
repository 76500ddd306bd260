/**
 * A realistic, deterministic dataset in the shape of the two exports: several rows per tenant and month
 * (subscriptions, services, licence SKUs), eligible and ineligible services, offers and association types under
 * their various spellings, customers that grow, shrink and churn, names with commas and quotes.
 * Output streams through the writers in ~64 KB chunks: nothing is held in memory, so 5M rows are fine.
 */
import { addMonths, isMonth, monthFromIndex, monthIndex, type Month } from "../scoring/months";
import {
  AZURE_ASSOCIATIONS,
  AZURE_OFFERS,
  AZURE_SERVICES_OTHER,
  AZURE_SERVICES_SECURITY,
  M365_ASSOCIATIONS,
  M365_WORKLOADS_ELIGIBLE,
  M365_WORKLOADS_OTHER,
  customerName,
} from "./catalogue";
import { CsvWriter, type ChunkSink } from "./csv-writer";
import { deriveSeed, guid, intBetween, mulberry32, pick, weighted, type Random } from "./prng";

export interface GenerateOptions {
  tenants: number;
  months: number;
  seed: number;
  /** Last month of data (YYYY-MM). */
  toMonth: Month;
  /** Stop after this many rows (the last tenants are cut). */
  maxAzureRows?: number;
  maxM365Rows?: number;
}

export interface DatasetWriters {
  azure: ChunkSink;
  m365: ChunkSink;
}

export interface GenerateSummary {
  tenants: number;
  fromMonth: Month;
  toMonth: Month;
  azureRows: number;
  m365Rows: number;
}

export const AZURE_HEADER = [
  "CustomerTenantId",
  "CustomerName",
  "SubscriptionId",
  "Month",
  "ServiceName",
  "OfferType",
  "AssociationType",
  "ACR_USD",
  "IsACRDuplicateAtPGALevel",
] as const;

export const M365_HEADER = [
  "CustomerTenantId",
  "CustomerName",
  "Month",
  "WorkloadName",
  "AssociationType",
  "PaidAvailableUnits",
  "MonthlyActiveUsers",
] as const;

interface Lifetime {
  /** First and last month index with data (inclusive). */
  first: number;
  last: number;
  /** Monthly growth factor: > 1 growing, < 1 shrinking. */
  trend: number;
}

function lifetime(random: Random, from: number, to: number): Lifetime {
  const span = to - from + 1;
  const first = random() < 0.45 ? from : from + Math.floor(random() * span);
  const churns = random() < 0.2;
  const last = churns ? Math.min(to, first + Math.floor(random() * span)) : to;
  const trend = weighted(random, [
    [1.0, 40],
    [1.04, 25],
    [1.1, 8],
    [0.96, 20],
    [0.85, 7],
  ] as const);
  return { first, last, trend };
}

/** Cents as a decimal string; a few amounts carry all 6 fractional digits, as metered usage does. */
function amount(random: Random, dollars: number): string {
  if (random() < 0.1) {
    const micros = Math.round(dollars * 1_000_000);
    const sign = micros < 0 ? "-" : "";
    const m = Math.abs(micros);
    return `${sign}${Math.floor(m / 1_000_000)}.${String(m % 1_000_000).padStart(6, "0")}`;
  }
  const cents = Math.round(dollars * 100);
  const sign = cents < 0 ? "-" : "";
  const c = Math.abs(cents);
  return `${sign}${Math.floor(c / 100)}.${String(c % 100).padStart(2, "0")}`;
}

function azureMonth(index: number): string {
  return `${monthFromIndex(index)}-01`;
}

function m365Month(index: number): string {
  const month = monthFromIndex(index);
  return `${Number(month.slice(5, 7))}/1/${month.slice(0, 4)}`;
}

interface Subscription {
  id: string;
  services: string[];
  offer: string;
}

function writeAzureTenant(
  random: Random,
  out: CsvWriter,
  tenantId: string,
  name: string,
  from: number,
  to: number,
): void {
  const life = lifetime(random, from, to);
  // Monthly security spend: tiny, close to the $600/year line, solid, or large.
  const base = weighted(random, [
    [intBetween(random, 2, 30), 30],
    [intBetween(random, 40, 58), 20],
    [intBetween(random, 60, 600), 35],
    [intBetween(random, 600, 6000), 15],
  ] as const);
  const association = weighted(random, AZURE_ASSOCIATIONS);
  const subscriptions: Subscription[] = [];
  const count = weighted(random, [
    [1, 45],
    [2, 35],
    [3, 20],
  ] as const);
  for (let s = 0; s < count; s++) {
    const services: string[] = [pick(random, AZURE_SERVICES_SECURITY)];
    if (random() < 0.6) services.push(pick(random, AZURE_SERVICES_OTHER));
    if (random() < 0.25) services.push(pick(random, AZURE_SERVICES_SECURITY));
    subscriptions.push({ id: guid(random), services, offer: weighted(random, AZURE_OFFERS) });
  }
  let level = base;
  for (let m = life.first; m <= life.last; m++) {
    level *= life.trend * (0.9 + random() * 0.2);
    const month = azureMonth(m);
    for (const sub of subscriptions) {
      if (random() < 0.08) continue; // a quiet month for this subscription
      for (const service of sub.services) {
        let dollars = (level / (subscriptions.length * sub.services.length)) * (0.5 + random());
        if (random() < 0.02) dollars = -dollars * 0.3; // a credit
        const duplicate = random() < 0.02 ? pick(random, ["1", "true", "True"]) : random() < 0.5 ? "0" : "";
        out.line([tenantId, name, sub.id, month, service, sub.offer, association, amount(random, dollars), duplicate]);
      }
    }
  }
}

function writeM365Tenant(
  random: Random,
  out: CsvWriter,
  tenantId: string,
  name: string,
  from: number,
  to: number,
): void {
  const life = lifetime(random, from, to);
  const association = weighted(random, M365_ASSOCIATIONS);
  const seats = weighted(random, [
    [intBetween(random, 1, 4), 15],
    [intBetween(random, 5, 60), 35],
    [intBetween(random, 60, 300), 30],
    [intBetween(random, 301, 4000), 20],
  ] as const);
  const workloads: string[] = [pick(random, M365_WORKLOADS_ELIGIBLE)];
  if (random() < 0.5) workloads.push(pick(random, M365_WORKLOADS_OTHER));
  if (random() < 0.3) workloads.push(pick(random, M365_WORKLOADS_ELIGIBLE));
  const split = random() < 0.15; // licences bought through two subscriptions: two rows for one workload
  let level = seats;
  for (let m = life.first; m <= life.last; m++) {
    level = Math.max(0, level * life.trend * (0.95 + random() * 0.1));
    const month = m365Month(m);
    for (const workload of workloads) {
      const units = Math.round(level * (0.8 + random() * 0.4));
      const mau = random() < 0.1 ? "" : String(Math.round(units * random()));
      if (split && units > 1) {
        const first = Math.floor(units / 2);
        out.line([tenantId, name, month, workload, association, String(first), mau]);
        out.line([tenantId, name, month, workload, association, String(units - first), ""]);
      } else {
        out.line([tenantId, name, month, workload, association, String(units), mau]);
      }
    }
  }
}

export async function generateDataset(options: GenerateOptions, writers: DatasetWriters): Promise<GenerateSummary> {
  if (!isMonth(options.toMonth)) throw new Error(`toMonth must be YYYY-MM, got ${options.toMonth}`);
  if (!(options.tenants >= 1 && options.months >= 1)) throw new Error("tenants and months must be at least 1");
  const to = monthIndex(options.toMonth);
  const from = to - options.months + 1;
  const maxAzure = options.maxAzureRows ?? Infinity;
  const maxM365 = options.maxM365Rows ?? Infinity;
  const azure = new CsvWriter(writers.azure, maxAzure);
  const m365 = new CsvWriter(writers.m365, maxM365);
  azure.line(AZURE_HEADER, true);
  m365.line(M365_HEADER, true);
  let tenants = 0;
  for (let i = 0; i < options.tenants; i++) {
    if (azure.rows >= maxAzure && m365.rows >= maxM365) break;
    tenants++;
    const random = mulberry32(deriveSeed(options.seed, i));
    const tenantId = random() < 0.1 ? guid(random).toUpperCase() : guid(random);
    const name = customerName(random);
    const hasAzure = random() < 0.75;
    const hasM365 = !hasAzure || random() < 0.45;
    if (hasAzure && azure.rows < maxAzure) writeAzureTenant(random, azure, tenantId, name, from, to);
    if (hasM365 && m365.rows < maxM365) writeM365Tenant(random, m365, tenantId, name, from, to);
    if (azure.full) await azure.flush();
    if (m365.full) await m365.flush();
  }
  await azure.flush();
  await m365.flush();
  return {
    tenants,
    fromMonth: monthFromIndex(from),
    toMonth: options.toMonth,
    azureRows: azure.rows,
    m365Rows: m365.rows,
  };
}

/** The last complete month before `now` (the default `--to`). */
export function lastCompleteMonth(now: Date = new Date()): Month {
  return addMonths(`${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`, -1);
}
