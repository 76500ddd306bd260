// The tests read a snapshot whole, as the REST API does.
export { findSnapshot } from "@/db/queries/snapshots";
