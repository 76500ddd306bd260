// One file per table; this index is what drizzle and the queries import.
export * from "./users";
export * from "./organizations";
export * from "./memberships";
