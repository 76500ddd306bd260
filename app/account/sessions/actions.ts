"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db/client";
import { endOtherSessions, endSession } from "@/db/queries/user-sessions";
import { getCurrentSession } from "@/server/session";

const sessionIdInput = z.object({ sessionId: z.uuid() });

/** Ends one of the signed-in person's own sessions (another person's id matches nothing). */
export async function endSessionAction(formData: FormData): Promise<void> {
  const current = await getCurrentSession();
  if (!current) redirect("/sign-in");
  const parsed = sessionIdInput.safeParse({ sessionId: formData.get("sessionId") });
  if (!parsed.success) redirect("/account/sessions");
  await endSession(await getDb(), { sessionId: parsed.data.sessionId, userId: current.user.id }, "revoked");
  // Ending this very session is signing out here.
  redirect(parsed.data.sessionId === current.session.id ? "/sign-in" : "/account/sessions?ended=1");
}

export async function endOtherSessionsAction(): Promise<void> {
  const current = await getCurrentSession();
  if (!current) redirect("/sign-in");
  await endOtherSessions(await getDb(), current.user.id, current.session.id);
  redirect("/account/sessions?ended=others");
}
