import type { Db } from "@/db/client";
import { queryNamed } from "@/db/driver";
import { isUuid } from "./users";
import { SESSION_IDLE_MS, SESSION_TOUCH_MS } from "@/lib/auth/session-policy";

/**
 * Everything a cached page (lib/page-cache/routes.ts) shows can only change when one of these changes, so a
 * rendered page stays valid exactly as long as this text stays the same:
 *  - the user (name, e-mail, session version) and all their memberships (the shell lists every organisation by
 *    name, with the role in the current one);
 *  - the organisation's settings (name, slug, rule set, M365 basis, enrolment date);
 *  - its snapshots (a recompute always adds a version), hand-entered scores (and who entered them), successful
 *    imports (the freshness card) and the monthly check's result (the staleness banner);
 *  - every import (sample data being loaded or cleared), the number of members and the invitations (the
 *    first-run checklist ticks "import", "invite a colleague").
 * Read from the tables themselves rather than from a counter bumped by every writer, so no write path can forget
 * it, and every app instance sees the same answer. Null when the session is no longer valid (the user is gone
 * or changed their password since: another session version; the user's address is not confirmed; the session record has ended, gone idle, passed its
 * absolute lifetime or still waits for its second factor — the same rules as lib/auth/session-policy.ts), when the
 * organisation requires two-factor authentication this session has not shown, or when the user is not a member
 * of the organisation — the page itself then answers as it does for anyone else. A cached view counts as
 * activity: the session's last_seen_at moves on as the app's own check does (at most once a minute).
 */
export const FINGERPRINT_SQL = `
  with sess as (
    select s.id, s.method, s.second_factor, s.last_seen_at
      from user_sessions s
     where s.id = $4 and s.user_id = $1 and s.session_version = $2
       and s.ended_at is null and not s.awaiting_second_factor
       and s.expires_at > now() and s.last_seen_at > now() - interval '${SESSION_IDLE_MS / 1000} seconds'
  ),
  touched as (
    update user_sessions set last_seen_at = now()
     where id = (select id from sess) and last_seen_at <= now() - interval '${SESSION_TOUCH_MS / 1000} seconds'
     returning id
  ),
  org as (
    select o.id, o.rule_set, o.m365_basis, o.enrolled_on
      from organizations o
      join memberships m on m.organization_id = o.id and m.user_id = $1
      join users u on u.id = m.user_id and u.session_version = $2 and u.email_verified_at is not null
      join sess on true
      left join organization_security os on os.organization_id = o.id
     where o.slug = $3
       and (not coalesce(os.require_two_factor, false) or sess.method = 'microsoft' or sess.second_factor is not null)
  )
  select (select id from org) as organization_id, concat_ws('|',
    (select concat_ws(',', u.name, u.email, u.session_version) from users u where u.id = $1),
    (select string_agg(concat_ws(',', o.id, o.slug, o.name, m.role), ';' order by o.id)
       from memberships m join organizations o on o.id = m.organization_id where m.user_id = $1),
    (select concat_ws(',', org.rule_set, org.m365_basis, org.enrolled_on) from org),
    (select concat_ws(',', count(*), max(s.computed_at)) from snapshots s join org on s.organization_id = org.id),
    (select md5(coalesce(string_agg(concat_ws(',', ms.id, ms.month, ms.track, ms.metric, ms.points, ms.entered_at, u.name), ';' order by ms.id), ''))
       from manual_scores ms join org on ms.organization_id = org.id left join users u on u.id = ms.entered_by),
    (select concat_ws(',', count(*), max(i.finished_at), max(i.data_month))
       from imports i join org on i.organization_id = org.id where i.status = 'succeeded'),
    (select concat_ws(',', count(*), max(i.created_at), count(*) filter (where i.sample))
       from imports i join org on i.organization_id = org.id),
    (select count(*) from memberships m join org on m.organization_id = org.id),
    (select concat_ws(',', count(*), max(v.created_at), max(v.revoked_at))
       from invitations v join org on v.organization_id = org.id),
    (select concat_ws(',', d.overdue_month, d.checked_at) from organization_data_status d join org on d.organization_id = org.id)
  ) as fingerprint`;

type Row = { organization_id: string | null; fingerprint: string | null };

export async function pageFingerprint(
  db: Db,
  session: { userId: string; sessionVersion: number; sessionId: string },
  slug: string,
): Promise<string | null> {
  if (!isUuid(session.userId) || !isUuid(session.sessionId)) return null;
  const values = [session.userId, session.sessionVersion, slug, session.sessionId];
  // On PostgreSQL a named statement: planning this query costs several times running it, and it runs on every
  // cached page view (each pooled connection prepares it once).
  const [row] = await queryNamed<Row>(db, "pcp_page_fingerprint", FINGERPRINT_SQL, values);
  return row?.organization_id ? row.fingerprint : null;
}
