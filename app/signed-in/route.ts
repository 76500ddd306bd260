import { safeCallbackPath } from "@/lib/auth/safe-path";
import { getCurrentUser, homePathFor } from "@/server/session";

/**
 * Where a sign-in that left the app (Microsoft Entra ID) comes back to: the page asked for, else the
 * user's first organisation. Locations are relative paths: Next 16 reports "localhost" as the host.
 */
export async function GET(request: Request) {
  const user = await getCurrentUser();
  const back = safeCallbackPath(new URL(request.url).searchParams.get("callbackUrl"), "");
  const location = !user ? "/sign-in" : back && back !== "/" ? back : await homePathFor(user.id);
  return new Response(null, { status: 303, headers: { Location: location } });
}
