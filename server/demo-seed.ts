import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectedDataMonth } from "@/lib/data-cycle";
import { generateDataset } from "@/lib/generator";
import { hashPassword } from "./passwords";
import { submitImportFile } from "./imports/submit";
import { jobHandlers } from "./jobs/handlers";
import { drainJobs, enqueueJob } from "./jobs/queue";
import type { Db } from "@/db/client";
import { insertMembership } from "@/db/queries/memberships";
import { findOrganizationBySlug, insertOrganization } from "@/db/queries/organizations";
import { markEmailsVerified, upsertVerifiedUser } from "@/db/queries/users";

export const DEMO_ORG = { slug: "contoso-security", name: "Contoso Security Services" };
export const DEMO_PASSWORD = "Contoso-Demo-2026";
export const DEMO_USERS = [
  { email: "admin@contoso.example", name: "Avery Admin", role: "admin" },
  { email: "analyst@contoso.example", name: "Ana Analyst", role: "analyst" },
  { email: "viewer@contoso.example", name: "Victor Viewer", role: "viewer" },
] as const;

/** Demo data: generated exports for 24 months up to the data month expected today, imported like a user would. */
const DEMO_TENANTS = 40;
const DEMO_MONTHS = 24;
const DEMO_SEED = 2026;

export type DemoDetails = {
  orgName: string;
  orgSlug: string;
  password: string;
  users: { email: string; role: string }[];
};

/** Seeds the demo organisation once (an admin, an analyst and a viewer); later runs leave it as it is. */
export async function seedDemo(db: Db): Promise<DemoDetails> {
  const details: DemoDetails = {
    orgName: DEMO_ORG.name,
    orgSlug: DEMO_ORG.slug,
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map(({ email, role }) => ({ email, role })),
  };
  if (await findOrganizationBySlug(db, DEMO_ORG.slug)) {
    // A demo database from before e-mail verification: its people stay able to sign in and see the demo.
    await markEmailsVerified(
      db,
      DEMO_USERS.map((u) => u.email),
    );
    return details;
  }
  const adminId = await seedDemoPeople(db);
  await importDemoData(db, adminId);
  return details;
}

async function seedDemoPeople(db: Db): Promise<string> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    let adminId = "";
    const org = await insertOrganization(tx, DEMO_ORG);
    for (const u of DEMO_USERS) {
      // The demo people's addresses count as confirmed (example.com-style addresses receive no mail).
      const user = await upsertVerifiedUser(tx, { email: u.email, name: u.name, passwordHash });
      await insertMembership(tx, org.id, user.id, u.role);
      if (u.role === "admin") adminId = user.id;
    }
    return adminId;
  });
}

/** Generates both exports and runs them through the same upload → import (one pass) → recompute pipeline. */
async function importDemoData(db: Db, adminId: string): Promise<void> {
  const org = await findOrganizationBySlug(db, DEMO_ORG.slug);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pcp-demo-"));
  try {
    const dataMonth = expectedDataMonth(new Date());
    const files = { azure: path.join(dir, "azure-usage.csv"), m365: path.join(dir, "m365-licences.csv") };
    const out = { azure: fs.createWriteStream(files.azure), m365: fs.createWriteStream(files.m365) };
    await generateDataset(
      { tenants: DEMO_TENANTS, months: DEMO_MONTHS, seed: DEMO_SEED, toMonth: dataMonth },
      { azure: (chunk) => void out.azure.write(chunk), m365: (chunk) => void out.m365.write(chunk) },
    );
    await Promise.all(Object.values(out).map((s) => new Promise((r) => s.end(r))));
    for (const source of ["azure", "m365"] as const) {
      const imp = await submitImportFile(db, {
        organizationId: org!.id,
        source,
        fileName: path.basename(files[source]),
        body: fs.createReadStream(files[source]),
        dataMonth,
        createdBy: adminId,
      });
      await enqueueJob(db, { kind: "import.run", organizationId: org!.id, payload: { importId: imp.id } });
    }
    await drainJobs(db, jobHandlers);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
