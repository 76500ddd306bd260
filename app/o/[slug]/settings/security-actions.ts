"use server";

import { redirect } from "next/navigation";
import { requireTwoFactorAction } from "@/server/actions/security";
import type { FormState } from "@/lib/form-state";
import { runOrgFormAction } from "@/server/org-action";

export async function requireTwoFactor(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(requireTwoFactorAction, slug, formData);
  // A full render: when it was just switched on, this admin may now be asked to set up two-factor too.
  if (res.ok) redirect(`/o/${slug}/settings?security=saved`);
  return res;
}
