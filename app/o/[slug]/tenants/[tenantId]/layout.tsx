import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { tenantInSnapshots } from "@/db/queries/page-exists";
import { requireOrgMember } from "@/server/session";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decides "not found" before the page's loading skeleton streams out, so an unknown tenant answers 404 rather than
 * 200 (see db/queries/page-exists.ts). Renders nothing of its own.
 */
export default async function TenantLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string; tenantId: string }>;
}) {
  const { slug, tenantId } = await params;
  const { org } = await requireOrgMember(slug, "org.view");
  if (!GUID.test(tenantId) || !(await tenantInSnapshots(await getDb(), org.id, tenantId.toLowerCase()))) notFound();
  return children;
}
