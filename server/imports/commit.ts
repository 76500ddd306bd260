/**
 * The import no longer has a separate commit step (server/imports/run.ts stores rows in its one pass). This
 * module stays only because server/snapshots/recompute.ts takes the organisation's lock from here; import it
 * from ./revisions in new code.
 */
export { lockOrganisation } from "./revisions";
