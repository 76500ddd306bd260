"use server";

import { revalidatePath } from "next/cache";
import { createInvitationAction, resendInvitationAction, revokeInvitationAction } from "@/server/actions/invitations";
import { sendMail, smtpConfigured } from "@/server/mailer";
import type { FormState } from "@/lib/form-state";
import { formSlug, runOrgFormAction } from "@/server/org-action";
import { publicOrigin } from "@/server/request-context";

/**
 * The outcome of inviting or resending. The raw token never reaches the browser when e-mail is configured: the
 * invitee's mailbox is the only place the link goes. Without SMTP_URL the admin is shown the link to pass on.
 */
export type InviteState = FormState<{
  invitationId: string;
  email?: string;
  delivery?: { email: string; emailed: boolean; link?: string };
}>;

async function deliver(slug: string, email: string, token: string) {
  const link = `${await publicOrigin()}/invite/${token}`;
  if (!smtpConfigured()) {
    revalidatePath(`/o/${slug}/members`);
    return { email, emailed: false, link };
  }
  const emailed = await sendMail({
    to: email,
    subject: "You are invited to the Partner Capability Portal",
    text: `You have been invited to join an organisation on the Partner Capability Portal.\n\nAccept the invitation (valid for 7 days, once):\n${link}\n\nIf you did not expect this, ignore this e-mail.`,
  });
  revalidatePath(`/o/${slug}/members`);
  return { email, emailed };
}

export async function createInvitation(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(createInvitationAction, slug, formData);
  if (!res.ok) return res;
  const { token, ...data } = res.data;
  return { ...res, data: { ...data, delivery: await deliver(slug, data.email, token) }, values: {} };
}

export async function resendInvitation(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(resendInvitationAction, slug, formData);
  if (!res.ok) return res;
  const { token, ...data } = res.data;
  return { ...res, data: { ...data, delivery: await deliver(slug, data.email, token) } };
}

export async function revokeInvitation(_prev: InviteState, formData: FormData): Promise<InviteState> {
  const slug = formSlug(formData);
  const res = await runOrgFormAction(revokeInvitationAction, slug, formData);
  if (res.ok) revalidatePath(`/o/${slug}/members`);
  return res;
}
