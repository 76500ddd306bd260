import { z } from "zod";
import { parseSecretKey, type SecretKey } from "./crypto/secret-box";

/**
 * Server configuration, validated once. Every problem becomes one sentence a person can act on,
 * because a stack trace at start-up tells an operator nothing about which variable to fix.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  // The owner role that applies migrations, when the app itself (DATABASE_URL) runs as a less-privileged role.
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "MIGRATION_DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  AUTH_URL: z.url().optional(),
  // Microsoft Entra ID sign-in (OIDC) is offered when all three are set; see docs/auth.md.
  AUTH_MICROSOFT_ENTRA_ID_ID: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_SECRET: z.string().min(1).optional(),
  AUTH_MICROSOFT_ENTRA_ID_ISSUER: z
    .url("AUTH_MICROSOFT_ENTRA_ID_ISSUER must be a URL such as https://login.microsoftonline.com/<tenant-id>/v2.0")
    .optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Partner Capability Portal <no-reply@localhost>"),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024 * 1024),
  // How many reverse proxies in front of the portal append to X-Forwarded-For (lib/auth/client-ip.ts, README).
  TRUSTED_PROXY_HOPS: z.coerce
    .number("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)")
    .int("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)")
    .min(0, "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when clients connect directly)")
    .max(10, "TRUSTED_PROXY_HOPS must be at most 10")
    .default(0),
  ...connectorEnvShape(),
  // Lets organisation webhooks reach loopback addresses (127.0.0.0/8, ::1): for tests and local set-ups only;
  // link-local and cloud metadata addresses stay refused (lib/webhooks/address.ts).
  WEBHOOK_ALLOW_LOOPBACK: z.enum(["true", "false"], "WEBHOOK_ALLOW_LOOPBACK must be true or false").default("false"),
});

/**
 * The Partner Center connector's settings (issue 15). The base URLs are settings so that tests can point them at
 * a local fake; production uses Microsoft's. The encryption key (base64 of 32 bytes) protects the stored client
 * secrets; `_PREVIOUS` still decrypts what an earlier key made, during a rotation.
 */
function connectorEnvShape() {
  return {
    PCP_ENCRYPTION_KEY: z.string().optional(),
    PCP_ENCRYPTION_KEY_PREVIOUS: z.string().optional(),
    PARTNER_CENTER_API_URL: z
      .url("PARTNER_CENTER_API_URL must be a URL such as https://api.partnercenter.microsoft.com")
      .default("https://api.partnercenter.microsoft.com"),
    PARTNER_CENTER_AUTHORITY_URL: z
      .url("PARTNER_CENTER_AUTHORITY_URL must be a URL such as https://login.microsoftonline.com")
      .default("https://login.microsoftonline.com"),
    // Seconds before the first check of a report execution that is still running (doubling up to 15 minutes).
    PARTNER_CENTER_POLL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  };
}

const connectorEnvSchema = z.object(connectorEnvShape());
export type ConnectorEnv = z.infer<typeof connectorEnvSchema> & {
  /** The key that encrypts, then the previous one (decrypt only); empty when no key is configured. */
  keys: SecretKey[];
};

/**
 * The connector's settings read from the environment now (not cached, so tests may change them). Throws a
 * ConfigError naming the variable when a key is malformed.
 */
export function connectorEnv(source: Record<string, string | undefined> = process.env): ConnectorEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = connectorEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Configuration error — ${issue.message}. Fix it in your environment or .env file.`);
  }
  const env = result.data;
  try {
    const keys = env.PCP_ENCRYPTION_KEY ? [parseSecretKey(env.PCP_ENCRYPTION_KEY, "PCP_ENCRYPTION_KEY")] : [];
    if (env.PCP_ENCRYPTION_KEY_PREVIOUS)
      keys.push(parseSecretKey(env.PCP_ENCRYPTION_KEY_PREVIOUS, "PCP_ENCRYPTION_KEY_PREVIOUS"));
    return { ...env, keys };
  } catch (err) {
    throw new ConfigError(`Configuration error — ${(err as Error).message} Fix it in your environment or .env file.`);
  }
}

export type ServerEnv = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseEnv(source: Record<string, string | undefined>): ServerEnv {
  // Treat empty strings as unset: `.env` files often carry `DATABASE_URL=` placeholders.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "configuration");
    const message = issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    throw new ConfigError(`Configuration error — ${message}. Fix it in your environment or .env file.`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.AUTH_SECRET) {
    throw new ConfigError(
      "Configuration error — AUTH_SECRET is required in production: set it to a random string of at least 32 characters (for example the output of `openssl rand -base64 32`).",
    );
  }
  if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
    throw new ConfigError(
      "Configuration error — MIGRATION_DATABASE_URL is set without DATABASE_URL: set DATABASE_URL to the run-time role's connection (see README, Running on PostgreSQL).",
    );
  }
  const entra = [
    env.AUTH_MICROSOFT_ENTRA_ID_ID,
    env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
    env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
  ];
  if (entra.some(Boolean) && !entra.every(Boolean)) {
    throw new ConfigError(
      "Configuration error — Microsoft Entra ID sign-in needs all three of AUTH_MICROSOFT_ENTRA_ID_ID, AUTH_MICROSOFT_ENTRA_ID_SECRET and AUTH_MICROSOFT_ENTRA_ID_ISSUER (or none of them). Fix it in your environment or .env file.",
    );
  }
  // A malformed encryption key stops start-up rather than the first connector run.
  connectorEnv(cleaned);
  const issuer = env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ? new URL(env.AUTH_MICROSOFT_ENTRA_ID_ISSUER) : null;
  // Tokens from a plain-HTTP issuer could be read or forged on the way; only a loopback issuer (a local test
  // provider) may use it.
  if (issuer && issuer.protocol !== "https:" && !["127.0.0.1", "localhost", "[::1]"].includes(issuer.hostname)) {
    throw new ConfigError(
      "Configuration error — AUTH_MICROSOFT_ENTRA_ID_ISSUER must be an https:// URL (only a loopback test issuer may use http). Fix it in your environment or .env file.",
    );
  }
  return env;
}

/** Whether the Microsoft Entra ID provider is switched on. */
export function entraEnabled(env: ServerEnv): boolean {
  return Boolean(
    env.AUTH_MICROSOFT_ENTRA_ID_ID && env.AUTH_MICROSOFT_ENTRA_ID_SECRET && env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
  );
}

let cached: ServerEnv | undefined;
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Reads the environment again on next use: for tests that change a setting (e.g. SMTP_URL) between cases. */
export function resetServerEnv(): void {
  cached = undefined;
}
