import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { SESSION_ABSOLUTE_MS } from "@/lib/auth/session-policy";
import { signInSchema } from "@/lib/auth/schemas";
import { entraEnabled, serverEnv } from "@/lib/env";
import { externalSignIn } from "./external-sign-in";
import { authSecret } from "./auth-secret";
import { checkCredentials } from "./credentials";
import { beginSession } from "./session-start";
import { endSessionOf, sessionIsLive } from "./session-end";

/**
 * Auth.js (next-auth v5) configuration. Sessions are signed JWTs in an httpOnly, SameSite=Lax
 * cookie (Secure in production) carrying only the user id and sessionVersion; who the user is and
 * what they may do is read from the database on every request (server/session.ts).
 */
export class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
export class SignInRateLimited extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export const ENTRA_PROVIDER_ID = "microsoft-entra-id";
/** The cookie lives as long as the session's absolute lifetime; the server-side record decides (session-policy). */
const SESSION_MAX_AGE_SECONDS = SESSION_ABSOLUTE_MS / 1000;

type Claims = { uid?: string; sv?: number; sid?: string };

function buildConfig(): NextAuthConfig {
  const env = serverEnv();
  const production = env.NODE_ENV === "production";
  const providers: NextAuthConfig["providers"] = [
    Credentials({
      id: "credentials",
      credentials: { email: {}, password: {} },
      authorize: async (raw, request) => {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const result = await checkCredentials(await getDb(), {
          email: parsed.data.email,
          password: parsed.data.password,
          ip: clientIpFrom(request.headers),
        });
        if (result.ok)
          return {
            id: result.user.id,
            email: result.user.email,
            name: result.user.name,
            sessionVersion: result.user.sessionVersion,
          };
        if (result.reason === "rate_limited") throw new SignInRateLimited(result.retryAfterSeconds);
        throw new InvalidCredentials();
      },
    }),
  ];
  if (entraEnabled(env)) {
    providers.push(
      MicrosoftEntraID({
        clientId: env.AUTH_MICROSOFT_ENTRA_ID_ID,
        clientSecret: env.AUTH_MICROSOFT_ENTRA_ID_SECRET,
        issuer: env.AUTH_MICROSOFT_ENTRA_ID_ISSUER,
        // Only the sign-in claims: the provider's default also asks for Graph's User.Read and fetches the profile
        // photo from Graph at every sign-in, which the portal never shows (the session holds ids only).
        authorization: { params: { scope: "openid profile email" } },
        profile: (p: { sub: string; name?: string; email?: string }) => ({
          id: p.sub,
          name: p.name ?? null,
          email: p.email ?? null,
          image: null,
        }),
      }),
    );
  }

  return {
    secret: authSecret(),
    trustHost: true,
    providers,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: production,
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // Wrong passwords are expected traffic, not server errors.
      error(error) {
        if (error instanceof CredentialsSignin || (error as { type?: string }).type === "CredentialsSignin") return;
        console.error(error);
      },
    },
    callbacks: {
      async signIn({ user, account, profile }) {
        if (account?.provider !== ENTRA_PROVIDER_ID) return true;
        // The identity (issuer + subject) decides which account this is, never the e-mail alone
        // (server/external-identities.ts). A refusal explains how to link from the signed-in account.
        const outcome = await externalSignIn(profile, env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ?? "");
        if (!outcome.ok) return `/link-microsoft?reason=${outcome.reason}`;
        // Auth.js hands this same object to the jwt callback: from here on it is the local user.
        Object.assign(user, { id: outcome.user.id, sessionVersion: outcome.user.sessionVersion });
        return true;
      },
      async jwt({ token, user, account }) {
        const claims = token as typeof token & Claims;
        // A signed-out, idle or expired session (or a cookie from before session records): the cookie is dropped.
        if (!account && !(await sessionIsLive(claims))) return null;
        if ((account?.provider === "credentials" || account?.provider === ENTRA_PROVIDER_ID) && user?.id) {
          claims.uid = user.id;
          claims.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        // A new sign-in gets its server-side session record (server/session-start.ts); every request checks it.
        if (account && claims.uid)
          claims.sid = await beginSession({
            id: claims.uid,
            sessionVersion: claims.sv ?? 0,
            method: account.provider === ENTRA_PROVIDER_ID ? "microsoft" : "password",
          });
        // Only identifiers live in the token; names and e-mails are read fresh from the database.
        const { uid, sv, sid } = claims;
        return { uid, sv, sid, sub: uid, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      async session({ session, token }) {
        const claims = token as Claims;
        return { ...session, userId: claims.uid, sessionVersion: claims.sv, sessionId: claims.sid };
      },
    },
    events: {
      // Signing out ends the server-side session: a copy of the cookie kept elsewhere stops working at once.
      async signOut(message) {
        if ("token" in message && message.token) await endSessionOf(message.token as Claims);
      },
    },
  };
}

// Lazy: the configuration (and the secret) is built on first use, never during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
