import { z } from "zod";
import type { FormState } from "../form-state";
import { passwordProblem } from "./password-policy";

/** RFC 5321 caps an address at 254 characters; anything longer is refused before any lookup. */
export const emailSchema = z
  .string({ error: "Enter your e-mail address." })
  .trim()
  .toLowerCase()
  .max(254, "That e-mail address is too long.")
  .pipe(z.email("Enter a valid e-mail address."));

/** Names are stored verbatim (React escapes them when rendering); only length and control characters are checked. */
export const displayNameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.");

export const orgNameSchema = z
  .string({ error: "Enter the organisation's name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(100, "Use at most 100 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "Remove control characters.");

/** A password typed to sign in: only bounded, never judged (old passwords may predate the policy). */
export const enteredPasswordSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(1024);

export const signInSchema = z.object({
  email: emailSchema,
  password: enteredPasswordSchema,
  callbackUrl: z.string().max(2048).optional(),
});

export const signUpSchema = z
  .object({
    name: displayNameSchema,
    email: emailSchema,
    organizationName: orgNameSchema,
    password: z.string({ error: "Choose a password." }).max(1024, "Use at most 256 characters."),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.password, { email: v.email });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export const changePasswordSchema = z
  .object({
    currentPassword: enteredPasswordSchema,
    newPassword: z.string().max(1024, "Use at most 256 characters."),
    confirmPassword: z.string().max(1024),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.newPassword);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords differ." });
    } else if (v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password you have not used here." });
    }
  });

export type FieldErrors = Record<string, string[] | undefined>;

/** zod issues as `{ field: [messages] }` for the forms. */
export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/** A form whose input did not parse: a message for the form, each field's messages, and the values to show again. */
export function invalidForm(
  values: Record<string, string>,
  error: z.ZodError,
  message = "Please correct the highlighted fields.",
): NonNullable<FormState<never>> {
  return { ok: false, values, message, fieldErrors: fieldErrorsOf(error) };
}

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A new password chosen through a reset link (the e-mail is not known to the form, so it is not compared). */
export const resetPasswordSchema = z
  .object({
    newPassword: z.string({ error: "Choose a password." }).max(1024, "Use at most 256 characters."),
    confirmPassword: z.string().max(1024),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.newPassword);
    if (problem) ctx.addIssue({ code: "custom", path: ["newPassword"], message: problem });
    else if (v.newPassword !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords differ." });
    }
  });
