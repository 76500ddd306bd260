import { execSync } from "node:child_process";
import { sqlAggregate } from "../bench/recompute";
const url = process.env.DATABASE_URL!;
const org = execSync(`psql -XAt ${url} -c "select id from organizations limit 1"`).toString().trim();
for (let i = 0; i < Number(process.env.N ?? 1); i++) {
  execSync(`psql -XAtq ${url} -c "delete from snapshots" -c "vacuum snapshot_tenants" -c "vacuum snapshots"`);
  const a = await sqlAggregate(url, org);
  const out = execSync(`npx tsx .scratch/run-recompute.ts ${org}`, { env: process.env }).toString().trim();
  const b = await sqlAggregate(url, org);
  const secs = Number(out.split(" ")[1]);
  console.log(`sql ${a.seconds.toFixed(2)} / ${b.seconds.toFixed(2)}; ${out}; ratio ${(secs / Math.min(a.seconds, b.seconds)).toFixed(2)}`);
}
