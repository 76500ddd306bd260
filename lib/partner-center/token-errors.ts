/**
 * What a failed token request means for the person setting up the connection. Entra ID answers with AADSTS
 * codes (`error_codes`, and the text of `error_description`); the ones a wrong set-up produces are named here.
 */
export type TokenFailure = {
  kind: "wrong_tenant" | "wrong_client" | "wrong_secret" | "secret_expired" | "other";
  message: string;
};

const KNOWN: Record<number, TokenFailure> = {
  90002: {
    kind: "wrong_tenant",
    message:
      "Microsoft Entra ID does not know this tenant (AADSTS90002). Check the tenant id: it is the directory (tenant) id of your Partner Center account.",
  },
  900023: {
    kind: "wrong_tenant",
    message:
      "The tenant id is not a valid tenant (AADSTS900023). Use the directory (tenant) id, a GUID, from the app registration's overview.",
  },
  90013: {
    kind: "wrong_tenant",
    message: "The tenant id is not valid (AADSTS90013). Use the directory (tenant) id from the app registration.",
  },
  700016: {
    kind: "wrong_client",
    message:
      "No application with this application (client) id exists in that tenant (AADSTS700016). Check the application id, and that the app is registered in the same tenant.",
  },
  7000215: {
    kind: "wrong_secret",
    message:
      "Microsoft Entra ID refused the client secret (AADSTS7000215). Enter the secret's value (not its id) again.",
  },
  7000222: {
    kind: "secret_expired",
    message:
      "The client secret has expired (AADSTS7000222). Create a new secret in the app registration and enter it here.",
  },
  7000112: {
    kind: "wrong_client",
    message: "The application is disabled in its tenant (AADSTS7000112). Enable it, or use another application.",
  },
};

export function describeTokenFailure(
  status: number,
  body: { error?: string; error_description?: string; error_codes?: number[] } | null,
): TokenFailure {
  const codes = [...(body?.error_codes ?? [])];
  for (const m of (body?.error_description ?? "").matchAll(/AADSTS(\d+)/g)) codes.push(Number(m[1]));
  for (const code of codes) {
    const known = KNOWN[code];
    if (known) return known;
  }
  const code = codes[0] ? `AADSTS${codes[0]}` : (body?.error ?? `HTTP ${status}`);
  return {
    kind: "other",
    message: `Microsoft Entra ID did not issue a token (${code}). Check the tenant id, application id and secret.`,
  };
}
