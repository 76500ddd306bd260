"use client";

import { useEffect } from "react";

import { LAST_ORG_COOKIE, LAST_ORG_MAX_AGE_SECONDS } from "@/lib/last-org";

/**
 * Remembers the organisation being viewed (server/session.ts `homePathFor` reads it). Written from the browser
 * because server components cannot set cookies, and every organisation page renders this through its layout.
 */
function RememberOrg({ slug }: { slug: string }) {
  useEffect(() => {
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `${LAST_ORG_COOKIE}=${encodeURIComponent(slug)}; path=/; max-age=${LAST_ORG_MAX_AGE_SECONDS}; samesite=lax${secure}`;
  }, [slug]);
  return null;
}

export { RememberOrg };
