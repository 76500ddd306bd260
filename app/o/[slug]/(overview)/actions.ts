"use server";

import { revalidatePath } from "next/cache";
import { clearSampleDataAction, loadSampleDataAction } from "@/server/actions/sample-data";
import { enterManualScoresAction } from "@/server/actions/scores";
import type { FormState } from "@/lib/form-state";
import { runOrgFormAction } from "@/server/org-action";

/** Skilling / Customer Success points typed in on the dashboard. */
export async function enterManualScores(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(enterManualScoresAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

/** "Try it with sample data": generated exports through the import pipeline. */
export async function loadSampleData(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(loadSampleDataAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}

/** Clears the sample data and everything computed from it. */
export async function clearSampleData(slug: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const res = await runOrgFormAction(clearSampleDataAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}`, "layout");
  return res;
}
