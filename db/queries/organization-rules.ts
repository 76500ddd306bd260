import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";

/** The rule set and M365 basis the organisation's snapshots are computed with. */
export async function updateOrganizationRules(
  db: Db,
  organizationId: string,
  rules: { ruleSet: string; m365Basis: string },
) {
  const [org] = await db.update(organizations).set(rules).where(eq(organizations.id, organizationId)).returning();
  return org!;
}
