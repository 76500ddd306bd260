import { and, eq } from "drizzle-orm";
import { openDb } from "../db/client";
import { dataRevisions } from "../db/schema";
import { Aggregates, SnapshotSeries, getRuleSet, addMonths, encodeExtra } from "../lib/scoring";
import { loadAzureTotals, loadM365Totals } from "../server/snapshots/load";
const t = () => Number(process.hrtime.bigint()) / 1e9;
const h = await openDb({ databaseUrl: process.env.DATABASE_URL! });
const org = process.argv[2]!;
await h.db.transaction(async (tx) => {
  const active = await tx.select().from(dataRevisions).where(and(eq(dataRevisions.organizationId, org), eq(dataRevisions.active, true)));
  const agg = new Aggregates(getRuleSet("security-2025"));
  let s = t();
  await loadAzureTotals(tx, agg, active.filter((r) => r.source === "azure").map((r) => r.id));
  console.log("azure load", (t() - s).toFixed(2)); s = t();
  await loadM365Totals(tx, agg, active.filter((r) => r.source === "m365").map((r) => r.id));
  console.log("m365 load", (t() - s).toFixed(2)); s = t();
  const series = new SnapshotSeries(agg, "any-month");
  console.log("series build", (t() - s).toFixed(2), "rss", Math.round(process.memoryUsage.rss() / 1e6));
  const months: string[] = []; for (let m = "2026-10"; months.length < 36; m = addMonths(m, -1)) months.unshift(m);
  let sc = 0, fig = 0, enc = 0;
  for (const m of months) {
    s = t(); series.score(m); sc += t() - s;
    s = t(); const f = [...series.figures(m)]; fig += t() - s;
    s = t(); for (const x of f) encodeExtra(x.extra); enc += t() - s;
  }
  console.log({ score: sc.toFixed(2), figures: fig.toFixed(2), encode: enc.toFixed(2) });
});
await h.close();
