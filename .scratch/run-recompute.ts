import { openDb } from "../db/client";
import { recomputeSnapshots } from "../server/snapshots/recompute";
const h = await openDb({ databaseUrl: process.env.DATABASE_URL! });
let peak = 0; const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
const s = Date.now();
const r = await recomputeSnapshots(h.db, process.argv[2]!);
console.log("recompute", (Date.now() - s) / 1000, "s", r.recomputed.length, "months; peak RSS MB", Math.round(peak / 1048576));
clearInterval(timer); await h.close();
