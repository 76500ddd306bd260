import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { snapshotMonthExists } from "@/db/queries/page-exists";
import { isMonthParam } from "@/lib/snapshot-view";
import { requireOrgMember } from "@/server/session";

/**
 * Decides "not found" before the page's loading skeleton streams out, so an unknown month answers 404 rather than
 * 200 (see db/queries/page-exists.ts). Renders nothing of its own.
 */
export default async function SnapshotMonthLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string; month: string }>;
}) {
  const { slug, month } = await params;
  const { org } = await requireOrgMember(slug, "org.view");
  if (!isMonthParam(month) || !(await snapshotMonthExists(await getDb(), org.id, month))) notFound();
  return children;
}
