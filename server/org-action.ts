import type { z } from "zod";
import type { Db } from "@/db/client";
import type { ApiToken, Organization } from "@/db/schema";
import { findApiToken } from "@/db/queries/api-tokens";
import { appendAudit, appendAuditOncePerDay } from "@/db/queries/audit-log";
import { findMembershipBySlug, findOrganizationById } from "@/db/queries/organizations";
import { apiTokenState } from "@/lib/api/token";
import { publicUser, type PublicUser } from "@/db/queries/users";
import { fieldErrorsOf } from "@/lib/auth/schemas";
import type { ActionError, ActionResult, FormState } from "@/lib/form-state";
import { can, type Permission, type Role } from "@/lib/permissions";
import { isSlug } from "@/lib/slug";
import { loadSignedInSession, type SessionClaims } from "./session-user";
import { blockedByTwoFactorRule, TWO_FACTOR_REQUIRED_MESSAGE } from "./two-factor-policy";

/**
 * THE wrapper for every server action and route handler that touches an organisation's data:
 *
 *   parse input (zod) → session user from the DB (sessionVersion checked) → organisation resolved
 *   by slug from the user's memberships → permission → change in one transaction → audit entry in
 *   that same transaction.
 *
 * The core (`executeOrgAction`) takes an explicit context so it runs in tests without Next.js;
 * `runOrgAction` / `runOrgFormAction` build that context from the request's cookies and headers.
 */

/** Everything the core needs to know about the caller; built from the request in production. */
export type ActionContext = {
  db: Db;
  session: SessionClaims | null;
  ip: string | null;
  userAgent: string | null;
  /**
   * An organisation API token that authenticated the request (server/api/authenticate.ts); the session is then
   * ignored. The token acts with its own role in its own organisation only (issue 16).
   */
  token?: Pick<ApiToken, "id" | "name" | "hint"> | null;
};

/** Who acts: a person, or an API token (then `user` is null and `token` says which). */
export type OrgActionScope<I> = {
  user: PublicUser | null;
  token: Pick<ApiToken, "id" | "name" | "hint"> | null;
  org: Organization;
  role: Role;
  input: I;
};

/** The audit entry a handler asks for; the wrapper adds organisation, actor, IP and user agent. */
export type OrgAuditEntry = {
  action?: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
  /**
   * Downloads: written only for the actor's first such entry (action and object) of the UTC day, so a crawler
   * or a link followed again and again cannot flood the log (db/queries/audit-log.ts).
   */
  oncePerDay?: boolean;
};

export type OrgActionDefinition<S extends z.ZodType, R> = {
  /** Stable name, used as the audit action and as the key of the access matrix. */
  name: string;
  permission: Permission;
  /**
   * Whether an API token may call it (the REST API's operations and the upload routes). Everything else is for
   * people only: a token on it is refused as forbidden, whatever its role.
   */
  tokens?: boolean;
  input: S;
  /** Runs inside the transaction; throw `ActionFailure` to roll back with a message for the user. */
  handler: (
    tx: Db,
    scope: OrgActionScope<z.output<S>>,
  ) => Promise<{ result: R; audit: OrgAuditEntry | OrgAuditEntry[] | null }>;
};

export function defineOrgAction<S extends z.ZodType, R>(def: OrgActionDefinition<S, R>): OrgActionDefinition<S, R> {
  return def;
}

/** A refusal decided inside the transaction (e.g. "the last admin cannot leave"); rolls everything back. */
export class ActionFailure extends Error {
  constructor(
    readonly error: Extract<ActionError, "conflict" | "not_found" | "invalid_input">,
    message: string,
  ) {
    super(message);
  }
}

export const NOT_FOUND_MESSAGE = "This page could not be found.";

export async function executeOrgAction<S extends z.ZodType, R>(
  def: OrgActionDefinition<S, R>,
  ctx: ActionContext,
  slug: unknown,
  rawInput: unknown,
): Promise<ActionResult<R>> {
  const parsed = def.input.safeParse(rawInput);
  if (!parsed.success) {
    return {
      ok: false,
      error: "invalid_input",
      message: "Please correct the highlighted fields.",
      fieldErrors: fieldErrorsOf(parsed.error),
    };
  }

  if (ctx.token) return executeAsToken(def, ctx, ctx.token, slug, parsed.data);

  const signedIn = await loadSignedInSession(ctx.db, ctx.session);
  const user = signedIn?.user;
  if (!signedIn || !user)
    return { ok: false, error: "unauthenticated", message: "Your session has ended. Please sign in again." };
  // An unconfirmed address reaches no organisation (issue 12): whoever signed up with someone else's address
  // must not act in an organisation that address was invited to.
  if (!user.emailVerifiedAt) {
    return {
      ok: false,
      error: "forbidden",
      message: "Confirm your e-mail address first: follow the link we sent you.",
    };
  }

  // Unknown organisation and "not a member" answer identically: no hint that the organisation exists.
  if (typeof slug !== "string" || !isSlug(slug)) return { ok: false, error: "not_found", message: NOT_FOUND_MESSAGE };

  try {
    return await ctx.db.transaction(async (tx) => {
      const membership = await findMembershipBySlug(tx, user.id, slug);
      if (!membership) return { ok: false, error: "not_found", message: NOT_FOUND_MESSAGE } as const;
      if (await blockedByTwoFactorRule(tx, membership.org.id, signedIn.session))
        return { ok: false, error: "forbidden", message: TWO_FACTOR_REQUIRED_MESSAGE } as const;
      if (!can(membership.role, def.permission)) {
        return {
          ok: false,
          error: "forbidden",
          message: "Your role in this organisation does not allow this.",
        } as const;
      }
      const actor = publicUser(user);
      const { result, audit } = await def.handler(tx, {
        user: actor,
        token: null,
        org: membership.org,
        role: membership.role,
        input: parsed.data,
      });
      await writeAudit(tx, def, ctx, membership.org, actor, audit);
      return { ok: true, data: result } as const;
    });
  } catch (err) {
    if (err instanceof ActionFailure) return { ok: false, error: err.error, message: err.message };
    throw err;
  }
}

