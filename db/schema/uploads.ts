import { bigint, customType, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { importSourceEnum, imports } from "./imports";
import { organizations } from "./organizations";
import { users } from "./users";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/**
 * An uploaded file on its way to an import, kept in the database so that every instance can read it (no local
 * disk is shared between instances). It is created by the upload's first request (tus "creation"), filled by
 * pieces in order (`upload_chunks`), turned into an import when its last byte arrives, and deleted with its
 * pieces when the import's pass over it ends, or when it is refused or abandoned.
 */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    source: importSourceEnum("source").notNull(),
    fileName: text("file_name").notNull(),
    dataMonth: text("data_month"),
    /** The file's size as declared when the upload began; null while a single-request upload streams in. */
    length: bigint("length", { mode: "number" }),
    /** Bytes stored so far: the offset the next piece must start at (tus Upload-Offset). */
    received: bigint("received", { mode: "number" }).notNull().default(0),
    /** The import made of this upload once it was complete; its job reads and then deletes the upload. */
    importId: uuid("import_id").references(() => imports.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_org_idx").on(t.organizationId), index("uploads_updated_idx").on(t.updatedAt)],
);

/** The bytes of an upload, in pieces of up to a few MB keyed by the offset of their first byte. */
export const uploadChunks = pgTable(
  "upload_chunks",
  {
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    offset: bigint("offset", { mode: "number" }).notNull(),
    data: bytea("data").notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.offset] })],
);

export type Upload = typeof uploads.$inferSelect;
