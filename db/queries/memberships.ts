import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import type { Role } from "@/lib/permissions";

export type MemberRow = { userId: string; name: string; email: string; role: Role; joinedAt: Date };

export async function listMembers(db: Db, orgId: string): Promise<MemberRow[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, orgId))
    .orderBy(asc(users.name), asc(users.email));
}

export async function findMember(db: Db, orgId: string, userId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function countAdmins(db: Db, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.role, "admin")));
  return Number(row?.n ?? 0);
}

export async function insertMembership(db: Db, orgId: string, userId: string, role: Role): Promise<void> {
  await db.insert(memberships).values({ organizationId: orgId, userId, role });
}

export async function setMemberRole(db: Db, orgId: string, userId: string, role: Role): Promise<void> {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Db, orgId: string, userId: string): Promise<void> {
  await db.delete(memberships).where(and(eq(memberships.organizationId, orgId), eq(memberships.userId, userId)));
}
