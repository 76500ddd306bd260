import { FormField } from "@/components/ui/form-field";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { fieldErrorsIn, type FormState } from "@/lib/form-state";

/**
 * The fields the account forms share, each written once: its label, name, autocomplete hint and limits, the value
 * echoed back after a failed submit (never a password's) and its messages. The e2e tests find them by label.
 */
export function EmailField({ state, autoComplete }: { state: FormState; autoComplete: "username" | "email" }) {
  return (
    <FormField
      label="E-mail address"
      name="email"
      type="email"
      autoComplete={autoComplete}
      required
      maxLength={254}
      defaultValue={state?.values.email ?? ""}
      error={fieldErrorsIn(state).email}
    />
  );
}

export function NameField({ state }: { state: FormState }) {
  return (
    <FormField
      label="Your name"
      name="name"
      autoComplete="name"
      required
      maxLength={100}
      defaultValue={state?.values.name ?? ""}
      error={fieldErrorsIn(state).name}
    />
  );
}

/** A password the person already has, typed to prove it is them. */
export function CurrentPasswordField({
  state,
  label = "Password",
  name = "password",
  description,
}: {
  state: FormState;
  label?: string;
  name?: string;
  description?: string;
}) {
  return (
    <FormField
      label={label}
      name={name}
      type="password"
      autoComplete="current-password"
      required
      description={description}
      error={fieldErrorsIn(state)[name]}
    />
  );
}

/** A password being chosen, with the policy beside it. */
export function NewPasswordField({
  state,
  label = "Password",
  name = "password",
}: {
  state: FormState;
  label?: string;
  name?: string;
}) {
  return (
    <FormField
      label={label}
      name={name}
      type="password"
      autoComplete="new-password"
      required
      description={`At least ${PASSWORD_MIN_LENGTH} characters; avoid common passwords.`}
      error={fieldErrorsIn(state)[name]}
    />
  );
}

/** Changing or resetting a password: the new one, typed twice. */
export function NewPasswordFields({ state }: { state: FormState }) {
  return (
    <>
      <NewPasswordField state={state} label="New password" name="newPassword" />
      <FormField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={fieldErrorsIn(state).confirmPassword}
      />
    </>
  );
}
