"use server";

import { revalidatePath } from "next/cache";
import { orgActions } from "@/server/actions";
import { sendMail } from "@/server/mailer";
import { formSlug, runOrgFormAction, type FormState } from "@/server/org-action";
import { publicOrigin } from "@/server/request-context";

/** The outcome of inviting or resending: the link is shown to the admin only when no e-mail went out. */
export type InviteState =
  (NonNullable<FormState> & { delivery?: { email: string; emailed: boolean; link?: string } }) | null;

async function deliver(slug: string, email: string, token: string) {
  const link = `${await publicOrigin()}/invite/${token}`;
  const emailed = await sendMail({
    to: email,
    subject: "You are invited to the Partner Capability Portal",
    text: `You have been invited to join an organisation on the Partner Capability Portal.\n\nAccept the invitation (valid for 7 days, once):\n${link}\n\nIf you did not expect this, ignore this e-mail.`,
  });
  revalidatePath(`/o/${slug}/members`);
  return emailed ? { email, emailed } : { email, emailed, link };
}

export async function inviteMember(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["invitations.create"], slug, formData);
  if (!res.ok) return res;
  return { ...res, values: {}, delivery: await deliver(slug, res.data.email, res.data.token) };
}

export async function resendInvitation(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["invitations.resend"], slug, formData);
  if (!res.ok) return res;
  return { ...res, delivery: await deliver(slug, res.data.email, res.data.token) };
}

export async function revokeInvitation(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(orgActions["invitations.revoke"], slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/members`);
  return res;
}
