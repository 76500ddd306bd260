// One file per table; this index is what drizzle and the queries import.
export * from "./users";
export * from "./organizations";
export * from "./memberships";
export * from "./sign-in-attempts";
export * from "./audit-log";
export * from "./imports";
export * from "./data-revisions";
export * from "./usage-rows";
export * from "./snapshots";
export * from "./jobs";
export * from "./data-status";
export * from "./invitations";
export * from "./manual-scores";
export * from "./external-identities";
export * from "./account-tokens";
export * from "./rate-limits";
