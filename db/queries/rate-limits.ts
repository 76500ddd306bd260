import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimitCount = { current: number; previous: number };

/**
 * Counts one request against `bucket`/`key` in the window starting at `windowStart`, and reads the previous
 * window's total — in ONE statement. The upsert takes the row's lock, so when parallel requests arrive each
 * sees its own, strictly increasing count: none can read a stale total and slip past the limit.
 */
export async function countRateLimitHit(
  db: Db,
  at: { bucket: string; key: string; windowStart: Date; previousWindowStart: Date },
): Promise<RateLimitCount> {
  const res = await db.execute(sql`
    with hit as (
      insert into ${rateLimits} (bucket, key, window_start, hits)
      values (${at.bucket}, ${at.key}, ${at.windowStart.toISOString()}, 1)
      on conflict (bucket, key, window_start) do update set hits = ${rateLimits}.hits + 1
      returning hits
    )
    select hit.hits as current,
           coalesce((select p.hits from ${rateLimits} p
                      where p.bucket = ${at.bucket} and p.key = ${at.key}
                        and p.window_start = ${at.previousWindowStart.toISOString()}), 0) as previous
      from hit`);
  const row = (res as unknown as { rows: { current: number | string; previous: number | string }[] }).rows[0]!;
  return { current: Number(row.current), previous: Number(row.previous) };
}

/** Takes one hit back (e.g. a sign-in that turned out to be right, when only failures should count). */
export async function refundRateLimitHit(
  db: Db,
  at: { bucket: string; key: string; windowStart: Date },
): Promise<void> {
  await db.execute(sql`
    update ${rateLimits} set hits = greatest(hits - 1, 0)
     where bucket = ${at.bucket} and key = ${at.key} and window_start = ${at.windowStart.toISOString()}`);
}

/** Deletes counters of windows that started before `before`; returns how many. */
export async function pruneRateLimits(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, before))
    .returning({ bucket: rateLimits.bucket });
  return deleted.length;
}
