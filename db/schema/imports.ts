import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";
import { users } from "./users";

export const importSourceEnum = pgEnum("import_source", ["azure", "m365"]);

/**
 * An import moves through: uploaded → validating (one pass that checks every row and stores it, in one
 * transaction) → invalid | failed (nothing stored) | succeeded | awaiting_confirmation (rows stored as staged
 * revisions, when some months already have data) → succeeded (replace) | cancelled (staged rows deleted).
 */
export const importStatusEnum = pgEnum("import_status", [
  "uploaded",
  "validating",
  "invalid",
  "awaiting_confirmation",
  "succeeded",
  "failed",
  "cancelled",
]);

export const imports = pgTable(
  "imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    source: importSourceEnum("source").notNull(),
    fileName: text("file_name").notNull(),
    byteSize: bigint("byte_size", { mode: "number" }).notNull(),
    /** Where the uploaded file waits until its import runs; removed when the pass over it ends. */
    storagePath: text("storage_path"),
    status: importStatusEnum("status").notNull().default("uploaded"),
    rowsProcessed: integer("rows_processed").notNull().default(0),
    bytesProcessed: bigint("bytes_processed", { mode: "number" }).notNull().default(0),
    /** Field → column header as written in the file. */
    columnMapping: jsonb("column_mapping").$type<Record<string, string | null>>(),
    preview: jsonb("preview").$type<{ headers: string[]; rows: string[][] }>(),
    summary: jsonb("summary").$type<Record<string, unknown>>(),
    errors: jsonb("errors").$type<{ file: string; line: number | null; column: string | null; message: string }[]>(),
    errorTotal: integer("error_total").notNull().default(0),
    failureReason: text("failure_reason"),
    months: jsonb("months").$type<string[]>(),
    /**
     * The data month M this refresh brings (the last complete month of the export). Chosen on upload, or else
     * the latest month in the file. Snapshots are kept for every month up to the latest imported data month.
     */
    dataMonth: text("data_month"),
    /** Months of this file that already had data when it was validated. */
    conflictingMonths: jsonb("conflicting_months").$type<string[]>(),
    /** Why the import waits for confirmation besides replacing months (e.g. a month years ahead). */
    confirmReasons: jsonb("confirm_reasons").$type<string[]>(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("imports_org_idx").on(t.organizationId, t.createdAt)],
);

export type Import = typeof imports.$inferSelect;
