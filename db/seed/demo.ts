import { eq } from "drizzle-orm";
import { hash } from "@node-rs/argon2";
import type { Db } from "../client";
import { memberships, organizations, users } from "../schema";

export const DEMO_ORG = { slug: "contoso-security", name: "Contoso Security Services" };
export const DEMO_PASSWORD = "Contoso-Demo-2026";
export const DEMO_USERS = [
  { email: "admin@contoso.example", name: "Avery Admin", role: "admin" },
  { email: "analyst@contoso.example", name: "Ana Analyst", role: "analyst" },
  { email: "viewer@contoso.example", name: "Victor Viewer", role: "viewer" },
] as const;

export type DemoDetails = { orgName: string; orgSlug: string; password: string; users: { email: string; role: string }[] };

/** Seeds the demo organisation once (an admin, an analyst and a viewer); later runs leave it as it is. */
export async function seedDemo(db: Db): Promise<DemoDetails> {
  const details: DemoDetails = {
    orgName: DEMO_ORG.name,
    orgSlug: DEMO_ORG.slug,
    password: DEMO_PASSWORD,
    users: DEMO_USERS.map(({ email, role }) => ({ email, role })),
  };
  const existing = await db.select().from(organizations).where(eq(organizations.slug, DEMO_ORG.slug));
  if (existing.length > 0) return details;
  const passwordHash = await hash(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [org] = await tx.insert(organizations).values(DEMO_ORG).returning();
    for (const u of DEMO_USERS) {
      const [user] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name, passwordHash })
        .onConflictDoUpdate({ target: users.email, set: { name: u.name } })
        .returning();
      await tx.insert(memberships).values({ organizationId: org!.id, userId: user!.id, role: u.role });
    }
  });
  return details;
}
