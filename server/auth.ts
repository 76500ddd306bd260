import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import MicrosoftEntraID from "next-auth/providers/microsoft-entra-id";
import { getDb } from "@/db/client";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { signInSchema } from "@/lib/auth/schemas";
import { entraEnabled, serverEnv } from "@/lib/env";
import { externalSignIn } from "./external-sign-in";
import { authSecret } from "./auth-secret";
import { checkCredentials } from "./credentials";

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
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

type Claims = { uid?: string; sv?: number };

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
        if ((account?.provider === "credentials" || account?.provider === ENTRA_PROVIDER_ID) && user?.id) {
          claims.uid = user.id;
          claims.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        }
        // Only identifiers live in the token; names and e-mails are read fresh from the database.
        return { uid: claims.uid, sv: claims.sv, sub: claims.uid, iat: token.iat, exp: token.exp, jti: token.jti };
      },
      async session({ session, token }) {
        const claims = token as Claims;
        return { ...session, userId: claims.uid, sessionVersion: claims.sv };
      },
    },
  };
}

// Lazy: the configuration (and the secret) is built on first use, never during `next build`.
export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
