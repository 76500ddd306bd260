"use server";

import { revalidatePath } from "next/cache";
import { deleteScenarioAction, saveScenarioAction } from "@/server/actions/simulations";
import { runOrgAction } from "@/server/org-action";

/**
 * The simulator page's calls. Each goes through the organisation action wrapper: the session, the membership and
 * the role are read from the database on every call; a non-member gets "not found".
 */
export async function saveScenario(slug: string, input: unknown) {
  const res = await runOrgAction(saveScenarioAction, slug, input);
  if (res.ok) revalidatePath(`/o/${slug}/simulate`);
  return res;
}

export async function deleteScenario(slug: string, input: unknown) {
  const res = await runOrgAction(deleteScenarioAction, slug, input);
  if (res.ok) revalidatePath(`/o/${slug}/simulate`);
  return res;
}
