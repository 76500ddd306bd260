import pg from "pg";
const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect();
const t = () => Number(process.hrtime.bigint()) / 1e9;
await c.query("begin");
const q = `select tenant_id::text as t, month as m, max(customer_name) filter (where customer_name <> '') as n,
 sum(acr_micros) filter (where reason = 0)::text as e, sum(acr_micros) filter (where reason = 1)::text as s,
 sum(acr_micros) filter (where reason = 2)::text as o, sum(acr_micros) filter (where reason = 3)::text as a, sum(acr_micros) filter (where reason = 4)::text as d
 from (select tenant_id, month, customer_name, acr_micros,
   case when not service = any('{Key Vault,Azure Firewall,Microsoft Sentinel,Azure Bastion,Application Gateway}'::text[]) then 1
        when offer is not null and offer = any('{Support,Internal,Trial,Benefit Program}'::text[]) then 2
        when not association_type = any('{PAL,CSP Tier 1,CSP Tier 2}'::text[]) then 3 when duplicate then 4 else 0 end as reason
  from azure_usage where revision_id in (select id from data_revisions where source='azure' and active)) r group by tenant_id, month`;
let s = t();
await c.query("declare x no scroll cursor for " + q);
let n = 0, first = 0, parse = 0;
for (;;) { const s1 = t(); const r = await c.query("fetch 20000 from x"); if (!first) first = t() - s1; n += r.rows.length; const s2 = t(); for (const row of r.rows) { BigInt(row.e ?? 0); } parse += t() - s2; if (r.rows.length < 20000) break; }
console.log("cursor total", (t() - s).toFixed(2), "first fetch", first.toFixed(2), "bigint", parse.toFixed(2), n);
await c.query("rollback");
await c.end();
