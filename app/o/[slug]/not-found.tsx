import type { Metadata } from "next";
import { FileQuestionMark } from "lucide-react";

import { OrgHomeButton } from "@/components/app-shell/org-home-button";
import { StatusPage } from "@/components/app-shell/status-page";

export const metadata: Metadata = { title: "Page not found" };

/**
 * A page of an organisation the visitor belongs to that does not exist (an unknown month, tenant, import or
 * address): answered with 404 inside the organisation's layout, so the navigation stays.
 */
export default function OrgNotFound() {
  return (
    <StatusPage icon={<FileQuestionMark />} title="Page not found" actions={<OrgHomeButton />}>
      <p>
        There is nothing at this address in this organisation. The month, tenant or import may not exist, or the link
        may be out of date.
      </p>
    </StatusPage>
  );
}