/**
 * The token path of the wrapper: the token (re-read in the transaction, so a revocation since authentication
 * counts) must be active and belong to the organisation of `slug`; any other organisation answers "not found",
 * exactly as to a non-member. The token's role then meets the permission map like a member's.
 */
async function executeAsToken<S extends z.ZodType, R>(
  def: OrgActionDefinition<S, R>,
  ctx: ActionContext,
  caller: Pick<ApiToken, "id" | "name" | "hint">,
  slug: unknown,
  input: z.output<S>,
): Promise<ActionResult<R>> {
  if (typeof slug !== "string" || !isSlug(slug)) return { ok: false, error: "not_found", message: NOT_FOUND_MESSAGE };
  try {
    return await ctx.db.transaction(async (tx) => {
      const token = await findApiToken(tx, caller.id);
      if (!token || apiTokenState(token, new Date()) !== "active")
        return { ok: false, error: "unauthenticated", message: "This API token is not valid." } as const;
      const org = await findOrganizationById(tx, token.organizationId);
      if (!org || org.slug !== slug) return { ok: false, error: "not_found", message: NOT_FOUND_MESSAGE } as const;
      if (!def.tokens || !can(token.role, def.permission)) {
        return {
          ok: false,
          error: "forbidden",
          message: def.tokens
            ? `This token's role (${token.role}) does not allow this.`
            : "API tokens cannot do this; sign in to the portal.",
        } as const;
      }
      const { result, audit } = await def.handler(tx, { user: null, token: caller, org, role: token.role, input });
      await writeAudit(tx, def, ctx, org, null, audit);
      return { ok: true, data: result } as const;
    });
  } catch (err) {
    if (err instanceof ActionFailure) return { ok: false, error: err.error, message: err.message };
    throw err;
  }
}

/** How the audit log names a token that acted: no user id, and its name and hint in place of an e-mail. */
export function apiTokenActorLabel(token: Pick<ApiToken, "name" | "hint">): string {
  return `API token ${token.hint} (${token.name})`;
}

async function writeAudit(
  tx: Db,
  def: { name: string },
  ctx: ActionContext,
  org: Organization,
  user: PublicUser | null,
  audit: OrgAuditEntry | OrgAuditEntry[] | null,
): Promise<void> {
  const actor = user ?? (ctx.token ? { id: null, email: apiTokenActorLabel(ctx.token) } : null);
  for (const entry of audit === null ? [] : Array.isArray(audit) ? audit : [audit]) {
    await (entry.oncePerDay ? appendAuditOncePerDay : appendAudit)(tx, {
      organizationId: org.id,
      actor,
      action: entry.action ?? def.name,
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      before: entry.before,
      after: entry.after,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
  }
}

/** The person acting, for actions API tokens cannot call (`tokens` unset): the wrapper never runs them for one. */
export function personOf(scope: { user: PublicUser | null }): PublicUser {
  if (!scope.user) throw new Error("This action is for people only; the wrapper should have refused the token.");
  return scope.user;
}

/** Next-bound: runs an action for the signed-in user of the current request. */
export async function runOrgAction<S extends z.ZodType, R>(
  def: OrgActionDefinition<S, R>,
  slug: unknown,
  input: unknown,
): Promise<ActionResult<R>> {
  const { requestActionContext } = await import("./request-context");
  return executeOrgAction(def, await requestActionContext(), slug, input);
}

export async function runOrgFormAction<S extends z.ZodType, R>(
  def: OrgActionDefinition<S, R>,
  slug: unknown,
  formData: FormData,
): Promise<NonNullable<FormState<R>>> {
  const input = formValues(formData);
  return { ...(await runOrgAction(def, slug, input)), values: echoValues(input) };
}

/**
 * The organisation a form posts for, from its hidden `slug` field. Forms carry it as a field rather than as an
 * argument bound with `.bind()` in a client component: React makes a new pending promise for each such binding,
 * and a plain POST without JavaScript then never got an answer (Next.js issue 57867). The wrapper checks the slug
 * like any other input.
 */
export function formSlug(formData: FormData): string {
  const slug = formData.get("slug");
  return typeof slug === "string" ? slug : "";
}

/** A form's text fields (file fields and Next's own `$ACTION_…` fields left out). */
export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  }
  return out;
}

/** The values worth echoing back to a form: never a password. */
export function echoValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !/password/i.test(key)));
}
