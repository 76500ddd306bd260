import { NextResponse } from "next/server";
import { getDbHandle } from "@/db/client";
import { pingDb } from "@/db/migrate";

export const dynamic = "force-dynamic";

/** For load balancers and tests: 200 with the database round-trip, or 503 when it cannot be reached. */
export async function GET() {
  try {
    const handle = await getDbHandle();
    const ms = await pingDb(handle);
    return NextResponse.json(
      { status: "ok", database: { driver: handle.driver, roundTripMs: Math.round(ms * 100) / 100 } },
      { headers: { "Cache-Control": "no-store" } },
    );
  } catch {
    return NextResponse.json(
      { status: "unavailable", database: { error: "The database cannot be reached." } },
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
