import fs from "node:fs";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { imports, memberships, organizations, users } from "@/db/schema";
import { jobHandlers } from "@/server/jobs/handlers";
import { drainJobs, enqueueJob } from "@/server/jobs/queue";
import { submitImportFile } from "@/server/imports/submit";
import type { OrgActionDefinition } from "@/server/org-action";
import { publicUser } from "@/db/queries/users";
import type { z } from "zod";

let n = 0;
/** A fresh organisation with one admin, seeded straight into the database. */
export async function seedOrg(db: Db, settings: { ruleSet?: string; m365Basis?: string } = {}) {
  const suffix = `${Date.now().toString(36)}-${++n}-${Math.floor(Math.random() * 1e6)}`;
  const [org] = await db
    .insert(organizations)
    .values({ slug: `org-${suffix}`, name: `Org ${suffix}`, ...settings })
    .returning();
  const [user] = await db
    .insert(users)
    .values({ email: `admin-${suffix}@example.test`, name: "Admin", emailVerifiedAt: new Date() })
    .returning();
  await db.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: "admin" });
  return { org: org!, user: user! };
}

/** Uploads a file as the web route does (streamed to disk, then validated in the background). */
export async function uploadFile(
  db: Db,
  target: { organizationId: string; userId: string },
  source: "azure" | "m365",
  content: string | Buffer | { path: string },
  dataMonth: string | null = null,
) {
  const stream =
    typeof content === "object" && "path" in content ? fs.createReadStream(content.path) : [Buffer.from(content)];
  const imp = await submitImportFile(db, {
    organizationId: target.organizationId,
    source,
    fileName: `${source}.csv`,
    body: stream as AsyncIterable<Uint8Array>,
    dataMonth,
    createdBy: target.userId,
    maxBytes: 50 * 1024 * 1024,
  });
  await enqueueJob(db, { kind: "import.run", organizationId: target.organizationId, payload: { importId: imp.id } });
  return imp.id;
}

/** Runs every queued background job to the end, and returns the import as it then stands. */
export async function settle(db: Db, importId?: string) {
  await drainJobs(db, jobHandlers);
  if (!importId) return undefined;
  const [row] = await db.select().from(imports).where(eq(imports.id, importId));
  return row!;
}

/**
 * Runs an organisation action's handler in a transaction of its own, as the organisation's first member (an admin
 * in every test that uses it), without a session or the audit entry: for tests of what the handler does. Who may
 * run it is the access matrix's business (access-matrix.test.ts). Refusals throw `ActionFailure`.
 */
export async function runHandler<S extends z.ZodType, R>(
  db: Db,
  def: OrgActionDefinition<S, R>,
  organizationId: string,
  input: z.input<S>,
): Promise<R> {
  const [member] = await db
    .select({ org: organizations, user: users, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(memberships.createdAt)
    .limit(1);
  if (!member) throw new Error(`organisation ${organizationId} has no member to act as`);
  return db.transaction(
    async (tx) =>
      (
        await def.handler(tx, {
          user: publicUser(member.user),
          token: null,
          org: member.org,
          role: member.role,
          input: def.input.parse(input),
        })
      ).result,
  );
}
