import { useId, type ComponentProps, type ReactNode } from "react";

import { cn } from "@/lib/utils";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

type FormFieldProps = Omit<ComponentProps<typeof Input>, "id"> & {
  /** Visible label text. */
  label: ReactNode;
  /** Input id; generated when omitted. */
  id?: string;
  /** Helper text shown under the input (linked via aria-describedby). */
  description?: ReactNode;
  /** Error message(s). When present the input gets aria-invalid and the message is announced. */
  error?: ReactNode | string[];
  /** Class for the wrapping element. */
  fieldClassName?: string;
};

/**
 * Label + input + helper/error text, wired up accessibly:
 * `htmlFor`/`id`, `aria-describedby` (description and error), `aria-invalid`, and the
 * error rendered with role="alert" so it's announced when it appears after a submit.
 * Works in server components (no client hooks besides `useId`).
 */
function FormField({
  label,
  id,
  description,
  error,
  fieldClassName,
  required,
  className,
  "aria-describedby": ariaDescribedBy,
  ...inputProps
}: FormFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const descriptionId = `${inputId}-description`;
  const errorId = `${inputId}-error`;
  const errorMessages = normaliseErrors(error);
  const hasError = errorMessages.length > 0;

  const describedBy =
    [ariaDescribedBy, description ? descriptionId : null, hasError ? errorId : null].filter(Boolean).join(" ") ||
    undefined;

  return (
    <div data-slot="form-field" className={cn("grid gap-2", fieldClassName)}>
      <Label htmlFor={inputId}>
        {label}
        {required ? (
          <span aria-hidden="true" className="text-destructive">
            *
          </span>
        ) : null}
      </Label>
      <Input
        id={inputId}
        required={required}
        aria-invalid={hasError || undefined}
        aria-describedby={describedBy}
        className={className}
        {...inputProps}
      />
      {description ? (
        <p id={descriptionId} data-slot="form-description" className="text-sm text-muted-foreground">
          {description}
        </p>
      ) : null}
      <FormMessage id={errorId} messages={errorMessages} />
    </div>
  );
}

/** Standalone error message, for custom controls (Select, Textarea) that reuse the same wiring. */
function FormMessage({ id, messages, className }: { id: string; messages: ReactNode[]; className?: string }) {
  if (messages.length === 0) return null;
  return (
    <div
      id={id}
      role="alert"
      data-slot="form-message"
      className={cn("text-sm font-medium text-destructive", className)}
    >
      {messages.length === 1 ? (
        <p>{messages[0]}</p>
      ) : (
        <ul className="list-disc space-y-0.5 pl-5">
          {messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function normaliseErrors(error: FormFieldProps["error"]): ReactNode[] {
  if (error === undefined || error === null || error === false || error === "") return [];
  if (Array.isArray(error)) return error.filter((message) => Boolean(message));
  return [error];
}

export { FormField, FormMessage, normaliseErrors, type FormFieldProps };
