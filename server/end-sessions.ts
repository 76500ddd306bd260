import type { Db } from "@/db/client";
import type { User } from "@/db/schema";
import { bumpSessionVersion } from "@/db/queries/users";

/**
 * Ends every session of the user (all devices, this one included). The one place that knows how: today by
 * bumping users.session_version, which every request checks (server/session-user.ts). Server-side session
 * records will re-point this function; callers stay as they are.
 */
export async function endAllSessions(db: Db, userId: string): Promise<User> {
  return bumpSessionVersion(db, userId);
}
