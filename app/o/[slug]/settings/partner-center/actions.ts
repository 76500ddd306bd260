"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { removeConnectionAction, saveConnectionAction, testConnectionAction } from "@/server/actions/partner-center";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";
import { probeConnection } from "@/server/partner-center/probe-connection";

/** The secret is write-only: it is never echoed back into the form's state (which goes to the browser). */
function withoutSecret(state: NonNullable<FormState>): NonNullable<FormState> {
  const { clientSecret: _dropped, ...values } = state.values;
  void _dropped;
  return { ...state, values };
}

export async function saveConnection(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = withoutSecret(await runOrgFormAction(saveConnectionAction, slug, formData));
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

export async function removeConnection(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(removeConnectionAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

/**
 * Authorised and audited by the wrapper; the requests to Microsoft run after its transaction, so no database
 * connection waits on them. The answer says exactly what failed.
 */
export async function testConnection(_prev: FormState, formData: FormData): Promise<FormState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(testConnectionAction, slug, formData);
  if (!res.ok) return res;
  const outcome = await probeConnection(await getDb(), res.data.organizationId);
  revalidatePath(`/o/${slug}/settings/partner-center`);
  return outcome.ok
    ? { ok: true, data: { message: outcome.message }, values: {} }
    : { ok: false, error: "conflict", message: outcome.message, values: {} };
}
