import { and, asc, eq, like, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organizations, type Organization } from "@/db/schema";
import type { Role } from "@/lib/permissions";
import { slugCandidate, slugify } from "@/lib/slug";

export type OrgMembership = { org: Organization; role: Role };

/** The organisation behind `slug`, but only if `userId` is a member of it: the only way pages and actions find an org. */
export async function findMembershipBySlug(db: Db, userId: string, slug: string): Promise<OrgMembership | null> {
  const [row] = await db
    .select({ org: organizations, role: memberships.role })
    .from(organizations)
    .innerJoin(memberships, eq(memberships.organizationId, organizations.id))
    .where(and(eq(organizations.slug, slug), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** The user's organisations, oldest membership first (the first is where sign-in lands). */
export async function listUserOrganizations(db: Db, userId: string): Promise<OrgMembership[]> {
  return db
    .select({ org: organizations, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(memberships.organizationId, organizations.id))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.name));
}

/** A free slug derived from the name: "contoso", else "contoso-2", "contoso-3", … */
export async function freeSlug(db: Db, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    (
      await db
        .select({ slug: organizations.slug })
        .from(organizations)
        .where(or(eq(organizations.slug, base), like(organizations.slug, `${base.slice(0, 40)}-%`)))
    ).map((r) => r.slug),
  );
  for (let attempt = 1; ; attempt++) {
    const candidate = slugCandidate(base, attempt);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Creates the organisation and makes `creatorId` its admin; call inside the caller's transaction. */
export async function createOrganization(db: Db, name: string, creatorId: string): Promise<Organization> {
  const slug = await freeSlug(db, name);
  const [org] = await db.insert(organizations).values({ name, slug }).returning();
  await db.insert(memberships).values({ organizationId: org!.id, userId: creatorId, role: "admin" });
  return org!;
}

/**
 * THE organisation lock: a transaction-scoped advisory lock on the organisation's id, held until commit or
 * rollback. Everything that must not interleave with another change of the same organisation takes it first,
 * before any row lock (ARCHITECTURE.md, "Locks"): an import's pass and its decision, rollbacks, the recompute,
 * sample data, and membership changes (so a last-admin check stays true until commit). Advisory rather than a row
 * lock on `organizations`: a row lock would also block the foreign-key checks of every insert that references the
 * organisation (audit entries, jobs) for as long as an import runs. Taking it twice in one transaction is fine
 * (it is re-entrant); never take two organisations' locks in one transaction.
 */
export async function lockOrganization(db: Db, organizationId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${organizationId}))`);
}

export async function renameOrganization(db: Db, orgId: string, name: string): Promise<Organization> {
  const [row] = await db.update(organizations).set({ name }).where(eq(organizations.id, orgId)).returning();
  return row!;
}

/** An organisation by id (API tokens name their organisation by id; the URL's slug must match it). */
export async function findOrganizationById(db: Db, id: string): Promise<Organization | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row ?? null;
}

/** Every organisation's id (the monthly check goes through them all). */
export async function listOrganizationIds(db: Db): Promise<{ id: string }[]> {
  return db.select({ id: organizations.id }).from(organizations);
}

export async function findOrganizationBySlug(db: Db, slug: string): Promise<Organization | null> {
  const [row] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  return row ?? null;
}

/** An organisation with a chosen slug and no members yet (the demo's); createOrganization is the usual way. */
export async function insertOrganization(db: Db, values: { slug: string; name: string }): Promise<Organization> {
  const [row] = await db.insert(organizations).values(values).returning();
  return row!;
}
