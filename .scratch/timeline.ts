import { and, eq, sql } from "drizzle-orm";
import { openDb } from "../db/client";
import { dataRevisions, snapshots } from "../db/schema";
import { Aggregates, SnapshotSeries, getRuleSet, addMonths } from "../lib/scoring";
import { loadAzureTotals, loadM365Totals } from "../server/snapshots/load";
import { writeTenantRows } from "../server/snapshots/tenant-rows";
import { pgConnectionOf } from "../server/imports/copy-rows";
const t = () => Number(process.hrtime.bigint()) / 1e9;
const h = await openDb({ databaseUrl: process.env.DATABASE_URL! });
const org = process.argv[2]!;
const t0 = t();
let cpu0 = process.cpuUsage();
const lap = (label: string) => { const c = process.cpuUsage(cpu0); cpu0 = process.cpuUsage(); console.log(label, "wall", (t() - t0).toFixed(2), "cpu", ((c.user + c.system) / 1e6).toFixed(2)); };
await h.db.transaction(async (tx) => {
  const active = await tx.select().from(dataRevisions).where(and(eq(dataRevisions.organizationId, org), eq(dataRevisions.active, true)));
  const agg = new Aggregates(getRuleSet("security-2025"));
  await loadAzureTotals(tx, agg, active.filter((r) => r.source === "azure").map((r) => r.id)); lap("azure");
  await loadM365Totals(tx, agg, active.filter((r) => r.source === "m365").map((r) => r.id)); lap("m365");
  const series = new SnapshotSeries(agg, "any-month"); lap("series");
  const months: string[] = []; for (let m = "2026-10"; months.length < 36; m = addMonths(m, -1)) months.unshift(m);
  let v = 100;
  for (const month of months) {
    const { result, insights } = series.score(month);
    const [row] = await tx.insert(snapshots).values({ organizationId: org, month, version: v++, latest: false, ruleSet: "x", m365Basis: "any-month", result: result as never, bestTrack: "x", points: 0, insights: insights as never, revisions: [] }).returning({ id: snapshots.id });
    await writeTenantRows(tx, pgConnectionOf(tx), row!.id, series.figures(month));
  }
  lap("write");
  throw new Error("rollback");
}).catch(() => undefined);
lap("rollback");
await h.close();
